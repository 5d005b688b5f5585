using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.FranceConnect;

/// <summary>The organization's OpenID provider: FranceConnect, ProConnect, or the development provider.</summary>
public sealed record OidcSettings(string Issuer, string ClientId, string ClientSecret, string DisplayName)
{
    public const string SecretPurpose = "Parvis.Identity.OidcClientSecret";

    /// <summary>Null when the organization does not offer FranceConnect or its provider is not fully configured.</summary>
    public static OidcSettings? Of(Organization organization, IDataProtectionProvider protection)
    {
        var identity = organization.Identity;
        if (!identity.Offers(VerificationMethod.FranceConnect) || string.IsNullOrWhiteSpace(identity.OidcIssuer)
            || string.IsNullOrWhiteSpace(identity.OidcClientId) || string.IsNullOrWhiteSpace(identity.OidcClientSecretProtected)) return null;
        string secret;
        try { secret = protection.CreateProtector(SecretPurpose).Unprotect(identity.OidcClientSecretProtected); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
        return new(identity.OidcIssuer.Trim(), identity.OidcClientId.Trim(), secret, identity.OidcDisplayName);
    }

    /// <summary>"http://localhost:5080/" and "http://localhost:5080" name the same provider; the issuer claim is compared both ways.</summary>
    public IEnumerable<string> IssuerSpellings => [Issuer, Issuer.TrimEnd('/'), Issuer.TrimEnd('/') + "/"];
}

/// <summary>Why an OpenID exchange was refused, in French for the person; the detail goes to the log only.</summary>
public sealed class OidcException(string message, string? detail = null) : Exception(message)
{
    public string? Detail { get; } = detail;
}

/// <summary>What the provider certified, kept for the session only (the FranceConnect terms), never in the database.</summary>
public sealed record CertifiedIdentity(string Issuer, string Subject, string GivenName, string FamilyName, DateOnly? BirthDate, string? Email, string IdToken);

/// <summary>
/// Discovery documents and signing keys of each provider, fetched through the "oidc" HTTP client and
/// cached per issuer: settings are per organization, so one application speaks to several providers.
/// </summary>
public sealed class OidcConfigurations(IHttpClientFactory clients)
{
    public const string HttpClientName = "oidc";
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public ConfigurationManager<OpenIdConnectConfiguration> For(string issuer) => _managers.GetOrAdd(issuer, i =>
        new ConfigurationManager<OpenIdConnectConfiguration>(i.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(clients.CreateClient(HttpClientName)) { RequireHttps = i.StartsWith("https://", StringComparison.OrdinalIgnoreCase) }));

    public HttpClient Http() => clients.CreateClient(HttpClientName);
}

/// <summary>
/// The client side of the authorization-code flow with PKCE, as FranceConnect v2 asks it: random state
/// and nonce, acr_values=eidas1, client_secret_post, a signed ID token checked against the provider's
/// keys, and a userinfo answer that may itself be a signed JWT.
/// </summary>
public sealed class OidcClient(OidcConfigurations configurations)
{
    public const string Scopes = "openid given_name family_name birthdate birthplace birthcountry email";
    private static readonly string[] AcceptedAcr = ["eidas1", "eidas2", "eidas3"];

    public async Task<string> AuthorizationUrlAsync(OidcSettings settings, string redirectUri, OidcFlow flow, CancellationToken cancel)
    {
        var configuration = await ConfigurationAsync(settings, cancel);
        return QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scopes,
            ["state"] = flow.State,
            ["nonce"] = flow.Nonce,
            ["acr_values"] = "eidas1",
            ["code_challenge"] = Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(flow.CodeVerifier))),
            ["code_challenge_method"] = "S256",
            ["prompt"] = "login",
        });
    }

    public async Task<string?> EndSessionUrlAsync(OidcSettings settings, string idToken, string postLogoutRedirectUri, string state, CancellationToken cancel)
    {
        var configuration = await ConfigurationAsync(settings, cancel);
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return null;
        return QueryHelpers.AddQueryString(configuration.EndSessionEndpoint, new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = postLogoutRedirectUri,
            ["state"] = state,
        });
    }

    /// <summary>Exchanges the code, checks the ID token, reads userinfo: what the provider certifies, or an <see cref="OidcException"/>.</summary>
    public async Task<CertifiedIdentity> CompleteAsync(OidcSettings settings, string code, string redirectUri, OidcFlow flow, CancellationToken cancel)
    {
        var configuration = await ConfigurationAsync(settings, cancel);
        EnsureOnIssuerHost(settings, configuration.TokenEndpoint, "token");
        if (string.IsNullOrEmpty(configuration.UserInfoEndpoint))
            throw new OidcException("Le fournisseur d'identité est mal configuré : prévenez la collectivité.", "no userinfo_endpoint in the discovery document");
        EnsureOnIssuerHost(settings, configuration.UserInfoEndpoint, "userinfo");
        var http = configurations.Http();
        using var tokenResponse = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["client_id"] = settings.ClientId,
                ["client_secret"] = settings.ClientSecret,
                ["code_verifier"] = flow.CodeVerifier,
            }),
        }, cancel);
        var tokenBody = await tokenResponse.Content.ReadAsStringAsync(cancel);
        if (!tokenResponse.IsSuccessStatusCode)
            throw new OidcException("Le fournisseur d'identité a refusé l'échange du code.", $"token endpoint {(int)tokenResponse.StatusCode}: {Cut(tokenBody)}");
        string? idToken, accessToken;
        try
        {
            using var json = JsonDocument.Parse(tokenBody);
            idToken = json.RootElement.TryGetProperty("id_token", out var i) ? i.GetString() : null;
            accessToken = json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        }
        catch (JsonException e) { throw new OidcException("La réponse du fournisseur d'identité est illisible.", e.Message); }
        if (string.IsNullOrEmpty(idToken) || string.IsNullOrEmpty(accessToken))
            throw new OidcException("La réponse du fournisseur d'identité est incomplète.", "token response without id_token or access_token");

        var idClaims = await ValidateJwtAsync(settings, idToken, "ID token", cancel);
        var nonce = idClaims.FindFirst("nonce")?.Value;
        if (nonce is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(flow.Nonce)))
            throw new OidcException("La réponse d'identité ne correspond pas à cette demande.", "nonce mismatch");
        var acr = idClaims.FindFirst("acr")?.Value;
        if (acr is null || !AcceptedAcr.Contains(acr))
            throw new OidcException("Le niveau de garantie de l'identité n'est pas suffisant.", $"acr '{acr}'");
        var subject = idClaims.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject)) throw new OidcException("La réponse d'identité ne désigne personne.", "ID token without sub");

        var user = await UserInfoAsync(settings, configuration, http, accessToken, cancel);
        if (user.GetValueOrDefault("sub") != subject)
            throw new OidcException("Les informations d'identité ne concernent pas la personne connectée.", "userinfo sub differs from the ID token's");
        var given = user.GetValueOrDefault("given_name");
        var family = user.GetValueOrDefault("family_name");
        if (string.IsNullOrWhiteSpace(given) || string.IsNullOrWhiteSpace(family))
            throw new OidcException("Le fournisseur d'identité n'a pas transmis vos nom et prénom.", "userinfo without names");
        var birthDate = BirthDate(user.GetValueOrDefault("birthdate"));
        return new CertifiedIdentity(settings.Issuer, subject, given.Trim(), family.Trim(), birthDate, user.GetValueOrDefault("email")?.Trim(), idToken);
    }

    // The back-channel calls go only where the issuer lives, over the issuer's scheme: a discovery document
    // cannot send the server to some other (internal) address.
    private static void EnsureOnIssuerHost(OidcSettings settings, string? endpoint, string name)
    {
        var issuer = new Uri(settings.Issuer);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != issuer.Scheme || !string.Equals(uri.Host, issuer.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != issuer.Port)
            throw new OidcException("Le fournisseur d'identité est mal configuré : prévenez la collectivité.", $"{name} endpoint '{endpoint}' is not on the issuer's host");
    }

    private async Task<Dictionary<string, string>> UserInfoAsync(OidcSettings settings, OpenIdConnectConfiguration configuration, HttpClient http, string accessToken, CancellationToken cancel)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await SendAsync(http, request, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
            throw new OidcException("Le fournisseur d'identité n'a pas transmis vos informations.", $"userinfo {(int)response.StatusCode}: {Cut(body)}");
        // FranceConnect v2 answers a signed JWT; other providers plain JSON.
        if (response.Content.Headers.ContentType?.MediaType == "application/jwt")
        {
            var claims = await ValidateJwtAsync(settings, body.Trim(), "userinfo", cancel, checkLifetime: false);
            return claims.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        catch (JsonException e) { throw new OidcException("Les informations d'identité sont illisibles.", e.Message); }
    }

    private async Task<ClaimsIdentity> ValidateJwtAsync(OidcSettings settings, string jwt, string what, CancellationToken cancel, bool checkLifetime = true)
    {
        var manager = configurations.For(settings.Issuer);
        var result = await ValidateWithAsync(await manager.GetConfigurationAsync(cancel), settings, jwt, checkLifetime);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider may have rolled its keys since we cached them: fetch them once more.
            manager.RequestRefresh();
            result = await ValidateWithAsync(await manager.GetConfigurationAsync(cancel), settings, jwt, checkLifetime);
        }
        if (!result.IsValid)
            throw new OidcException("La signature ou le contenu de la réponse d'identité n'est pas valide.", $"{what}: {result.Exception?.GetType().Name}: {result.Exception?.Message}");
        return result.ClaimsIdentity;
    }

    private Task<TokenValidationResult> ValidateWithAsync(OpenIdConnectConfiguration configuration, OidcSettings settings, string jwt, bool checkLifetime) =>
        new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuers = settings.IssuerSpellings,
            ValidAudience = settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = checkLifetime,
            RequireExpirationTime = checkLifetime,
            ClockSkew = TimeSpan.FromMinutes(2),
        });

    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(OidcSettings settings, CancellationToken cancel)
    {
        try { return await configurations.For(settings.Issuer).GetConfigurationAsync(cancel); }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or ArgumentException)
        {
            throw new OidcException("Le fournisseur d'identité ne répond pas pour le moment. Réessayez dans quelques minutes.", $"discovery: {e.Message}");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancel)
    {
        try { return await http.SendAsync(request, cancel); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new OidcException("Le fournisseur d'identité ne répond pas pour le moment. Réessayez dans quelques minutes.", $"{request.RequestUri}: {e.Message}");
        }
    }

    private static readonly string[] BirthDateFormats = ["yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy", "yyyy/MM/dd", "d/M/yyyy"];

    /// <summary>
    /// The birth date as OpenID Connect writes it (YYYY-MM-DD), or in the other full forms providers send (a time
    /// after the date, no separators, the French day/month/year); a partial date ("1970-00-00") gives none.
    /// </summary>
    public static DateOnly? BirthDate(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > 10 && text[4] == '-' && text[10] is 'T' or ' ') text = text[..10];
        return DateOnly.TryParseExact(text, BirthDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 1900 ? date : null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;
}
