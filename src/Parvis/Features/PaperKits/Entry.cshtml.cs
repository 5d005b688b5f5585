using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.PaperKits;

/// <summary>
/// An agent with a pile of answer sheets types a sheet's reference and lands on the form that enters it, for the right
/// consultation and sheet. A reference mistyped, of another organization or never printed is said so, in French.
/// </summary>
[Authorize(Policy = Policies.Answer)]
public class EntryModel(ConsultationKits kits, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "reference")] public string? Reference { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Reference)) return Page();
        if (Reference.Length > 40 || !PaperSheetReference.TryParse(Reference, out var sheet))
            return Refuse("Cette référence n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).");
        // Another organization's consultation is not found here: the tenant filter applies to the lookup.
        var consultation = sheet.Kind == PaperKitKind.Consultation ? await kits.FindAsync(sheet.SubjectId) : null;
        if (consultation is null) return Refuse("Aucune consultation ne correspond à cette référence.");
        if (!(await authorization.AuthorizeAsync(User, consultation, ServiceStaffRequirement.Instance)).Succeeded)
            return Refuse("Cette feuille relève d'un autre service.");
        if (sheet.Sheet > consultation.PaperSheetsPrinted) return Refuse("Aucune feuille n'a été imprimée sous cette référence.");
        return Redirect($"/concertations/{consultation.Id}?feuille={Uri.EscapeDataString(sheet.ToString())}#saisie-hors-ligne");
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Reference), message);
        return Page();
    }
}
