using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// Every node keeps hot, rarely changed data (the organization of a host name) in its own memory.
/// A change on one node must evict the entry on every node, not wait for its expiry.
/// </summary>
public interface ICacheInvalidation
{
    Task ForgetAsync(IReadOnlyCollection<string> keys);
}

public sealed class LocalCacheInvalidation(IMemoryCache cache) : ICacheInvalidation
{
    public Task ForgetAsync(IReadOnlyCollection<string> keys)
    {
        foreach (var key in keys) cache.Remove(key);
        return Task.CompletedTask;
    }
}

/// <summary>Evicts locally, then tells the other nodes through a Redis channel they all subscribe to.</summary>
public sealed class RedisCacheInvalidation(IMemoryCache cache, IConnectionMultiplexer redis, IOptions<ClusterOptions> options,
    ILogger<RedisCacheInvalidation> logger) : BackgroundService, ICacheInvalidation
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("parvis:cache:forget");

    public async Task ForgetAsync(IReadOnlyCollection<string> keys)
    {
        foreach (var key in keys) cache.Remove(key);
        try
        {
            // Awaited before the response is sent, so the next request anywhere sees the change.
            await redis.GetSubscriber().PublishAsync(Channel, $"{options.Value.NodeName}\n{string.Join('\n', keys)}");
        }
        catch (RedisException e)
        {
            // The other nodes fall back on their entries' expiry (30 s).
            logger.LogWarning(e, "Could not tell the other nodes to forget {Keys}.", keys);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
                {
                    var lines = message.ToString().Split('\n');
                    foreach (var key in lines.Skip(1)) cache.Remove(key);
                });
                return;
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "Redis not reachable yet; subscribing again in 2 s.");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
