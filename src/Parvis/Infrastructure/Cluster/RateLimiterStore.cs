using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// Where the counters of the fixed-window rate limits live: this process, or Redis for every node at once.
/// Ask its limiters with <c>AcquireAsync</c>: a Redis counter has no synchronous answer, and its
/// <c>AttemptAcquire</c> is always refused (the rate-limiting middleware then asks asynchronously).
/// </summary>
public interface IRateLimiterStore
{
    RateLimiter FixedWindow(string key, int permits, TimeSpan window);
}

public sealed class LocalRateLimiterStore : IRateLimiterStore
{
    public RateLimiter FixedWindow(string key, int permits, TimeSpan window) =>
        new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}

public sealed class RedisRateLimiterStore(IConnectionMultiplexer redis, ILogger<RedisRateLimiterStore> logger) : IRateLimiterStore
{
    public RateLimiter FixedWindow(string key, int permits, TimeSpan window) =>
        new RedisFixedWindowRateLimiter(redis, key, permits, window, logger);
}

/// <summary>
/// One counter per key and window in Redis (INCR, expiring with the window), shared by every node.
/// When Redis cannot be reached the node falls back on a counter of its own rather than refusing everyone.
/// </summary>
public sealed class RedisFixedWindowRateLimiter(IConnectionMultiplexer redis, string key, int permits, TimeSpan window, ILogger logger) : RateLimiter
{
    private const string Increment = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
    private readonly FixedWindowRateLimiter _fallback = new(new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
    private DateTime _lastUse = DateTime.UtcNow;

    public override TimeSpan? IdleDuration => DateTime.UtcNow - _lastUse;

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware tries this synchronous path first; answering "not here" sends it to the asynchronous one.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        _lastUse = DateTime.UtcNow;
        var windowIndex = DateTime.UtcNow.Ticks / window.Ticks;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Increment,
                [(RedisKey)$"parvis:rl:{key}:{windowIndex}"], [(long)window.TotalMilliseconds]);
            if (count <= permits) return Lease.Granted;
            var retryAfter = TimeSpan.FromTicks((windowIndex + 1) * window.Ticks - DateTime.UtcNow.Ticks);
            return new Lease(false, retryAfter);
        }
        catch (RedisException e)
        {
            // A limit per address has the client's address in its key, and Redis quotes the key in its errors.
            logger.LogWarning("Redis unreachable ({Error}): rate limit {Key} counted on this node only.",
                Operations.PersonalDataMask.Text(e.Message), Operations.PersonalDataMask.Text(key));
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _fallback.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter = null) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
