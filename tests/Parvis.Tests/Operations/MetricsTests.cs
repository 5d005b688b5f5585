using System.Net;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>/metrics: Prometheus text with the request durations per route and Parvis's own measurements.</summary>
public sealed class MetricsTests(OperationsApp app) : IClassFixture<OperationsApp>
{
    [Fact]
    public async Task Metrics_give_the_duration_of_the_route_just_requested_and_parvis_measurements()
    {
        var client = app.ClientFrom("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/concertations")).StatusCode);

        // The request's duration is recorded as its response ends, a moment after the client has it.
        var text = "";
        await Eventually.UntilAsync(async () =>
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            text = await response.Content.ReadAsStringAsync();
            return text.Split('\n').Any(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("http_route=\"concertations\"", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(10), "no request duration for the route /concertations in /metrics");
        foreach (var name in new[] { "parvis_db_command_duration_seconds_count", "parvis_outbox_backlog", "parvis_outbox_oldest_age_seconds", "parvis_write_queue_length" })
            Assert.Contains("\n" + name, text, StringComparison.Ordinal);
    }
}
