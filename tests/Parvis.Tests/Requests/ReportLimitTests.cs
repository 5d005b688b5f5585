using System.Net;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Sending reports and following them count against the posting limit, per address and per account.</summary>
public sealed class ReportLimitTests : IAsyncLifetime
{
    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["RateLimits:PostsPerMinute"] = "3" };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Reporting_and_following_share_the_posting_allowance_and_the_fourth_post_is_refused()
    {
        var (code, categoryId) = await _app.NewReportCategoryAsync();
        var requestId = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var (client, _) = await _app.CitizenClientAsync();
        var url = ReportingData.Url(code);
        var step = await client.GetDocumentAsync(url);
        var followUrl = $"/signalements/{requestId}/suivre";
        var follow = await client.GetDocumentAsync(followUrl);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync(step, url, ReportingData.Form, ReportingData.Valid("Banc " + i))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(follow, followUrl, "main form", new Dictionary<string, string?>())).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SubmitAsync(step, url, ReportingData.Form, ReportingData.Valid("Banc 4"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SubmitAsync(follow, followUrl, "main form", new Dictionary<string, string?>())).StatusCode);
        // Reading the form is never counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }
}
