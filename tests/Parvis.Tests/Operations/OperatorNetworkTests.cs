using System.Net;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>Readiness and metrics answer only the operator's networks (Operations:AllowedNetworks); /sante answers everyone.</summary>
public sealed class OperatorNetworkTests(OperationsApp app) : IClassFixture<OperationsApp>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/sante/pret")]
    public async Task Refused_from_outside_the_allowed_networks(string path)
    {
        var response = await app.ClientFrom("203.0.113.7").GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("http_server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // An IPv6 client outside the networks too.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFrom("2001:db8::1").GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/sante/pret")]
    public async Task Refused_to_a_client_outside_forwarded_by_the_local_proxy(string path)
    {
        // nginx on the same machine forwards an outside client's request: the client's address decides, not nginx's.
        var client = app.ClientFrom("127.0.0.1");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("192.0.2.40")]
    [InlineData("::ffff:192.0.2.40")]
    public async Task Answered_inside_the_allowed_networks(string address)
    {
        var client = app.ClientFrom(address);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sante/pret")).StatusCode);
    }

    [Fact]
    public async Task The_liveness_check_answers_everyone()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFrom("203.0.113.7").GetAsync("/sante")).StatusCode);
    }
}
