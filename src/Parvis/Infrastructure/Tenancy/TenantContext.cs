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
}
