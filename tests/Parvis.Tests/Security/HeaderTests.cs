using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>What a browser is told to enforce: content policy, no sniffing, HTTPS only once seen, cookies out of reach of scripts.</summary>
[Collection(PlatformAppCollection.Name)]
public class HeaderTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private HttpClient Https() => _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{ParvisFactory.HostA}"), AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/compte/connexion")]
    [InlineData("/page-qui-n-existe-pas")]
    public async Task Every_page_sends_a_strict_content_policy_and_no_sniffing(string url)
    {
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Https_requests_get_strict_transport_security_and_plain_http_does_not()
    {
        var secure = await Https().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var plain = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Over_https_the_sign_in_antiforgery_and_language_cookies_are_secure_http_only_and_same_site()
    {
        var client = Https();
        var form = await client.GetAsync("/compte/connexion");
        var antiforgery = Cookie(form, "parvis.af");
        AssertFlags(antiforgery, "samesite=strict");

        var token = HtmlClient.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var login = await client.PostAsync("/compte/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Email"] = "habitant@" + ParvisFactory.DomainA,
            ["Form.Password"] = ParvisFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        AssertFlags(Cookie(login, "parvis.auth"), "samesite=lax");

        var language = await client.GetAsync("/langue?culture=en&returnUrl=/");
        AssertFlags(Cookie(language, ".AspNetCore.Culture"), "samesite=lax");
    }

    [Fact]
    public async Task Over_plain_http_cookies_are_not_marked_secure_so_a_local_installation_still_works()
    {
        var form = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/compte/connexion");
        var antiforgery = Cookie(form, "parvis.af");
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new Xunit.Sdk.XunitException($"No cookie {name} set by {response.RequestMessage?.RequestUri}.");

    private static void AssertFlags(string cookie, string sameSite)
    {
        var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", flags);
        Assert.Contains("secure", flags);
        Assert.Contains(sameSite, flags);
    }
}
