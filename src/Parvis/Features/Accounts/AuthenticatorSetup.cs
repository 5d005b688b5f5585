using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Parvis.Infrastructure.Identity;
using QRCoder;

namespace Parvis.Features.Accounts;

/// <summary>
/// The authenticator key of an account being set up. A key is made only when the person starts the setup, and
/// without touching the security stamp: a pending key changes nothing about the sessions already open.
/// </summary>
public sealed class AuthenticatorSetup(UserManager<ParvisUser> users, IUserStore<ParvisUser> store)
{
    // Where Identity's own store keeps the key (UserStoreBase's internal login provider and token name).
    private const string KeyProvider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";

    public async Task StartAsync(ParvisUser user)
    {
        await ((IUserAuthenticatorKeyStore<ParvisUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), default);
        await users.UpdateAsync(user);
    }

    public Task RemoveKeyAsync(ParvisUser user) => users.RemoveAuthenticationTokenAsync(user, KeyProvider, KeyName);

    public Task<string?> PendingKeyAsync(ParvisUser user) => users.GetAuthenticatorKeyAsync(user);

    /// <summary>The key as people type it: four letters at a time.</summary>
    public static string Readable(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>The QR code as one SVG path, drawn with attributes only (no style), so that the CSP stays strict.</summary>
    public static string QrSvg(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                if (matrix[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" " +
            $"aria-label=\"{encodedLabel}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>" +
            $"<path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
