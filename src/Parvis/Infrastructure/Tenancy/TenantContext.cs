using Parvis.Domain;

namespace Parvis.Infrastructure.Tenancy;

/// <summary>The organization of the current request (or job); set once by the tenant middleware.</summary>
public sealed class TenantContext
{
    private Organization? _organization;

    public Organization Organization =>
        _organization ?? throw new InvalidOperationException("No organization resolved for this request.");

    public int OrganizationId => _organization?.Id ?? 0;

    public bool IsResolved => _organization is not null;

    public void Set(Organization organization) => _organization = organization;

    /// <summary>
    /// The host that links in e-mails point to: the request's own host only when it is one of the
    /// organization's registered host names, else the first registered one. A forged Host header
    /// (answered on a single-organization installation) therefore never reaches an e-mail.
    /// </summary>
    public string PublicHost(HttpRequest request)
    {
        var requested = request.Host.Host.ToLowerInvariant();
        var hosts = Organization.Hosts.OrderBy(h => h.Id).Select(h => h.HostName).ToList();
        var host = hosts.Contains(requested) || hosts.Count == 0 ? requested : hosts[0];
        return request.Host.Port is { } port ? $"{host}:{port}" : host;
    }
}
