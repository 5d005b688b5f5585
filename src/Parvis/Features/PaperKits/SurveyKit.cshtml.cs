using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Features.Surveys;
using Parvis.Features.Surveys.Manage;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.PaperKits;

/// <summary>
/// Printing a survey's kit: numbered answer sheets with every part and question, and a poster with a QR code. Those who
/// manage the survey print it (<see cref="SurveyStaffCommands.FindAsync"/>: the survey's service, or any agent for a survey
/// without one, and administrators).
/// </summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class SurveyKitModel(SurveyStaffCommands commands, SurveyQueries queries, SurveyKits kits) : PageModel, IRedisplaysBrokenRules
{
    public SurveyStructure Survey { get; private set; } = null!;

    [BindProperty] public int? Count { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Count = 20;
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var bounced = ModelState.GetFieldValidationState(nameof(Count)) == ModelValidationState.Invalid;
        ModelState.Clear();
        await LoadAsync(id);
        // An unreadable count is no count: the survey's own rule refuses it with its message.
        var sheets = await kits.PrintSheetsAsync(Survey.Survey, bounced ? 0 : Count ?? 0);
        var pdf = PaperKitPdf.Sheets(kits.ContentOf(Survey), sheets);
        return File(pdf, "application/pdf", $"kit-enquete-{id}-feuilles-{sheets[0].Sheet}-{sheets[^1].Sheet}.pdf");
    }

    public async Task<IActionResult> OnGetPosterAsync(int id, string? format)
    {
        await LoadAsync(id);
        Survey.Survey.EnsurePrintable();
        var a3 = string.Equals(format, "A3", StringComparison.OrdinalIgnoreCase);
        return File(PaperKitPdf.Poster(kits.ContentOf(Survey), a3), "application/pdf",
            $"affiche-enquete-{id}-{(a3 ? "a3" : "a4")}.pdf");
    }

    public string BrokenRuleField(string? handler) => handler == "Poster" ? "" : nameof(Count);

    private async Task LoadAsync(int id)
    {
        await commands.FindAsync(User, id);
        Survey = (await queries.StructureAsync(id, publishedOnly: false))!;
    }
}
