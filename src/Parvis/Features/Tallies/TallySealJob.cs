using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Tallies;

/// <summary>
/// Seals the entries appended since the last run, every organization's, item by item in the order they were appended:
/// sequence numbers, hashes and one <see cref="TallySeal"/> per item, in one transaction. Runs once per period across
/// nodes (<see cref="JobScheduler"/>); should two sealers meet anyway, the entries' concurrency token and the seals'
/// unique index let one commit and roll the other back.
/// </summary>
public sealed class TallySealer(ParvisDbContext db, TimeProvider clock)
{
    /// <summary>Entries sealed per transaction; the job seals batch after batch until none is left.</summary>
    public const int BatchSize = 20_000;

    /// <summary>Seals one batch; returns how many entries it sealed (0 when another sealer won the race).</summary>
    public async Task<int> SealBatchAsync(CancellationToken token = default)
    {
        var pending = await db.TallyEntries.IgnoreQueryFilters().Where(e => e.Sequence == null)
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(token);
        if (pending.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        foreach (var item in pending.GroupBy(e => (e.Item, e.ItemId)))
        {
            var last = await db.TallySeals.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.Item == item.Key.Item && s.ItemId == item.Key.ItemId)
                .OrderByDescending(s => s.LastSequence).FirstOrDefaultAsync(token);
            var first = (last?.LastSequence ?? 0) + 1;
            var head = TallyChain.Seal(item, last?.LastSequence ?? 0, last?.Head ?? "", now);
            db.TallySeals.Add(new TallySeal
            {
                OrganizationId = item.First().OrganizationId,
                Item = item.Key.Item,
                ItemId = item.Key.ItemId,
                FirstSequence = first,
                LastSequence = first + item.Count() - 1,
                Head = head,
                SealedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }
        catch (DbUpdateException)
        {
            // Another sealer took these entries first: its chain stands, this one is dropped.
            db.ChangeTracker.Clear();
            return 0;
        }
        db.ChangeTracker.Clear();
        return pending.Count;
    }

    public async Task<int> SealAllAsync(CancellationToken token = default)
    {
        var total = 0;
        while (await SealBatchAsync(token) is > 0 and var sealedNow)
        {
            total += sealedNow;
            if (sealedNow < BatchSize) break;
        }
        return total;
    }
}

public sealed class TallySealJob(IConfiguration configuration) : IScheduledJob
{
    public string Name => "tally-seal";

    public TimeSpan Interval => configuration.GetValue("Jobs:TallySealInterval", TimeSpan.FromSeconds(10));

    public Task RunAsync(IServiceProvider services, CancellationToken token) =>
        services.GetRequiredService<TallySealer>().SealAllAsync(token);
}
