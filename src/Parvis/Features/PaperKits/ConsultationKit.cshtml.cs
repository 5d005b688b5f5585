using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.PaperKits;

/// <summary>
/// Printing a consultation's kit: numbered answer sheets for people who are not online, and a poster with a QR code.
/// Those who enter what comes back on paper (the consultation's service staff) print it.
/// </summary>
[Authorize(Policy = Policies.Answer)]
public class ConsultationKitModel(ConsultationKits kits, IAuthorizationService authorization) : PageModel, IRedisplaysBrokenRules
{
    public Consultation Consultation { get; private set; } = null!;

    [BindProperty] public int? Count { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Count = 20;
        return await LoadAsync(id) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var bounced = ModelState.GetFieldValidationState(nameof(Count)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        ModelState.Clear();
        if (await LoadAsync(id) is { } refused) return refused;
        // An unreadable count is no count: the consultation's own rule refuses it with its message.
        var sheets = await kits.PrintSheetsAsync(Consultation, bounced ? 0 : Count ?? 0);
        var pdf = PaperKitPdf.Sheets(kits.ContentOf(Consultation), sheets);
        return File(pdf, "application/pdf", $"kit-concertation-{id}-feuilles-{sheets[0].Sheet}-{sheets[^1].Sheet}.pdf");
    }

    public async Task<IActionResult> OnGetPosterAsync(int id, string? format)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var a3 = string.Equals(format, "A3", StringComparison.OrdinalIgnoreCase);
        return File(PaperKitPdf.Poster(kits.ContentOf(Consultation), a3), "application/pdf",
            $"affiche-concertation-{id}-{(a3 ? "a3" : "a4")}.pdf");
    }

    public string BrokenRuleField(string? handler) => nameof(Count);

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var consultation = await kits.FindAsync(id);
        if (consultation is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        Consultation = consultation;
        return null;
    }
}
