using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Parvis.Infrastructure.Operations;

/// <summary>
/// The one way personal data is written in a log line: an e-mail address keeps its first letter and its domain
/// ("j***@exemple.fr"), an IPv4 address its first three bytes ("203.0.113.0"), an IPv6 address its /48
/// ("2001:db8:1::"): enough to see a pattern (one provider, one network), not enough to name a person.
/// </summary>
public static partial class PersonalDataMask
{
    public static string Email(string? address)
    {
        if (string.IsNullOrEmpty(address)) return "";
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }

    public static string Ip(IPAddress? address)
    {
        if (address is null) return "";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
        }
        else
        {
            Array.Clear(bytes, 6, bytes.Length - 6);
        }
        return new IPAddress(bytes).ToString();
    }

    public static string Ip(string? address) =>
        IPAddress.TryParse(address, out var parsed) ? Ip(parsed) : string.IsNullOrEmpty(address) ? "" : "***";

    /// <summary>
    /// A text written by someone else (an SMTP server's answer, an exception's message, a rate-limit key) with every
    /// e-mail and IP address in it masked.
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var masked = EmailPattern().Replace(text, m => Email(m.Value));
        masked = Ipv4Pattern().Replace(masked, m => IPAddress.TryParse(m.Value, out var ip) ? Ip(ip) : m.Value);
        return Ipv6Pattern().Replace(masked, m => IPAddress.TryParse(m.Value, out var ip) && m.Value.Contains(':') ? Ip(ip) : m.Value);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    private static partial Regex Ipv4Pattern();

    // At least two groups around "::" or seven colons: a time ("12:30:05") is not an address.
    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])")]
    private static partial Regex Ipv6Pattern();
}
