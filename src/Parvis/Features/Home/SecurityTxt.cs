using System.Globalization;
using Microsoft.Extensions.Options;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Home;

/// <summary>
/// /.well-known/security.txt (RFC 9116): whom to tell about a vulnerability. The contact is the installation's
/// (Operations:SecurityContact, an address or a URL), the same for every organization it serves; without one, 404.
/// </summary>
public static class SecurityTxt
{
    public const string Path = "/.well-known/security.txt";

    public static void MapSecurityTxt(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (IOptions<OperationsOptions> options, PublicLinks links, TimeProvider clock) =>
            Text(options.Value.SecurityContact, links.To(Path), clock.GetUtcNow()) is { } text
                ? Results.Text(text, "text/plain; charset=utf-8")
                : Results.NotFound());

    /// <summary>The file, or null when no contact is configured.</summary>
    public static string? Text(string? contact, string canonical, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(contact)) return null;
        contact = contact.Trim();
        // A bare address becomes a mailto: URI, as the RFC asks.
        if (!contact.Contains(':', StringComparison.Ordinal) && contact.Contains('@', StringComparison.Ordinal)) contact = "mailto:" + contact;
        // Expires: a year ahead, as the RFC recommends (less than a year); the file is written on each request, so it never lapses.
        var expires = now.UtcDateTime.AddDays(364).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"Contact: {contact}\nExpires: {expires}\nPreferred-Languages: fr, en\nCanonical: {canonical}\n";
    }
}
