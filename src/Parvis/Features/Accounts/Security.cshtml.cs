using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

/// <summary>Two-factor authentication with an authenticator app (TOTP), and its recovery codes.</summary>
[Authorize]
public class SecurityModel(UserManager<ParvisUser> users, SignInManager<ParvisUser> signIn, TenantContext tenant, AuditLog audit,
    AuthenticatorSetup authenticator, AccountMail mail, Parvis.Infrastructure.Data.ParvisDbContext db) : PageModel
{
    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>A key was made by "Configurer" and awaits its first code.</summary>
    public bool SettingUp => SharedKey.Length > 0;
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public bool RequiredForMe { get; private set; }

    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) await authenticator.StartAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await authenticator.PendingKeyAsync(user) is null) return RedirectToPage();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length is < 6 or > 8 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Ce code ne correspond pas : vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.");
            await LoadAsync(user);
            return Page();
        }
        // A staff account's second factor is part of the organization's security: its changes are audited.
        if (User.IsStaff()) audit.Record("user.2fa.enable", "User", user.Id);
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        await TellAsync(user, "La double authentification de votre compte vient d'être activée.");
        await LoadAsync(user);
        TempData["Message"] = "La double authentification est activée.";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (RequiredForMe)
        {
            ModelState.AddModelError("", "Votre collectivité exige la double authentification pour le personnel : elle ne peut pas être désactivée.");
            return Page();
        }
        if (User.IsStaff()) audit.Record("user.2fa.disable", "User", user.Id);
        await users.SetTwoFactorEnabledAsync(user, false);
        // The app's old entry stops working; a new setup starts from a new key.
        await authenticator.RemoveKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await TellAsync(user, "La double authentification de votre compte vient d'être désactivée.");
        TempData["Message"] = "La double authentification est désactivée.";
        return RedirectToPage();
    }

    private async Task TellAsync(ParvisUser user, string change)
    {
        mail.SecurityChanged(user.Email!, user.Pseudonym, change);
        await db.SaveChangesAsync();
        mail.Flush();
    }

    private async Task LoadAsync(ParvisUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RequiredForMe = tenant.Organization.RequireTwoFactorForStaff && User.IsStaff();
        if (Enabled || await authenticator.PendingKeyAsync(user) is not { } key) return;
        SharedKey = AuthenticatorSetup.Readable(key);
        AuthenticatorUri = AuthenticatorSetup.Uri(tenant.Organization.Name, user.Email!, key);
    }
}
