using System.Collections.Frozen;
using System.Text.Json;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// Throw-away mailbox providers (the vendored list of the npm package disposable-email-domains, see
/// Data/fetch-disposable-domains.sh), plus the installation's own additions (configuration
/// "Petitions:ExtraDisposableDomains"). Loaded once; a subdomain of a listed domain is listed too.
/// </summary>
public sealed class DisposableDomains
{
    private readonly FrozenSet<string> _domains;

    public DisposableDomains(IConfiguration configuration)
    {
        using var stream = typeof(DisposableDomains).Assembly.GetManifestResourceStream("Parvis.disposable-domains.json")
            ?? throw new InvalidOperationException("The list of disposable e-mail domains is not embedded.");
        var listed = JsonSerializer.Deserialize<string[]>(stream) ?? [];
        var extra = configuration.GetSection("Petitions:ExtraDisposableDomains").Get<string[]>() ?? [];
        _domains = listed.Concat(extra).Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _domains.Count;

    /// <param name="domain">Lower-case ASCII, as <see cref="Domain.EmailAddress.Domain"/> gives it.</param>
    public bool Contains(string domain)
    {
        for (var candidate = domain; ;)
        {
            if (_domains.Contains(candidate)) return true;
            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || candidate.IndexOf('.', dot + 1) < 0) return false;
            candidate = candidate[(dot + 1)..];
        }
    }
}
