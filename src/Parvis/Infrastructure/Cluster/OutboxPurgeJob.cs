using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// Data kept for a while, then deleted: sent e-mails (they hold addresses; kept to answer "did it leave?"),
/// old job runs, and the addresses of postal letters whose code expired. Rate-limit refusals follow each
/// organization's own setting (<c>RetentionJob</c>).
/// </summary>
public sealed class OutboxPurgeJob(IConfiguration configuration, TimeProvider clock) : IScheduledJob
{
    public string Name => "outbox-purge";

    public TimeSpan Interval => configuration.GetValue("Jobs:OutboxPurgeInterval", TimeSpan.FromHours(1));

    private TimeSpan Retention => TimeSpan.FromDays(configuration.GetValue("Jobs:SentMailRetentionDays", 30));

    public async Task RunAsync(IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        await db.Outbox.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(token);
        await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(token);
        // Every organization's, hence without the tenant filter (a job has no organization).
        await Features.Identity.PostalLetters.EraseExpiredAddressesAsync(db.PostalLetterRequests.IgnoreQueryFilters(), clock.GetUtcNow().UtcDateTime, token);
    }
}
