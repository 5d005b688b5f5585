using Parvis.Domain;

namespace Parvis.Infrastructure.Tenancy;

/// <summary>
/// The one place absolute links are made (e-mails, sitemaps, exports, APIs): the organization's public address and a
/// path. The host is the request's own only when it is one of the organization's host names, else the first one
/// registered, so a forged Host header never reaches an e-mail; a job, which has no request, gets the same host.
/// The scheme and port are the installation's (<c>PublicAddress:Scheme</c>, <c>PublicAddress:Port</c>: what the
/// reverse proxy serves), else the request's, else HTTPS on its default port.
/// </summary>
public sealed class PublicLinks(TenantContext tenant, IHttpContextAccessor http, IConfiguration configuration)
{
    private readonly string? _scheme = configuration["PublicAddress:Scheme"] is { Length: > 0 } scheme ? scheme.ToLowerInvariant() : null;
    private readonly int? _port = configuration.GetValue<int?>("PublicAddress:Port");

    /// <summary>"https://ville.fr": the current organization's address, without a trailing slash.</summary>
    public string BaseUrl => BaseUrlOf(tenant.Organization);

    /// <summary>The absolute link to a path of the current organization ("/petitions/12" → "https://ville.fr/petitions/12").</summary>
    public string To(string path) => Join(BaseUrl, path);

    /// <summary>The absolute link to a path of another organization (the platform operator's pages).</summary>
    public string To(Organization organization, string path) => Join(BaseUrlOf(organization), path);

    private string BaseUrlOf(Organization organization)
    {
        var request = http.HttpContext?.Request;
        var hosts = organization.Hosts.OrderBy(h => h.Id).Select(h => h.HostName).ToList();
        var requested = request?.Host.Host.ToLowerInvariant();
        var onRegisteredHost = requested is not null && (hosts.Contains(requested) || hosts.Count == 0);
        var host = onRegisteredHost ? requested! : hosts.FirstOrDefault() ?? "localhost";
        var scheme = _scheme ?? request?.Scheme ?? "https";
        var port = _port ?? request?.Host.Port;
        return port is { } p && !IsDefault(scheme, p) ? $"{scheme}://{host}:{p}" : $"{scheme}://{host}";
    }

    private static bool IsDefault(string scheme, int port) => (scheme, port) is ("https", 443) or ("http", 80);

    private static string Join(string baseUrl, string path) => baseUrl + (path.StartsWith('/') ? path : "/" + path);
}
