using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Contributions;

/// <summary>
/// The link e-mailed to an author without an account. Opening it shows a button: mail scanners that
/// fetch links must not publish anything by themselves.
/// </summary>
public class ConfirmModel(AnonymousContributions anonymous) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }
    public int ContributionId { get; private set; }

    public void OnGet(int id) => ContributionId = id;

    public async Task<IActionResult> OnPostAsync(int id)
    {
        ContributionId = id;
        var contribution = await anonymous.ConfirmAsync(id, Token);
        TempData["Message"] = contribution.IsVisible
            ? "Merci, votre contribution est publiée."
            : "Merci, votre contribution sera publiée après validation par la modération.";
        return contribution.IsVisible ? Redirect($"/contributions/{id}") : Redirect($"/concertations/{contribution.ConsultationId}");
    }
}
