using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parvis.Infrastructure.Cluster;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>Many writers at once: on the embedded SQLite default nobody sees "database is locked"; jobs run once.</summary>
[Collection(PlatformAppCollection.Name)]
public class ConcurrencyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Twenty_people_contributing_at_the_same_moment_all_succeed()
    {
        var id = await _app.NewOpenConsultationAsync();
        var people = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _app.CitizenClientAsync()));
        var pages = await Task.WhenAll(people.Select(p => p.Client.GetDocumentAsync($"/concertations/{id}")));

        // Posted together, each with a form already in hand, so the writes really overlap.
        var responses = await Task.WhenAll(people.Select((p, i) => p.Client.SubmitAsync(pages[i], $"/concertations/{id}",
            "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = $"Écriture simultanée {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(20, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.ConsultationId == id && c.Body.StartsWith("Écriture simultanée"))));
    }

    [Fact]
    public async Task Two_nodes_ticking_in_the_same_period_run_a_job_once()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var job = new CountingJob("essai-" + Guid.NewGuid().ToString("N")[..6]);
        JobScheduler Node(string name) => new(_app.Services.GetRequiredService<IServiceScopeFactory>(), [job],
            Options.Create(new ClusterOptions { NodeName = name }), clock, NullLogger<JobScheduler>.Instance,
            _app.Services.GetRequiredService<Parvis.Infrastructure.Operations.ParvisMetrics>());
        var a = Node("a");
        var b = Node("b");

        var first = await Task.WhenAll(a.RunIfDueAsync(job, default), b.RunIfDueAsync(job, default));
        Assert.Equal(1, first.Count(ran => ran));
        Assert.Equal(1, job.Runs);

        // Same period again: nobody; next period: one of them.
        Assert.False(await b.RunIfDueAsync(job, default));
        clock.Now += job.Interval;
        var second = await Task.WhenAll(b.RunIfDueAsync(job, default), a.RunIfDueAsync(job, default));
        Assert.Equal(1, second.Count(ran => ran));
        Assert.Equal(2, job.Runs);
        Assert.Equal(2, await _app.InAAsync(db => db.JobRuns.CountAsync(r => r.Job == job.Name && r.FinishedAt != null)));
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingJob(string name) : IScheduledJob
    {
        private int _runs;

        public int Runs => _runs;

        public string Name => name;

        public TimeSpan Interval => TimeSpan.FromMinutes(5);

        public Task RunAsync(IServiceProvider services, CancellationToken token)
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }
    }
}
