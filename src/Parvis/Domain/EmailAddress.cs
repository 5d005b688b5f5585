using System.Globalization;
using System.Net.Mail;

namespace Parvis.Domain;

/// <summary>
/// An e-mail address as typed, and the form two addresses of one mailbox share (<see cref="Canonical"/>),
/// so that one person cannot sign twice with "Jean.Dupont+1@gmail.com" and "jeandupont@googlemail.com".
/// </summary>
public sealed record EmailAddress(string Typed, string Canonical, string Domain)
{
    public const int MaxLength = 320;
    public const int MaxDomainLength = 255;

    /// <summary>
    /// Trimmed, lower-cased, the domain in ASCII (IDN); "+tag" removed everywhere (most providers deliver
    /// "name+tag" to "name", and the few that do not only lose a way to sign twice); at Gmail the dots too,
    /// and googlemail.com is gmail.com. Other providers' dots are kept: "jean.dupont" and "jeandupont"
    /// may be two people there.
    /// </summary>
    public static EmailAddress Parse(string? typed)
    {
        var trimmed = typed?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException("Indiquez votre adresse e-mail.");
        if (trimmed.Length > MaxLength) throw new DomainException("L'adresse e-mail est trop longue.");
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) throw Invalid();
        var local = trimmed[..at].ToLowerInvariant();
        string domain;
        try
        {
            domain = new IdnMapping().GetAscii(trimmed[(at + 1)..].TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw Invalid();
        }
        if (domain.Length > MaxDomainLength || !domain.Contains('.', StringComparison.Ordinal) || domain.Split('.').Any(p => p.Length == 0))
            throw Invalid();
        if (local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !MailAddress.TryCreate($"{local}@{domain}", out var parsed)
            || !parsed.Address.Equals($"{local}@{domain}", StringComparison.OrdinalIgnoreCase))
            throw Invalid();
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus == 0) throw Invalid();
        if (plus > 0) local = local[..plus];
        if (domain is "googlemail.com") domain = "gmail.com";
        if (domain is "gmail.com") local = local.Replace(".", "", StringComparison.Ordinal);
        if (local.Length == 0) throw Invalid();
        return new EmailAddress(trimmed, $"{local}@{domain}", domain);
    }

    private static DomainException Invalid() => new("L'adresse e-mail n'est pas valide.");
}
