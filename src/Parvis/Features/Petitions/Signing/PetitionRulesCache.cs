using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// A petition's signing rules (status, mode, level, closing date), read by primary key and kept a few seconds
/// in memory: a viral petition is signed thousands of times a second and its rules rarely change. A change
/// forgets the entry on every node through the eviction bus (<see cref="KeyOf"/>); the short lifetime bounds
/// what a missed eviction could cost.
/// </summary>
public sealed class PetitionRulesCache(ParvisDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public static string KeyOf(int organizationId, int petitionId) => $"petition-rules:{organizationId}:{petitionId}";

    /// <summary>A detached copy (never saved through this context), or null when the petition does not exist here.</summary>
    public async Task<Petition?> GetAsync(int petitionId)
    {
        var key = KeyOf(db.TenantId, petitionId);
        if (cache.TryGetValue(key, out Petition? petition)) return petition;
        petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId);
        cache.Set(key, petition, Lifetime);
        return petition;
    }
}
