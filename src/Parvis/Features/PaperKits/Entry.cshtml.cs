using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.PaperKits;

/// <summary>
/// An agent with a pile of answer sheets types a sheet's reference and lands on the form that enters it, for the right
/// consultation or survey and sheet. A reference mistyped, of another organization, never printed or (a survey's sheet)
/// already entered is said so, in French.
/// </summary>
[Authorize(Policy = Policies.Answer)]
public class EntryModel(ConsultationKits kits, SurveyKits surveys, IAuthorizationService authorization) : PageModel,
    IRedisplaysBrokenRules
{
    public string BrokenRuleField(string? handler) => nameof(Reference);

    [BindProperty(SupportsGet = true, Name = "reference")] public string? Reference { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Reference)) return Page();
        if (Reference.Length > 40 || !PaperSheetReference.TryParse(Reference, out var sheet))
            return Refuse("Cette référence n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).");
        if (sheet.Kind == PaperKitKind.Survey) return await SurveySheetAsync(sheet);
        // Another organization's consultation is not found here: the tenant filter applies to the lookup.
        var consultation = await kits.FindAsync(sheet.SubjectId);
        if (consultation is null) return Refuse("Aucune consultation ne correspond à cette référence.");
        if (!(await authorization.AuthorizeAsync(User, consultation, ServiceStaffRequirement.Instance)).Succeeded)
            return Refuse("Cette feuille relève d'un autre service.");
        if (sheet.Sheet > consultation.PaperSheetsPrinted) return Refuse("Aucune feuille n'a été imprimée sous cette référence.");
        return Redirect($"/concertations/{consultation.Id}?feuille={Uri.EscapeDataString(sheet.ToString())}#saisie-hors-ligne");
    }

    /// <summary>A survey's sheet: to the survey's paper form, the reference filled in, unless that sheet is already entered.</summary>
    private async Task<IActionResult> SurveySheetAsync(PaperSheetReference sheet)
    {
        var survey = await surveys.FindAsync(sheet.SubjectId);
        if (survey is null) return Refuse("Aucune enquête ne correspond à cette référence.");
        // The rule of the survey's staff pages, so the form it leads to does not refuse the agent.
        if (!(await authorization.AuthorizeAsync(User, survey, ServiceStaffRequirement.OrUnassigned)).Succeeded)
            return Refuse("Cette feuille relève d'un autre service.");
        survey.SheetOf(Reference); // never printed: the survey's rule says so, through the page filter
        if (await surveys.IsEnteredAsync(survey.Id, sheet.Sheet)) return Refuse("Cette feuille a déjà été saisie.");
        return Redirect($"/admin/enquetes/{survey.Id}/papier?feuille={Uri.EscapeDataString(sheet.ToString())}");
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Reference), message);
        return Page();
    }
}
