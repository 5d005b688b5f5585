using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Parvis.Features.FranceConnect;

/// <summary>One authorization request in flight: what the callback must find again, and for whom it was started.</summary>
public sealed record OidcFlow(string State, string Nonce, string CodeVerifier, string ReturnUrl, Guid? UserId)
{
    /// <summary>256 random bits each, 43 characters: FranceConnect asks for at least 32.</summary>
    public static OidcFlow Start(string returnUrl, Guid? userId) => new(Random(), Random(), Random(), returnUrl, userId);

    public static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}

/// <summary>A certified identity waiting for the person to choose a pseudonym and accept the charter.</summary>
public sealed record PendingAccount(CertifiedIdentity Identity, string ReturnUrl);

/// <summary>What the session keeps of FranceConnect: the names shown on "Mon identité" and the ID token for the provider's logout.</summary>
public sealed record FranceConnectSession(Guid UserId, string Issuer, string GivenName, string FamilyName, string IdToken);

/// <summary>
/// The short-lived, data-protected, HttpOnly cookies of the flow. Nothing of the certified identity
/// reaches the database: it lives in these cookies, for the session at most.
/// </summary>
public sealed class OidcCookies(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Flow = "parvis.fc.flow";
    public const string Pending = "parvis.fc.pending";
    public const string Session = "parvis.fc";
    public const string Logout = "parvis.fc.logout";

    public void Write<T>(HttpContext http, string name, T value, TimeSpan? lifetime)
    {
        var protector = Protector(name);
        var json = JsonSerializer.Serialize(value);
        var text = lifetime is { } l ? protector.Protect(json, clock.GetUtcNow() + l) : protector.Protect(json);
        http.Response.Cookies.Append(name, text, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = lifetime,
        });
    }

    /// <summary>The value, or null when the cookie is absent, expired, tampered with or from another key ring.</summary>
    public T? Read<T>(HttpContext http, string name) where T : class
    {
        if (!http.Request.Cookies.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) return null;
        try { return JsonSerializer.Deserialize<T>(Protector(name).Unprotect(text, out _)); }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException) { return null; }
    }

    public static void Delete(HttpContext http, string name) =>
        http.Response.Cookies.Delete(name, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, HttpOnly = true });

    private ITimeLimitedDataProtector Protector(string name) =>
        protection.CreateProtector("Parvis.FranceConnect", name).ToTimeLimitedDataProtector();
}
