using System.Globalization;
using System.Net;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>/.well-known/security.txt (RFC 9116) with the operator's contact, and 404 when none is configured.</summary>
public sealed class SecurityTxtTests : IAsyncLifetime
{
    private sealed class WithContact : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["Operations:SecurityContact"] = "securite@exploitant.test" };
    }

    private readonly WithContact _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Security_txt_gives_the_operator_contact_for_the_requested_host()
    {
        var response = await _app.ClientFor(ParvisFactory.HostB).GetAsync("/.well-known/security.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var fields = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("mailto:securite@exploitant.test", fields["Contact"]);
        Assert.Equal("fr, en", fields["Preferred-Languages"]);
        Assert.Equal("http://b.test/.well-known/security.txt", fields["Canonical"]);
        var expires = DateTime.Parse(fields["Expires"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange(expires, DateTime.UtcNow.AddDays(300), DateTime.UtcNow.AddDays(366));
    }

    [Fact]
    public async Task Without_a_configured_contact_there_is_no_security_txt()
    {
        await using var app = new ParvisFactory();
        await app.InitializeAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(ParvisFactory.HostA).GetAsync("/.well-known/security.txt")).StatusCode);
    }
}
