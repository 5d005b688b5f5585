using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Parvis.Testing;

namespace Parvis.ClusterTests;

/// <summary>A cluster of its own: these tests kill a node and restart the database.</summary>
public sealed class FaultClusterFixture : ClusterFixture
{
    protected override IDictionary<string, string> NodeSettings => new Dictionary<string, string>
    {
        ["RateLimits__PostsPerMinute"] = "100000",
    };
}

[Trait("Category", "Cluster")]
[Collection("cluster")]
public class FaultTests(FaultClusterFixture cluster) : IClassFixture<FaultClusterFixture>
{
    [Fact]
    public async Task Killing_a_node_during_a_posting_load_loses_no_acknowledged_contribution()
    {
        var cookies = new CookieContainer();
        using var client = ClusterFixture.Client(cluster.Nginx, cookies);
        await client.LoginAsync("habitant@demo.parvis.localhost", "demo-parvis-2026");
        var id = await cluster.OpenConsultationAsync();
        var url = $"/concertations/{id}";
        var page = await client.GetDocumentAsync(url);
        var run = Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new ConcurrentBag<(string Body, TimeSpan At)>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        var next = 0;

        async Task PostUntil(TimeSpan end)
        {
            while (clock.Elapsed < end)
            {
                var body = $"Charge {run} n°{Interlocked.Increment(ref next)}";
                try
                {
                    var response = await client.SubmitAsync(page, url, "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = body });
                    if (response.StatusCode == HttpStatusCode.Redirect) acknowledged.Add((body, clock.Elapsed));
                    else failures.Add(response.StatusCode);
                }
                catch (HttpRequestException)
                {
                    failures.Add(0);
                }
            }
        }

        var load = Enumerable.Range(0, 8).Select(_ => PostUntil(TimeSpan.FromSeconds(7))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.ScriptAsync("kill-node", "1");
        var killedAt = clock.Elapsed;
        await Task.WhenAll(load);

        var stored = (await cluster.QueryListAsync<string>($"SELECT \"Body\" FROM \"Contributions\" WHERE \"Body\" LIKE 'Charge {run} %'")).ToHashSet();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, a => Assert.Contains(a.Body, stored));
        // nginx sends everything to the survivor: posting goes on after the kill.
        Assert.True(acknowledged.Count(a => a.At > killedAt + TimeSpan.FromSeconds(1)) > 10,
            $"too few successes after the kill ({acknowledged.Count} in all, failures: {string.Join(",", failures.GroupBy(f => f).Select(g => $"{(int)g.Key}×{g.Count()}"))})");
        await cluster.ScriptAsync("start-node", "1");
    }

    [Fact]
    public async Task During_a_database_restart_visitors_get_a_clean_503_and_the_site_recovers_by_itself()
    {
        using var client = ClusterFixture.Client(cluster.Nginx);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/concertations")).StatusCode);

        await cluster.ScriptAsync("stop-pg");
        var during = new List<(HttpStatusCode Status, string Text, bool Csp)>();
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/concertations");
            during.Add((response.StatusCode, await response.TextAsync(), response.Headers.Contains("Content-Security-Policy")));
            await Task.Delay(200);
        }
        await cluster.ScriptAsync("start-pg");
        var back = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/concertations")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(250);
        }
        while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Contains(during, d => d.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(during, d => Assert.True(d.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)d.Status}"));
        Assert.All(during.Where(d => d.Status == HttpStatusCode.ServiceUnavailable), d =>
        {
            Assert.Contains("momentanément indisponible", d.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", d.Text, StringComparison.Ordinal);
            Assert.True(d.Csp, "the 503 page keeps the security headers");
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), $"recovered after {back.Elapsed.TotalSeconds:0.0} s");
    }
}
