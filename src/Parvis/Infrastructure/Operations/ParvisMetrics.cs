using System.Diagnostics.Metrics;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;

namespace Parvis.Infrastructure.Operations;

/// <summary>
/// Parvis's own measurements, exported with the framework's at /metrics (meter "Parvis"): what the code already
/// knows as it goes (a job run, a refusal, a database command's duration, the write queue), and the outbox backlog,
/// read from the database when scraped.
/// </summary>
public sealed class ParvisMetrics
{
    public const string MeterName = "Parvis";
    // A scrape every few seconds from several Prometheus servers reads the outbox once in that time.
    private static readonly TimeSpan BacklogCacheDuration = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Histogram<double> _dbCommands;
    private (DateTimeOffset At, OutboxBacklog? Backlog) _backlog;

    public ParvisMetrics(IMeterFactory meters, IServiceScopeFactory scopes, Web.WriteQueue writeQueue, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _jobRuns = meter.CreateCounter<long>("parvis.job.runs", "{run}", "Scheduled job runs started by this node, by job and outcome.");
        _rateLimitRefusals = meter.CreateCounter<long>("parvis.rate_limit.refusals", "{request}", "Requests refused by a rate limit, by limit.");
        _dbCommands = meter.CreateHistogram<double>("parvis.db.command.duration", "s", "Time the database took to run a command.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("parvis.write_queue.length", () => writeQueue.QueuedCount, "{request}",
            "Writes waiting for a place in this node's write queue.");
        meter.CreateObservableGauge("parvis.outbox.backlog", () => Backlog() is { } b ? [new Measurement<long>(b.Count)] : Array.Empty<Measurement<long>>(),
            "{message}", "E-mails waiting to be sent, every organization's (shared by the nodes).");
        meter.CreateObservableGauge("parvis.outbox.oldest_age", () => Backlog() is { } b
                ? [new Measurement<double>(b.OldestCreatedAt is { } oldest ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0)]
                : Array.Empty<Measurement<double>>(),
            "s", "How long the oldest e-mail still to send has waited.");
    }

    public void JobRan(string job, bool failed) =>
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", failed ? "failed" : "ok"));

    public void RateLimitRefused(string limit) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void DatabaseCommand(TimeSpan duration, bool failed) =>
        _dbCommands.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "ok"));

    /// <summary>Kept for a few seconds; nothing when the database cannot say (readiness says why).</summary>
    private OutboxBacklog? Backlog()
    {
        var now = _clock.GetUtcNow();
        var cached = _backlog;
        if (cached.Backlog is not null && now - cached.At < BacklogCacheDuration) return cached.Backlog;
        try
        {
            using var scope = _scopes.CreateScope();
            // The exporter asks synchronously; the read is two indexed lookups.
            var backlog = OutboxBacklog.MeasureAsync(scope.ServiceProvider.GetRequiredService<ParvisDbContext>(), CancellationToken.None)
                .GetAwaiter().GetResult();
            _backlog = (now, backlog);
            return backlog;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }
}
