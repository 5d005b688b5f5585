using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>Residence by post: declare the address and its quartier, then type the code of the letter an agent sends.</summary>
[Authorize]
[RateLimited(RateLimits.IdentityChecks)]
public class PostalLetterModel(PostalLetters letters, ParvisDbContext db, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public PostalLetterRequest? Current { get; private set; }
    public PostalLetterState? State { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public bool Offered => tenant.Organization.Identity.Offers(VerificationMethod.PostalLetter);
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task OnGetAsync()
    {
        await letters.EraseExpiredAddressesAsync();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRequestAsync(int? territoryId, string? recipientName, string? addressLine1, string? addressLine2, string? postalCode, string? city)
    {
        if (!Offered) return NotFound();
        await letters.RequestAsync(User.UserId()!.Value, territoryId, recipientName, addressLine1, addressLine2, postalCode, city);
        TempData["Message"] = "Demande enregistrée : un agent vous enverra le courrier.";
        return RedirectToPage(new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostCodeAsync(string? code)
    {
        if (!Offered) return NotFound();
        await letters.EnterCodeAsync(User.UserId()!.Value, code);
        TempData["Message"] = "Votre adresse est vérifiée.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/compte/identite");
    }

    private async Task LoadAsync()
    {
        Current = await letters.CurrentAsync(User.UserId()!.Value);
        State = Current?.StateAt(clock.GetUtcNow().UtcDateTime);
        Territories = await TerritoryTree.OptionsAsync(db);
    }

    public string Local(DateTime utc) => tenant.Organization.ToLocal(utc).ToString("d MMMM yyyy");

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    public string BrokenRuleField(string? handler) => handler == "Code" ? "code" : "";
}
