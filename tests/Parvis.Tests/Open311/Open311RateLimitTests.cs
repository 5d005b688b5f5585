using System.Net;
using System.Text.Json;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

/// <summary>Posting through the API is limited per key and per address: a leaked key or a looping client stops there.</summary>
public sealed class Open311RateLimitTests : IAsyncLifetime
{
    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimits:Open311PerKeyPerMinute"] = "3",
            ["RateLimits:Open311PerAddressPerMinute"] = "5",
        };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private static FormUrlEncodedContent Report(string key) => new(new Dictionary<string, string>
    {
        ["api_key"] = key,
        ["service_code"] = "trottoir",
        ["address_string"] = "3 rue Haute",
        ["description"] = "Dalle cassée.",
        ["email"] = "quelquun@example.org",
    });

    [Fact]
    public async Task A_key_is_stopped_after_its_allowance_then_the_address_after_its_own()
    {
        var second = await _app.NewKeyAsync(open311: true);
        var client = _app.ClientFor(ParvisFactory.HostA);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.PostAsync("/open311/v2/requests.json", Report(Open311Data.ApiKey))).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Another key from the same address: two more, then the address's allowance (5) is spent.
        statuses.Clear();
        for (var i = 0; i < 3; i++) statuses.Add((await client.PostAsync("/open311/v2/requests.json", Report(second))).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var refused = await client.PostAsync("/open311/v2/requests.json", Report(second));
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.json")).StatusCode);
    }
}
