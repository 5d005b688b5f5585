using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// A scheduled job that works organization by organization: each in a scope of its own with its tenant set,
/// so that query filters, tenant stamping and the audit log work as in a request of that organization.
/// </summary>
public abstract class PerOrganizationJob : IScheduledJob
{
    public abstract string Name { get; }

    public abstract TimeSpan Interval { get; }

    public async Task RunAsync(IServiceProvider services, CancellationToken token)
    {
        var organizations = await services.GetRequiredService<ParvisDbContext>().Organizations.AsNoTracking().Include(o => o.Hosts).ToListAsync(token);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        foreach (var organization in organizations)
        {
            token.ThrowIfCancellationRequested();
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
            await RunForAsync(organization, scope.ServiceProvider, token);
        }
    }

    /// <summary>The work for one organization; <paramref name="services"/> is that organization's scope.</summary>
    protected abstract Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token);
}
