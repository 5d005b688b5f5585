using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.FranceConnect;

/// <summary>A certified identity that no account holds yet: the person picks a pseudonym and accepts the charter.</summary>
[RateLimited(RateLimits.SignUp)]
public class CreateAccountModel(TenantContext tenant, IDataProtectionProvider protection, OidcCookies cookies,
    FranceConnectCommands commands, SignInManager<ParvisUser> signIn) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public CreateAccountForm Form { get; set; } = new();
    public string DisplayName { get; private set; } = "";
    public string? Email { get; private set; }
    public bool Expired { get; private set; }

    public sealed class CreateAccountForm
    {
        [Required(ErrorMessage = "Choisissez un pseudonyme.")]
        [StringLength(60, MinimumLength = 2, ErrorMessage = "Le pseudonyme compte de 2 à 60 caractères.")]
        public string Pseudonym { get; set; } = "";

        public bool AcceptCharter { get; set; }
    }

    public IActionResult OnGet() => Load() is null && OidcSettings.Of(tenant.Organization, protection) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Load() is not { } pending) return Page();
        if (!Form.AcceptCharter) ModelState.AddModelError("Form.AcceptCharter", "Acceptez la charte de participation pour créer un compte.");
        if (!ModelState.IsValid) return Page();
        var (user, note) = await commands.CreateAccountAsync(pending.Identity, Form.Pseudonym);
        OidcCookies.Delete(HttpContext, OidcCookies.Pending);
        await signIn.SignInAsync(user, isPersistent: false);
        var identity = pending.Identity;
        cookies.Write(HttpContext, OidcCookies.Session, new FranceConnectSession(user.Id, identity.Issuer, identity.GivenName, identity.FamilyName, identity.IdToken), null);
        TempData["Message"] = note ?? "Compte créé : votre identité est vérifiée.";
        return LocalRedirect(Url.IsLocalUrl(pending.ReturnUrl) ? pending.ReturnUrl : "/compte/identite");
    }

    private PendingAccount? Load()
    {
        DisplayName = tenant.Organization.Identity.OidcDisplayName;
        var pending = cookies.Read<PendingAccount>(HttpContext, OidcCookies.Pending);
        Expired = pending is null;
        Email = pending?.Identity.Email;
        return pending;
    }
}
