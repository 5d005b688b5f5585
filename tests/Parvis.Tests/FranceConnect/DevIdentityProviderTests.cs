using System.Net;
using System.Text.Json;
using Parvis.Features.DevIdentityProvider;
using Parvis.Testing;

namespace Parvis.Tests.FranceConnect;

/// <summary>The development provider: a real OpenID provider where it is switched on, nothing at all where it is not.</summary>
[Collection(FranceConnectCollection.Name)]
public class DevIdentityProviderTests(FranceConnectFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Its_discovery_document_names_its_endpoints_on_the_host_that_was_asked()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;
        Assert.Equal("http://a.test/", root.GetProperty("issuer").GetString());
        Assert.Equal("http://a.test/dev-franceconnect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://a.test/dev-franceconnect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://a.test/dev-franceconnect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("http://a.test/dev-franceconnect/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.Equal("http://a.test/dev-franceconnect/jwks", root.GetProperty("jwks_uri").GetString());
        using var keys = JsonDocument.Parse(await client.GetStringAsync("/dev-franceconnect/jwks"));
        Assert.NotEqual(0, keys.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task It_refuses_another_client_a_foreign_redirect_and_a_wrong_secret()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        const string common = "response_type=code&scope=openid&state=s&nonce=n&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256";
        var stranger = await client.GetAsync($"/dev-franceconnect/authorize?client_id=other&redirect_uri={Uri.EscapeDataString("http://a.test/compte/franceconnect/retour")}&{common}");
        Assert.True(stranger.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, stranger.StatusCode.ToString());
        Assert.Null(stranger.Headers.Location);
        var foreign = await client.GetAsync($"/dev-franceconnect/authorize?client_id={DevIdentityProviderSetup.ClientId}&redirect_uri={Uri.EscapeDataString("http://pirate.example/compte/franceconnect/retour")}&{common}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Null(foreign.Headers.Location);

    }

    [Fact]
    public async Task Its_token_endpoint_wants_the_client_secret_and_the_pkce_verifier()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var verifier = new string('v', 43);
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://a.test/compte/franceconnect/retour";
        var authorize = new Uri($"http://a.test/dev-franceconnect/authorize?client_id={DevIdentityProviderSetup.ClientId}&redirect_uri={Uri.EscapeDataString(redirect)}"
            + $"&response_type=code&scope=openid%20given_name&state={new string('s', 32)}&nonce={new string('n', 32)}&code_challenge={challenge}&code_challenge_method=S256");
        var callback = await FranceConnectFixture.PickAsync(client, authorize, DevIdentityProviderSetup.Identities[2].Subject);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        Task<HttpResponseMessage> Exchange(string secret, string codeVerifier) => client.PostAsync("/dev-franceconnect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["client_id"] = DevIdentityProviderSetup.ClientId,
            ["client_secret"] = secret,
            ["code_verifier"] = codeVerifier,
        }));
        Assert.Contains("invalid_client", await (await Exchange("not-the-secret", verifier)).Content.ReadAsStringAsync());
        Assert.Contains("invalid_grant", await (await Exchange(DevIdentityProviderSetup.ClientSecret, new string('w', 43))).Content.ReadAsStringAsync());
    }

    private sealed class WithoutDevProvider : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["DevIdentityProvider:Enabled"] = "false" };
        protected override bool SecondOrganization => false;
    }

    [Fact]
    public async Task Switched_off_as_in_production_none_of_its_addresses_answers()
    {
        await using var app = new WithoutDevProvider();
        await app.InitializeAsync();
        var client = app.ClientFor(ParvisFactory.HostA);
        foreach (var url in new[] { "/.well-known/openid-configuration", "/dev-franceconnect/authorize", "/dev-franceconnect/jwks", "/dev-franceconnect/userinfo", "/dev-franceconnect/logout" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/dev-franceconnect/token", new FormUrlEncodedContent([]))).StatusCode);
    }
}
