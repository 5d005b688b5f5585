using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Parvis.Features.DevIdentityProvider;

/// <summary>A person the development provider can vouch for; their identity fields are FranceConnect's.</summary>
public sealed record DevIdentity(string Subject, string GivenName, string FamilyName, DateOnly BirthDate, string BirthPlace, string BirthCountry, string Email, string Description);

/// <summary>
/// A FranceConnect look-alike for development and tests (opt-in: DevIdentityProvider:Enabled), built on
/// OpenIddict's server in degraded mode: no tables, one hard-wired client, three test identities. Its
/// issuer is the request's base URL, so an organization sets OidcIssuer to its own address.
/// </summary>
public static class DevIdentityProviderSetup
{
    public const string ClientId = "parvis-dev";
    public const string ClientSecret = "parvis-dev-secret";
    public const string CallbackPath = "/compte/franceconnect/retour";
    public const string SignedOutPath = "/compte/franceconnect/deconnectee";

    public static readonly IReadOnlyList<DevIdentity> Identities =
    [
        new("fc-dev-0001", "Camille", "MARTIN", new(1988, 3, 14), "75056", "99100", "camille.martin@exemple.fr", "habitante du Quartier de la Gare, sur la liste électorale"),
        new("fc-dev-0002", "Léo", "BERNARD", new(2011, 6, 2), "75056", "99100", "leo.bernard@exemple.fr", "mineur, sur la liste des habitants du Quartier de la Gare"),
        new("fc-dev-0003", "Nadia", "HADDAD", new(1975, 11, 30), "69123", "99100", "nadia.haddad@exemple.fr", "sur aucune liste de la commune"),
    ];

    public static IServiceCollection AddDevIdentityProvider(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(o =>
        {
            o.EnableDegradedMode();
            o.SetAuthorizationEndpointUris("dev-franceconnect/authorize")
                .SetTokenEndpointUris("dev-franceconnect/token")
                .SetUserInfoEndpointUris("dev-franceconnect/userinfo")
                .SetEndSessionEndpointUris("dev-franceconnect/logout")
                .SetJsonWebKeySetEndpointUris("dev-franceconnect/jwks");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, "given_name", "family_name", "birthdate", "birthplace", "birthcountry", Scopes.Email);
            o.RegisterClaims("acr", Claims.GivenName, Claims.FamilyName, Claims.Birthdate, "birthplace", "birthcountry", Claims.Email);
            o.AddEphemeralSigningKey().AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            // Degraded mode has no application store: the one client is checked here.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(OpenIddictConstants.Errors.InvalidClient, "Unknown client.");
                else if (!OnThisHost(context, context.RedirectUri, CallbackPath)) context.Reject(OpenIddictConstants.Errors.InvalidRequest, "Unregistered redirect_uri.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Request.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(OpenIddictConstants.Errors.InvalidClient, "Bad client credentials.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is not null && !OnThisHost(context, context.PostLogoutRedirectUri, SignedOutPath))
                    context.Reject(OpenIddictConstants.Errors.InvalidRequest, "Unregistered post_logout_redirect_uri.");
                return default;
            }));
        });
        return services;
    }

    private static bool OnThisHost(OpenIddictServerEvents.BaseContext context, string? uri, string path)
    {
        var request = context.Transaction.GetHttpRequest();
        return request is not null && Uri.TryCreate(uri, UriKind.Absolute, out var target)
            && string.Equals(target.GetLeftPart(UriPartial.Path), $"{request.Scheme}://{request.Host}{path}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The principal of the identity picked on the authorize page: sub and acr in the ID token, the rest through userinfo.</summary>
    public static ClaimsPrincipal PrincipalOf(DevIdentity person, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim("acr", "eidas1")
            .SetClaim(Claims.GivenName, person.GivenName)
            .SetClaim(Claims.FamilyName, person.FamilyName)
            .SetClaim(Claims.Birthdate, person.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .SetClaim("birthplace", person.BirthPlace)
            .SetClaim("birthcountry", person.BirthCountry)
            .SetClaim(Claims.Email, person.Email);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => claim.Type is Claims.Subject or "acr"
            ? [Destinations.IdentityToken, Destinations.AccessToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    public static WebApplication MapDevIdentityProvider(this WebApplication app)
    {
        if (!app.Configuration.GetValue("DevIdentityProvider:Enabled", false)) return app;
        app.MapMethods("/dev-franceconnect/userinfo", ["GET", "POST"], async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } principal) return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            string[] released = [Claims.Subject, Claims.GivenName, Claims.FamilyName, Claims.Birthdate, "birthplace", "birthcountry", Claims.Email];
            return Results.Json(released.Where(c => principal.GetClaim(c) is not null).ToDictionary(c => c, c => principal.GetClaim(c)));
        }).DisableAntiforgery();
        app.MapGet("/dev-franceconnect/logout", () =>
            Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]));
        return app;
    }
}
