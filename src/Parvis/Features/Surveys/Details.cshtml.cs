using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys;

/// <summary>
/// A survey's page, answered one section per step without JavaScript: each step posts every answer so far (the earlier
/// ones in hidden fields), the server checks them and decides from them which later questions apply; nothing is saved
/// before the last step.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class DetailsModel(SurveyQueries queries, SurveyAnswering answering) : PageModel, IRedisplaysBrokenRules
{
    public SurveyStructure Survey { get; private set; } = null!;
    public ParticipationRefusal? Refusal { get; private set; }
    public bool IsOpen { get; private set; }
    public SurveyResponse? Existing { get; private set; }
    /// <summary>The section asked now (index in the survey's sections).</summary>
    public int Step { get; private set; }
    public SurveyAnswers? Earlier { get; private set; }
    /// <summary>What the fields of the step show (a changed answer's values, or what was posted).</summary>
    public Dictionary<string, List<string>> Values { get; private set; } = [];
    public bool Changing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool modifier = false)
    {
        if (!await LoadAsync(id)) return NotFound();
        SurveyAnswering.KeepPersonal(HttpContext);
        if (Existing is not null && modifier && Survey.Survey.AllowChanges && IsOpen)
        {
            Changing = true;
            Values = await answering.FieldsOfAsync(Survey, Existing.Id);
        }
        Step = FirstStep(SurveyAnswers.Read(Survey, new FormCollection([]), []));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int step)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Refused(id) is { } refused) return refused;
        Values = Request.Form.Keys.ToDictionary(k => k, k => Request.Form[k].Where(v => v is not null).Select(v => v!).ToList());
        Changing = Existing is not null;
        var sections = Survey.Sections;
        step = Math.Clamp(step, 0, Math.Max(0, sections.Count - 1));
        var answers = SurveyAnswers.Read(Survey, Request.Form, [.. sections.Take(step + 1).Select(s => s.Id)]);
        if (answers.Errors.Count > 0)
        {
            // The earliest section with a mistake is asked again (an earlier one only when its hidden answers were altered).
            Step = sections.Select((s, i) => (s, i)).First(x => Survey.QuestionsOf(x.s.Id)
                .Any(q => answers.Errors.ContainsKey(SurveyAnswers.Field(q.Id)))).i;
            Earlier = SurveyAnswers.Read(Survey, Request.Form, [.. sections.Take(Step).Select(s => s.Id)]);
            foreach (var (key, error) in answers.Errors) ModelState.AddDomainError(key, error);
            return Page();
        }
        var next = NextStep(answers, step + 1);
        if (next < sections.Count)
        {
            Step = next;
            Earlier = answers;
            return Page();
        }
        Step = step;
        Earlier = SurveyAnswers.Read(Survey, Request.Form, [.. sections.Take(step).Select(s => s.Id)]);
        var who = SurveyAnswering.RespondentOf(HttpContext, create: Survey.Survey.IsAnonymous);
        var changed = await answering.SubmitAsync(User, Survey, who, answers);
        TempData["Message"] = changed ? "Votre réponse a été modifiée." : "Merci, votre réponse est enregistrée.";
        return Redirect(Survey.Survey.PublicResults || Survey.Survey.IsQuickQuestion ? $"/enquetes/{id}/resultats" : $"/enquetes/{id}");
    }

    /// <summary>The quick question: one click (or one sentence) and the results.</summary>
    public async Task<IActionResult> OnPostQuickAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Refused(id) is { } refused) return refused;
        var answers = SurveyAnswers.Read(Survey, Request.Form, [.. Survey.Sections.Select(s => s.Id)]);
        if (answers.Errors.Count > 0 || answers.ByQuestion.Count == 0)
        {
            foreach (var (key, error) in answers.Errors) ModelState.AddDomainError(key, error);
            if (answers.Errors.Count == 0) ModelState.AddModelError("", "Choisissez une réponse.");
            return Page();
        }
        var who = SurveyAnswering.RespondentOf(HttpContext, create: Survey.Survey.IsAnonymous);
        await answering.SubmitAsync(User, Survey, who, answers);
        TempData["Message"] = "Merci, votre réponse est enregistrée.";
        return Redirect($"/enquetes/{id}/resultats");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        if (this.RouteId() is not { } id || !await LoadAsync(id)) return false;
        Step = Math.Clamp(Step, 0, Math.Max(0, Survey.Sections.Count - 1));
        return true;
    }

    /// <summary>A closed survey or a level not met stops every step, not only the last; without an account, the sign-in.</summary>
    private RedirectResult? Refused(int id)
    {
        Survey.Survey.EnsureOpen(queries.Now);
        if (Refusal is { NeedsSignIn: true }) return Redirect("/compte/connexion?ReturnUrl=" + Uri.EscapeDataString($"/enquetes/{id}"));
        if (Refusal is { } refusal) throw refusal.Reason;
        return null;
    }

    private int FirstStep(SurveyAnswers none) => NextStep(none, 0);

    /// <summary>The next section from <paramref name="from"/> that has a question to ask, given the answers so far.</summary>
    private int NextStep(SurveyAnswers answers, int from)
    {
        for (var i = from; i < Survey.Sections.Count; i++)
            if (Survey.QuestionsOf(Survey.Sections[i].Id).Any(answers.IsShown)) return i;
        return Survey.Sections.Count;
    }

    /// <summary>No later section can apply: the button sends the answer instead of going on.</summary>
    public bool IsLastStep
    {
        get
        {
            var known = Earlier ?? SurveyAnswers.Read(Survey, new FormCollection([]), []);
            for (var i = Step + 1; i < Survey.Sections.Count; i++)
                if (Survey.QuestionsOf(Survey.Sections[i].Id).Any(q => q.ConditionQuestionId is null || known.IsShown(q) || DependsOnStep(q)))
                    return false;
            return true;
        }
    }

    // Later questions may hang on this step's answers, not known yet.
    private bool DependsOnStep(SurveyQuestion q) =>
        q.ConditionQuestionId is { } on && Survey.Questions.Any(c => c.Id == on && c.SectionId == Survey.Sections[Step].Id);

    private async Task<bool> LoadAsync(int id)
    {
        if (await queries.StructureAsync(id, publishedOnly: true) is not { } survey) return false;
        Survey = survey;
        IsOpen = survey.Survey.IsOpenAt(queries.Now);
        Refusal = await answering.RefusalAsync(User, survey.Survey);
        Existing = await answering.ExistingAsync(id, SurveyAnswering.RespondentOf(HttpContext, create: false));
        return true;
    }
}
