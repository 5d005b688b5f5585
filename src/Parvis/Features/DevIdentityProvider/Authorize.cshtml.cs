using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Parvis.Features.DevIdentityProvider;

/// <summary>The development provider's sign-in: a list of test identities, one button each; every authorization parameter rides along as a hidden field.</summary>
public class AuthorizeModel : PageModel
{
    private static readonly HashSet<string> OwnFields = ["__RequestVerificationToken", "identity"];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public IActionResult OnGet() => Load() is null ? NotFound() : Page();

    public IActionResult OnPost(string? identity)
    {
        if (Load() is not { } request) return NotFound();
        var person = DevIdentityProviderSetup.Identities.FirstOrDefault(p => p.Subject == identity);
        if (person is null)
            return Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person cancelled.",
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return SignIn(DevIdentityProviderSetup.PrincipalOf(person, request), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The request OpenIddict has already validated; null when the provider is off.</summary>
    private OpenIddictRequest? Load()
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null) return null;
        Parameters = request.GetParameters()
            .Where(p => !OwnFields.Contains(p.Key))
            .Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? ""))
            .ToList();
        return request;
    }
}
