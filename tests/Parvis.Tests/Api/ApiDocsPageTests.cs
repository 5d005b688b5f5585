using System.Net;
using System.Text.RegularExpressions;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>The reference page at /api/docs works under the site's CSP: a nonce of its own, every asset served from here.</summary>
[Collection(PlatformAppCollection.Name)]
public partial class ApiDocsPageTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [GeneratedRegex("""<script[^>]*>""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""'nonce-([^']+)'""")]
    private static partial Regex CspNonce();

    [Fact]
    public async Task The_page_carries_a_fresh_nonce_in_its_csp_on_its_scripts_and_styles_and_loads_nothing_from_elsewhere()
    {
        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            // Scalar serves its page at /api/docs/ (its assets are relative to it): /api/docs leads there.
            var redirect = await _app.Api().GetAsync("/api/docs");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("/api/docs/", new Uri(new Uri("http://a.test/api/docs"), redirect.Headers.Location!).AbsolutePath);
            var response = await _app.Api().GetAsync("/api/docs/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            // Style attributes only (they run no script): scripts and <style> elements need the nonce or a hash.
            var directives = csp.Split(';', StringSplitOptions.TrimEntries);
            Assert.Equal(["style-src-attr 'unsafe-inline'"], directives.Where(d => d.Contains("unsafe-inline", StringComparison.Ordinal)));
            var nonce = CspNonce().Match(csp).Groups[1].Value;
            Assert.Matches($"script-src 'self' 'nonce-{Regex.Escape(nonce)}'", csp);
            Assert.Matches($"style-src 'self' 'nonce-{Regex.Escape(nonce)}'", csp);
            Assert.Contains($"<meta property=\"csp-nonce\" content=\"{nonce}\">", html, StringComparison.Ordinal);
            // Once, not once per request served so far.
            Assert.Single(Regex.Matches(html, "csp-nonce"));
            var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
            Assert.NotEmpty(scripts);
            Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s, StringComparison.Ordinal));
            Assert.DoesNotContain("https://", string.Join("", scripts), StringComparison.Ordinal);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            nonces.Add(nonce);
            foreach (var src in scripts.Select(s => Regex.Match(s, "src=\"([^\"]+)\"").Groups[1].Value).Where(s => s.Length > 0))
            {
                var asset = await _app.Api().GetAsync(new Uri(new Uri("http://a.test/api/docs/"), src));
                Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{src}: {(int)asset.StatusCode}");
            }
        }
        Assert.NotEqual(nonces[0], nonces[1]);
        // The rest of the site keeps its policy without a nonce.
        var home = await _app.Api().GetAsync("/");
        Assert.DoesNotContain("nonce-", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
