using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;

namespace Parvis.Infrastructure.Web;

/// <summary>The POSTs of this page wait their turn in the <see cref="WriteQueue"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QueuedWritesAttribute : Attribute;

/// <summary>
/// A wave of writes (a petition going viral) takes a few requests at a time and queues the rest, first come first
/// served, instead of letting hundreds share the processor at once: the pages people read keep answering quickly,
/// and the writes are grouped by their group commits as well as before. Only a queue grown past its length answers
/// 503 with Retry-After; nothing is refused while there is room. One queue per node, shared by its organizations:
/// a petition going viral in one slows signing in the others, it does not stop it.
/// </summary>
public sealed class WriteQueue(IConfiguration configuration) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = configuration.GetValue("WriteQueue:Concurrency", Environment.ProcessorCount * 8),
        QueueLimit = configuration.GetValue("WriteQueue:Length", 20_000),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Requests waiting for a place now (for the metrics).</summary>
    public long QueuedCount => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public ValueTask<RateLimitLease> EnterAsync(CancellationToken token) => _limiter.AcquireAsync(1, token);

    public void Dispose() => _limiter.Dispose();
}

public static class WriteQueueMiddleware
{
    private const long MaxFormBytes = 64 * 1024;

    public static IApplicationBuilder UseWriteQueue(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || ctx.GetEndpoint()?.Metadata.GetMetadata<QueuedWritesAttribute>() is null)
        {
            await next();
            return;
        }
        // The form is read before a place is taken, so that a client sending its body slowly holds its own
        // connection, never one of the few places; these forms are small.
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxFormBytes;
        if (ctx.Request.HasFormContentType) await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        using var lease = await ctx.RequestServices.GetRequiredService<WriteQueue>().EnterAsync(ctx.RequestAborted);
        if (!lease.IsAcquired)
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = "10";
            return;
        }
        await next();
    });
}
