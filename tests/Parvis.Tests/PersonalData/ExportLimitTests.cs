using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>The export reads everything a person did: it is limited per account, and the refusal is recorded.</summary>
public sealed class ExportLimitTests : IAsyncLifetime
{
    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["RateLimits:ExportsPerHour"] = "2" };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_third_export_in_the_hour_is_refused_for_that_account_only()
    {
        var (me, email) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/compte/donnees/export.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/compte/donnees/export.html")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await me.GetAsync("/compte/donnees/export.json")).StatusCode);
        // Reading pages is not counted, and another person (same address) still downloads.
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/compte/donnees")).StatusCode);
        var (other, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/compte/donnees/export.json")).StatusCode);

        var userId = await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.True(await _app.InAAsync(db => db.RateLimitEvents.AnyAsync(e => e.UserId == userId && e.Limit == "personal-data-export")));
    }
}
