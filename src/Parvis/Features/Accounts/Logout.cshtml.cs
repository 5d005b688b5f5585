using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.FranceConnect;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Accounts;

public class LogoutModel(SignInManager<ParvisUser> signIn, UserManager<ParvisUser> users, TenantContext tenant, IDataProtectionProvider protection,
    OidcClient oidc, OidcCookies cookies, ILogger<LogoutModel> log) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var session = cookies.Read<FranceConnectSession>(HttpContext, OidcCookies.Session);
        // Ended on the server, not only in this browser: a copy of the cookie is refused on every node from now on.
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        OidcCookies.Delete(HttpContext, OidcCookies.Session);
        // Signed in through FranceConnect: the provider's session ends too, through its end-session endpoint.
        if (session is not null && OidcSettings.Of(tenant.Organization, protection) is { } settings && settings.Issuer == session.Issuer)
        {
            try
            {
                var state = OidcFlow.Random();
                var url = await oidc.EndSessionUrlAsync(settings, session.IdToken, $"{Request.Scheme}://{Request.Host}/compte/franceconnect/deconnectee", state, HttpContext.RequestAborted);
                if (url is not null)
                {
                    cookies.Write(HttpContext, OidcCookies.Logout, state, StartModel.FlowLifetime);
                    StartModel.AllowFormRedirectTo(Response, url);
                    return Redirect(url);
                }
            }
            catch (OidcException e) { log.LogWarning("Provider logout skipped: {Detail}", PersonalDataMask.Text(e.Detail)); }
        }
        TempData["Message"] = "Vous êtes déconnecté.";
        return Redirect("/");
    }
}
