using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parvis.Infrastructure.Data;

namespace Parvis.Infrastructure.Cluster;

/// <summary>A piece of maintenance that must run once per period for the whole installation, whatever the number of nodes.</summary>
public interface IScheduledJob
{
    string Name { get; }
    TimeSpan Interval { get; }
    Task RunAsync(IServiceProvider services, CancellationToken token);
}

/// <summary>One period of one job, claimed by the node that ran it; (Job, Slot) is unique.</summary>
public class JobRun
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public long Slot { get; set; }
    public required string Node { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// Every node ticks; for each period the first node to insert the job's row for that period runs it,
/// the others hit the unique index and skip. A node that dies mid-run leaves its period undone; the next period runs.
/// </summary>
public sealed class JobScheduler(IServiceScopeFactory scopes, IEnumerable<IScheduledJob> jobs, IOptions<ClusterOptions> options,
    TimeProvider clock, ILogger<JobScheduler> logger, Operations.ParvisMetrics metrics) : BackgroundService
{
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, long> _lastSlot = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromTicks(Math.Clamp(jobs.Select(j => j.Interval.Ticks).DefaultIfEmpty(TimeSpan.TicksPerMinute).Min() / 4,
            TimeSpan.TicksPerMillisecond * 250, TimeSpan.TicksPerMinute));
        // Not at start: every job is due then, and running them all took the first visitor's page from 2 to 6 s
        // (docs/PERFORMANCE.md, "Start-up"). Each job waits on its own (FirstRunAfter), so that one short job
        // (the tally sealer's 10 s) does not bring all the others forward with it.
        var started = clock.GetUtcNow();
        try
        {
            await Task.Delay(jobs.Select(FirstRunAfter).DefaultIfEmpty(FirstRunDelay).Min(), clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sinceStart = clock.GetUtcNow() - started;
            foreach (var job in jobs.Where(j => sinceStart >= FirstRunAfter(j)))
            {
                try
                {
                    await RunIfDueAsync(job, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Scheduled job {Job} could not be started.", job.Name);
                }
            }
            try
            {
                await Task.Delay(tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A job's first run after start-up: half a minute later, or one period when its period is shorter.</summary>
    public static TimeSpan FirstRunAfter(IScheduledJob job) => job.Interval < FirstRunDelay ? job.Interval : FirstRunDelay;

    public async Task<bool> RunIfDueAsync(IScheduledJob job, CancellationToken token)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = now.Ticks / job.Interval.Ticks;
        if (_lastSlot.TryGetValue(job.Name, out var last) && last >= slot) return false;
        _lastSlot[job.Name] = slot;

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var node = options.Value.NodeName;
        // The claim: the unique (Job, Slot) index lets one insert through; the others insert nothing.
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "JobRuns" ("Job", "Slot", "Node", "StartedAt") VALUES ({job.Name}, {slot}, {node}, {now})
            ON CONFLICT ("Job", "Slot") DO NOTHING
            """, token);
        if (claimed == 0) return false;
        var run = await db.JobRuns.SingleAsync(r => r.Job == job.Name && r.Slot == slot, token);
        try
        {
            await job.RunAsync(scope.ServiceProvider, token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Error = e.GetType().Name;
            logger.LogWarning(e, "Scheduled job {Job} failed.", job.Name);
        }
        metrics.JobRan(job.Name, failed: run.Error is not null);
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(token);
        return true;
    }
}
