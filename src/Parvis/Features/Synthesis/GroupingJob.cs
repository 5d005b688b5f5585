using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Synthesis;

/// <summary>
/// Groups the contributions of the consultations whose staff asked for it, on one node (the scheduler's claim), never in
/// a request. A grouping is claimed by a conditional update (request cleared, start time set): a second node running a
/// later period skips it, a new request made meanwhile is kept for the next run, a computation whose node died is taken
/// again once its <see cref="ContributionGrouping.Lease"/> is over, and one that fails puts the request back.
/// </summary>
public sealed class GroupingJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    public override string Name => "contribution-groupings";

    public override TimeSpan Interval => configuration.GetValue("Jobs:GroupingInterval", TimeSpan.FromSeconds(10));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var abandoned = now - ContributionGrouping.Lease;
        var due = await db.ContributionGroupings.AsNoTracking()
            .Where(g => g.RequestedAt != null || (g.StartedAt != null && g.StartedAt < abandoned && g.Progress < 100))
            .OrderBy(g => g.Id).Select(g => new { g.Id, g.RequestedAt, g.StartedAt }).ToListAsync(token);
        var store = services.GetRequiredService<GroupingStore>();
        foreach (var grouping in due)
        {
            var claimed = await db.ContributionGroupings
                .Where(g => g.Id == grouping.Id && g.RequestedAt == grouping.RequestedAt && g.StartedAt == grouping.StartedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.RequestedAt, (DateTime?)null)
                    .SetProperty(g => g.StartedAt, clock.GetUtcNow().UtcDateTime).SetProperty(g => g.Progress, 0), token);
            if (claimed != 1) continue;
            try
            {
                await store.ComputeAsync(grouping.Id, token);
            }
            catch
            {
                await db.ContributionGroupings.Where(g => g.Id == grouping.Id && g.RequestedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.RequestedAt, grouping.RequestedAt ?? now)
                        .SetProperty(g => g.StartedAt, (DateTime?)null), CancellationToken.None);
                throw;
            }
        }
    }
}
