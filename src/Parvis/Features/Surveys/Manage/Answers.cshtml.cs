using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Surveys.Manage;

/// <summary>A survey's answers for staff: the written answers with their moderation, the counts by channel, the CSV export.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class AnswersModel(SurveyStaffCommands commands, SurveyStaffQueries staffQueries, SurveyQueries queries) : PageModel,
    IRedisplaysBrokenRules
{
    public SurveyStructure Survey { get; private set; } = null!;
    public List<SurveyStaffQueries.TextRow> Texts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        Texts = await staffQueries.TextsAsync(Survey);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        await LoadAsync(id);
        return await staffQueries.ExportAsync(Survey, $"enquete-{id}-reponses.csv");
    }

    public Task<IActionResult> OnPostHideAsync(int id, long textId) => ModerateAsync(id, textId, hidden: true);

    public Task<IActionResult> OnPostShowAsync(int id, long textId) => ModerateAsync(id, textId, hidden: false);

    private async Task<IActionResult> ModerateAsync(int id, long textId, bool hidden)
    {
        var survey = await commands.FindAsync(User, id);
        await commands.SetTextHiddenAsync(survey, textId, hidden);
        TempData["Message"] = hidden
            ? "Réponse masquée : elle n'apparaît plus dans les résultats publics."
            : "Réponse de nouveau visible.";
        return Redirect($"/admin/enquetes/{id}/reponses#texte-{textId}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync(this.RouteId()!.Value);
        Texts = await staffQueries.TextsAsync(Survey);
        return true;
    }

    private async Task LoadAsync(int id)
    {
        await commands.FindAsync(User, id);
        Survey = (await queries.StructureAsync(id, publishedOnly: false))!;
    }
}
