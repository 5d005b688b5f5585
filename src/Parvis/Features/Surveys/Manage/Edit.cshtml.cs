using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Surveys.Manage;

/// <summary>One survey for staff: its settings, sections and questions (until publication), publication and closing.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(SurveyStaffCommands commands, SurveyQuestionCommands structure, SurveyStaffQueries staffQueries,
    SurveyQueries queries, TenantContext tenant) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public SurveyForm Form { get; set; } = new();
    [BindProperty] public QuestionForm Question { get; set; } = new();
    public SurveyStaffQueries.Choices Choices { get; private set; } = null!;
    public SurveyStructure Survey { get; private set; } = null!;
    public string State { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id, fillForm: true);

    public Task<IActionResult> OnPostAsync(int id) =>
        ActAsync(id, s => commands.UpdateAsync(User, s, Form), "Enquête enregistrée.", keep: "Form", anchor: "reglages");

    public Task<IActionResult> OnPostPublishAsync(int id) =>
        ActAsync(id, commands.PublishAsync, "Enquête publiée : elle est ouverte aux réponses.");

    public Task<IActionResult> OnPostCloseAsync(int id) => ActAsync(id, commands.CloseAsync, "Enquête close.");

    public Task<IActionResult> OnPostAddSectionAsync(int id, string? sectionTitle) =>
        ActAsync(id, s => structure.AddSectionAsync(s, sectionTitle), "Partie ajoutée.", anchor: "questions");

    public Task<IActionResult> OnPostRenameSectionAsync(int id, int sectionId, string? sectionTitle) =>
        ActAsync(id, s => structure.RenameSectionAsync(s, sectionId, sectionTitle), "Partie renommée.", anchor: "questions");

    public Task<IActionResult> OnPostMoveSectionAsync(int id, int sectionId, bool up) =>
        ActAsync(id, s => structure.MoveSectionAsync(s, sectionId, up), "Partie déplacée.", anchor: "questions");

    public Task<IActionResult> OnPostAddQuestionAsync(int id) =>
        ActAsync(id, s => structure.AddQuestionAsync(s, Question), "Question ajoutée.", keep: "Question", anchor: "questions");

    public Task<IActionResult> OnPostRemoveQuestionAsync(int id, int questionId) =>
        ActAsync(id, s => structure.RemoveQuestionAsync(s, questionId), "Question retirée.", anchor: "questions");

    // What was typed in the form that failed is kept when a rule is broken; the other forms show the survey.
    private string? _keep;

    private async Task<IActionResult> ActAsync(int id, Func<Survey, Task> action, string success, string? keep = null, string anchor = "")
    {
        _keep = keep;
        var unreadable = keep is not null && !ModelState.IsValid;
        var survey = await commands.FindAsync(User, id);
        // A value the browser could not check (a date, a number) arrives unreadable: refused, nothing saved.
        if (unreadable) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        ModelState.Clear();
        await action(survey);
        TempData["Message"] = success;
        return Redirect($"/admin/enquetes/{id}" + (anchor.Length > 0 ? "#" + anchor : ""));
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() =>
        await ShowAsync(this.RouteId()!.Value, fillForm: _keep != "Form") is PageResult;

    public string BrokenRuleField(string? handler) => "";

    private async Task<IActionResult> ShowAsync(int id, bool fillForm)
    {
        await commands.FindAsync(User, id);
        Survey = (await queries.StructureAsync(id, publishedOnly: false))!;
        if (fillForm) Form = SurveyForm.From(Survey.Survey, tenant.Organization);
        if (_keep != "Question") Question = new QuestionForm { SectionId = Survey.Sections.Count > 0 ? Survey.Sections[^1].Id : null };
        Choices = await staffQueries.ChoicesAsync(SurveyStaffCommands.IsAdministrator(User));
        State = SurveyLabels.StateOf(Survey.Survey, staffQueries.Now);
        return Page();
    }
}
