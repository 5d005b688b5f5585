using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// Every node keeps hot, rarely changed data in its own memory: the organization of a host name, the
/// pages anonymous visitors read. A change on one node must evict them on every node, not wait for their expiry.
/// </summary>
public interface ICacheInvalidation
{
    /// <summary>Memory-cache entries, by key.</summary>
    Task ForgetAsync(IReadOnlyCollection<string> keys);

    /// <summary>Cached pages, by tag.</summary>
    Task EvictPagesAsync(string tag);
}

/// <summary>
/// A change token per page tag (an organization), cancelled whenever a staff action evicts that organization's pages,
/// on every node: memory-cache entries made from what staff edit (a consultation's rules) expire with it.
/// </summary>
public sealed class StaffChanges
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource> _sources = new();

    public Microsoft.Extensions.Primitives.IChangeToken For(string tag) =>
        new Microsoft.Extensions.Primitives.CancellationChangeToken(_sources.GetOrAdd(tag, _ => new CancellationTokenSource()).Token);

    // Not disposed: an entry being added may still register on the token it read just before.
    public void Signal(string tag)
    {
        if (_sources.TryRemove(tag, out var source)) source.Cancel();
    }
}

public class LocalCacheInvalidation(IMemoryCache cache, IOutputCacheStore pages, StaffChanges changes) : ICacheInvalidation
{
    public virtual Task ForgetAsync(IReadOnlyCollection<string> keys)
    {
        foreach (var key in keys) cache.Remove(key);
        return Task.CompletedTask;
    }

    public virtual async Task EvictPagesAsync(string tag)
    {
        changes.Signal(tag);
        await pages.EvictByTagAsync(tag, default);
        // A page being rendered while the change was saved may be stored just after this eviction,
        // with the old data: a second eviction shortly after removes it.
        _ = Task.Delay(ResidueDelay).ContinueWith(_ => pages.EvictByTagAsync(tag, default).AsTask(), TaskScheduler.Default);
    }

    private static readonly TimeSpan ResidueDelay = TimeSpan.FromMilliseconds(300);
}

/// <summary>Evicts locally, then tells the other nodes through a Redis channel they all subscribe to.</summary>
public sealed class RedisCacheInvalidation(IMemoryCache cache, IOutputCacheStore pages, IConnectionMultiplexer redis,
    IOptions<ClusterOptions> options, ILogger<RedisCacheInvalidation> logger, StaffChanges changes) : LocalCacheInvalidation(cache, pages, changes), IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("parvis:cache:forget");

    public override async Task ForgetAsync(IReadOnlyCollection<string> keys)
    {
        await base.ForgetAsync(keys);
        await PublishAsync(keys.Select(k => "k:" + k));
    }

    public override async Task EvictPagesAsync(string tag)
    {
        await base.EvictPagesAsync(tag);
        await PublishAsync(["t:" + tag]);
    }

    private async Task PublishAsync(IEnumerable<string> lines)
    {
        try
        {
            // Awaited before the response is sent: Redis has handed the message to every node when this returns.
            await redis.GetSubscriber().PublishAsync(Channel, options.Value.NodeName + "\n" + string.Join('\n', lines));
        }
        catch (RedisException e)
        {
            // The other nodes fall back on their entries' expiry (30 s for organizations, 10 s for pages).
            logger.LogWarning(e, "Could not tell the other nodes to evict {Entries}.", lines);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Re-subscribed by the multiplexer after a reconnection. A queue, not a callback: callbacks may
            // run out of order, and pages evicted before the organization would be rendered again stale.
            var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(message => ApplyAsync(message.Message.ToString()));
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Redis not reachable at start: this node will not hear other nodes' evictions until it is.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ApplyAsync(string message)
    {
        var lines = message.Split('\n');
        if (lines[0] == options.Value.NodeName) return;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("k:", StringComparison.Ordinal)) await base.ForgetAsync([line[2..]]);
            else if (line.StartsWith("t:", StringComparison.Ordinal)) await base.EvictPagesAsync(line[2..]);
        }
    }
}
