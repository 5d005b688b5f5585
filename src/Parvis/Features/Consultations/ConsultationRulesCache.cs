using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations;

/// <summary>
/// For the reaction path, the hottest write: which consultation a contribution belongs to (it never moves) and that
/// consultation's rules, kept in memory so that a reaction is one statement. The rules live a few seconds and go at
/// once, on every node, when staff change anything in the organization (<see cref="StaffChanges"/>); publication and
/// visibility of the contribution itself are checked by the statement, never from memory.
/// </summary>
public sealed class ConsultationRulesCache(ParvisDbContext db, IMemoryCache cache, StaffChanges changes)
{
    private static readonly TimeSpan RulesLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PlacementLifetime = TimeSpan.FromMinutes(2);

    public async Task<int?> ConsultationOfAsync(int contributionId)
    {
        var key = $"contribution-consultation:{db.TenantId}:{contributionId}";
        if (cache.TryGetValue(key, out int known)) return known;
        var found = await db.Contributions.Where(c => c.Id == contributionId).Select(c => (int?)c.ConsultationId).FirstOrDefaultAsync();
        if (found is { } id) cache.Set(key, id, new MemoryCacheEntryOptions { SlidingExpiration = PlacementLifetime });
        return found;
    }

    /// <summary>A detached copy, read-only, or null when the consultation does not exist here.</summary>
    public async Task<Consultation?> GetAsync(int consultationId)
    {
        var key = $"consultation-rules:{db.TenantId}:{consultationId}";
        if (cache.TryGetValue(key, out Consultation? consultation)) return consultation;
        var staffChange = changes.For(AnonymousPagePolicy.OrganizationTag(db.TenantId));
        consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId);
        if (consultation is not null)
            cache.Set(key, consultation, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = RulesLifetime }.AddExpirationToken(staffChange));
        return consultation;
    }
}
