using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Petitions;

/// <summary>
/// The confirmed-signature count of petitions, kept in <see cref="PetitionCountShard"/> slices so that
/// thousands of signers a minute do not all update one row. Reads sum the shards, cached for a second.
/// </summary>
public sealed class PetitionCounts(ParvisDbContext db, IMemoryCache cache, PetitionThresholds thresholds)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    public async Task<long> CountAsync(int petitionId)
    {
        var key = CacheKey(petitionId);
        if (cache.TryGetValue(key, out long cached)) return cached;
        var total = await db.PetitionCountShards.Where(s => s.PetitionId == petitionId).SumAsync(s => s.Count);
        cache.Set(key, total, CacheFor);
        return total;
    }

    public async Task<Dictionary<int, long>> CountsAsync(IEnumerable<int> ids)
    {
        var list = ids.Distinct().ToList();
        var sums = await db.PetitionCountShards.Where(s => list.Contains(s.PetitionId))
            .GroupBy(s => s.PetitionId)
            .Select(g => new { g.Key, Total = g.Sum(s => s.Count) })
            .ToDictionaryAsync(x => x.Key, x => x.Total);
        return list.ToDictionary(id => id, id => sums.GetValueOrDefault(id));
    }

    /// <summary>
    /// Adds <paramref name="delta"/> (negative when signatures are invalidated) to a random shard in one
    /// statement, then lets the thresholds react to the new total.
    /// </summary>
    public async Task AddAsync(int petitionId, long delta)
    {
        if (delta == 0) return;
        var organizationId = await db.Petitions.Where(p => p.Id == petitionId).Select(p => (int?)p.OrganizationId).FirstOrDefaultAsync()
            ?? throw new DomainException("Cette pétition n'existe pas.");
        var shard = Random.Shared.Next(PetitionCountShard.Shards);
        // Quoted names work on both SQLite and PostgreSQL; the table name is fixed in PetitionConfigurations.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "PetitionCountShards" ("PetitionId", "Shard", "OrganizationId", "Count") VALUES ({0}, {1}, {2}, {3})
            ON CONFLICT ("PetitionId", "Shard") DO UPDATE SET "Count" = "PetitionCountShards"."Count" + excluded."Count"
            """,
            petitionId, shard, organizationId, delta);
        // The thresholds read the shards themselves: a sum cached by a concurrent signer a moment before this
        // one's insert would miss the crossing. The cache is only dropped, never filled here, for the same reason.
        var total = await db.PetitionCountShards.Where(s => s.PetitionId == petitionId).SumAsync(s => s.Count);
        cache.Remove(CacheKey(petitionId));
        await thresholds.OnCountedAsync(petitionId, total);
    }

    private static string CacheKey(int petitionId) => $"petition-count:{petitionId}";
}
