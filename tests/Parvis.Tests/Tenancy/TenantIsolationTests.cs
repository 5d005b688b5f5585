using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Tenancy;

/// <summary>Nothing of organization B is reachable from organization A's host: pages, exports, sign-ins.</summary>
[Collection(PlatformAppCollection.Name)]
public class TenantIsolationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Each_host_shows_its_own_organization()
    {
        var a = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/");
        var b = await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/");
        Assert.Equal("Ville A", a.QuerySelector(".brand")!.TextContent.Trim());
        // Another test renames B; either name is B's, and neither is A's.
        Assert.StartsWith("Ville B", b.QuerySelector(".brand")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_is_refused_when_several_organizations_exist()
    {
        var response = await _app.ClientFor("inconnu.test").GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Aucune collectivité", await response.TextAsync());
    }

    [Fact]
    public async Task Pages_of_B_are_not_found_from_A()
    {
        var (consultationB, contributionB) = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
            (await db.Consultations.Select(c => c.Id).FirstAsync(), await db.Contributions.Select(c => c.Id).FirstAsync()));
        var idsA = await _app.InAAsync(async db => (await db.Consultations.Select(c => c.Id).ToListAsync(), await db.Contributions.Select(c => c.Id).ToListAsync()));
        Assert.DoesNotContain(consultationB, idsA.Item1);
        Assert.DoesNotContain(contributionB, idsA.Item2);

        var admin = await _app.SignedInAsync("admin");
        foreach (var url in new[] { $"/concertations/{consultationB}", $"/contributions/{contributionB}", $"/admin/concertations/{consultationB}",
                     $"/admin/concertations/{consultationB}/cloture", $"/admin/concertations/{consultationB}/export.json", $"/admin/concertations/{consultationB}/export.csv" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        var list = await admin.GetStringAsync("/concertations");
        Assert.DoesNotContain("Ville B", list, StringComparison.Ordinal);
        var journal = await admin.GetStringAsync("/admin/journal");
        Assert.DoesNotMatch(@"(?<![\w.-])b\.test", journal);
    }

    [Fact]
    public async Task A_sign_in_cookie_of_A_means_nothing_on_B()
    {
        var auth = await AdminCookieOfAAsync();
        // Replay A's cookie against B's host: a browser never would, an attacker could.
        using var raw = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = new Uri($"http://{ParvisFactory.HostB}") };
        raw.DefaultRequestHeaders.Add("Cookie", auth);
        var response = await raw.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_of_A_cannot_sign_in_on_B()
    {
        var email = await _app.NewCitizenAsync();
        var response = await _app.ClientFor(ParvisFactory.HostB).SubmitAsync("/compte/connexion", "main form",
            new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await response.TextAsync());
    }

    // Signs in through a raw handler to capture the Set-Cookie header the application sends.
    private async Task<string> AdminCookieOfAAsync()
    {
        using var raw = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = new Uri($"http://{ParvisFactory.HostA}") };
        var page = await raw.GetAsync("/compte/connexion");
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var html = HtmlClient.Parse(await page.Content.ReadAsStringAsync());
        var token = html.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/compte/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Email"] = "admin@" + ParvisFactory.DomainA,
                ["Form.Password"] = ParvisFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var login = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("parvis.auth=", StringComparison.Ordinal));
        // The same cookie works on A...
        using var check = new HttpRequestMessage(HttpMethod.Get, "/admin");
        check.Headers.Add("Cookie", auth);
        Assert.Equal(HttpStatusCode.OK, (await raw.SendAsync(check)).StatusCode);
        return auth;
    }
}
