using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>Closes the petitions whose signing period is over, for every organization, once per period.</summary>
public sealed class PetitionClosingJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    public override string Name => "petition-closing";

    public override TimeSpan Interval => configuration.GetValue("Jobs:PetitionClosingInterval", TimeSpan.FromMinutes(15));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Petitions.Where(p => p.Status == PetitionStatus.Open && p.ClosesAt != null && p.ClosesAt <= now).ToListAsync(token);
        if (due.Count == 0) return;
        var audit = services.GetRequiredService<AuditLog>();
        foreach (var petition in due)
        {
            petition.Close(now);
            audit.RecordWithoutActor("Plateforme", "petition.close", nameof(Petition), petition.Id, "fin de la période de signature");
        }
        await db.SaveChangesAsync(token);
    }
}
