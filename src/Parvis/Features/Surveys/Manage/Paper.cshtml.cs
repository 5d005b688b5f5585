using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys.Manage;

/// <summary>
/// An agent enters an answer received on paper: every question on one page (a question whose condition the sheet does not
/// meet is dropped, whatever was typed for it), the sheet's reference when it has one, the channel "papier".
/// </summary>
[Authorize(Policy = Policies.ManageConsultations)]
[RateLimited(RateLimits.Posting)]
public class PaperModel(SurveyStaffCommands commands, SurveyQueries queries, SurveyAnswering answering) : PageModel, IRedisplaysBrokenRules
{
    public SurveyStructure Survey { get; private set; } = null!;
    public Dictionary<string, List<string>> Values { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "feuille")] public string? Sheet { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        await LoadAsync(id);
        KeepTyped();
        if (Sheet is { Length: > 40 })
            throw new DomainException("Cette référence de feuille n'est pas valide : vérifiez-la sur la feuille (exemple : Q12-0042-K).");
        var answers = SurveyAnswers.Read(Survey, Request.Form, [.. Survey.Sections.Select(s => s.Id)]);
        if (answers.Errors.Count > 0)
        {
            foreach (var (field, error) in answers.Errors) ModelState.AddDomainError(field, error);
            return Page();
        }
        await answering.EnterPaperAsync(Survey, answers, Sheet);
        TempData["Message"] = "Réponse papier enregistrée.";
        return Redirect($"/admin/enquetes/{id}/papier");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync(this.RouteId()!.Value);
        KeepTyped();
        return true;
    }

    public string BrokenRuleField(string? handler) => "";

    private void KeepTyped()
    {
        if (!Request.HasFormContentType) return;
        Values = Request.Form.Where(f => f.Key.StartsWith('q'))
            .ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToList());
    }

    private async Task LoadAsync(int id)
    {
        await commands.FindAsync(User, id);
        Survey = (await queries.StructureAsync(id, publishedOnly: false))!;
    }
}
