using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>Closes the petitions whose signing period is over, for every organization, once per period.</summary>
public sealed class PetitionClosingJob(IConfiguration configuration, TimeProvider clock) : IScheduledJob
{
    public string Name => "petition-closing";

    public TimeSpan Interval => configuration.GetValue("Jobs:PetitionClosingInterval", TimeSpan.FromMinutes(15));

    public async Task RunAsync(IServiceProvider services, CancellationToken token)
    {
        var organizations = await services.GetRequiredService<ParvisDbContext>().Organizations.AsNoTracking().Include(o => o.Hosts).ToListAsync(token);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        foreach (var organization in organizations)
        {
            token.ThrowIfCancellationRequested();
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Petitions.Where(p => p.Status == PetitionStatus.Open && p.ClosesAt != null && p.ClosesAt <= now).ToListAsync(token);
            if (due.Count == 0) continue;
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            foreach (var petition in due)
            {
                petition.Close(now);
                audit.RecordWithoutActor("Plateforme", "petition.close", nameof(Petition), petition.Id, "fin de la période de signature");
            }
            await db.SaveChangesAsync(token);
        }
    }
}
