using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

[RateLimited(RateLimits.Login)]
public class LoginTwoFactorModel(SignInManager<ParvisUser> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public bool UseRecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Accounts/Login");
        // Recovery codes keep their dash ("abcde-fghij"); authenticator codes are digits only.
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!UseRecoveryCode) code = code.Replace("-", "", StringComparison.Ordinal);
        if (code.Length is 0 or > 20)
        {
            ModelState.AddModelError(nameof(Code), "Saisissez le code.");
            return Page();
        }
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? "Ce compte est temporairement bloqué après trop d'essais." : "Ce code n'est pas valable.");
        return Page();
    }
}
