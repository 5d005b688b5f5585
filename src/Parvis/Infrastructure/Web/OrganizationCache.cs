using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// Data the same for everyone in an organization (its territories, a consultation's header, its files…), read
/// once and kept in memory for a short while instead of on every signed-in page. Keys always carry the current
/// organization, so another organization's data is never served; every entry goes at once, on every node, when
/// staff change anything in the organization (an audit entry: the same eviction as the anonymous page cache).
/// Values are shared by every request: callers must never modify them.
/// </summary>
public sealed class OrganizationCache(ParvisDbContext db, IMemoryCache cache, StaffChanges changes)
{
    /// <summary>How long an entry lives when nothing evicts it (changes made outside staff actions, e.g. dates passing).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<T> GetAsync<T>(string name, object? key, Func<Task<T>> load)
    {
        var organization = db.TenantId;
        if (organization == 0) return await load();
        var entry = string.Create(CultureInfo.InvariantCulture, $"org-cache:{name}:{organization}:{key}");
        if (cache.TryGetValue(entry, out T? known)) return known!;
        // Taken before the read: a change saved while it runs evicts what it read.
        var staffChange = changes.For(AnonymousPagePolicy.OrganizationTag(organization));
        var value = await load();
        cache.Set(entry, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }.AddExpirationToken(staffChange));
        return value;
    }
}
