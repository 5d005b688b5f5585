using System.Threading.RateLimiting;

namespace Parvis.Features.Requests.Open311;

/// <summary>
/// How many requests may be posted per minute, per key and per address (RateLimits:Open311PerKeyPerMinute,
/// RateLimits:Open311PerAddressPerMinute): a leaked key or a looping client stops there. The counters
/// come from the same store as the site's limits (memory, or Redis shared by every node).
/// </summary>
public sealed class Open311Limits(IConfiguration configuration, Infrastructure.Cluster.IRateLimiterStore store)
{
    private readonly PartitionedRateLimiter<string> _perKey = Counters(store, configuration.GetValue("RateLimits:Open311PerKeyPerMinute", 60));
    private readonly PartitionedRateLimiter<string> _perAddress = Counters(store, configuration.GetValue("RateLimits:Open311PerAddressPerMinute", 30));

    public async Task<bool> AllowAsync(int organizationId, int clientId, string? address)
    {
        using var byKey = await _perKey.AcquireAsync($"open311:{organizationId}:key:{clientId}");
        if (!byKey.IsAcquired) return false;
        using var byAddress = await _perAddress.AcquireAsync($"open311:{organizationId}:ip:{address}");
        return byAddress.IsAcquired;
    }

    // Idle counters are dropped by the partitioned limiter, so many addresses do not pile up in memory.
    private static PartitionedRateLimiter<string> Counters(Infrastructure.Cluster.IRateLimiterStore store, int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, k => store.FixedWindow(k, permits, TimeSpan.FromMinutes(1))));
}
