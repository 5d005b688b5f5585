using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.FranceConnect;

/// <summary>The provider's button; its POST starts the authorization-code flow (state, nonce, PKCE kept in a 10-minute cookie).</summary>
public class StartModel(TenantContext tenant, IDataProtectionProvider protection, OidcClient oidc, OidcCookies cookies, ILogger<StartModel> log) : PageModel
{
    public static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string DisplayName { get; private set; } = "";
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (OidcSettings.Of(tenant.Organization, protection) is not { } settings) return NotFound();
        DisplayName = settings.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (OidcSettings.Of(tenant.Organization, protection) is not { } settings) return NotFound();
        DisplayName = settings.DisplayName;
        var flow = OidcFlow.Start(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/compte/identite", User.UserId());
        try
        {
            var url = await oidc.AuthorizationUrlAsync(settings, CallbackUri(Request), flow, HttpContext.RequestAborted);
            cookies.Write(HttpContext, OidcCookies.Flow, flow, FlowLifetime);
            AllowFormRedirectTo(Response, url);
            return Redirect(url);
        }
        catch (OidcException e)
        {
            log.LogWarning("OpenID sign-in could not start: {Detail}", PersonalDataMask.Text(e.Detail));
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    public static string CallbackUri(HttpRequest request) => $"{request.Scheme}://{request.Host}/compte/franceconnect/retour";

    /// <summary>Browsers apply the form-action policy to the redirect that answers a form: the provider's origin is allowed for this response.</summary>
    public static void AllowFormRedirectTo(HttpResponse response, string url)
    {
        var origin = new Uri(url).GetLeftPart(UriPartial.Authority);
        response.Headers.ContentSecurityPolicy = response.Headers.ContentSecurityPolicy.ToString()
            .Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);
    }
}
