using System.Net;
using System.Text.Json;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>"Mes données": the downloads hold everything of the person and nothing of anyone else, in this organization or another.</summary>
[Collection(PlatformAppCollection.Name)]
public class ExportTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task The_json_export_holds_the_persons_items_and_none_of_another_persons()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var neighbour = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var elsewhere = await _app.LeaveAsync(_app.OrganizationB, Marker());
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);

        var response = await client.GetAsync("/compte/donnees/export.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(me.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Prénom" + me.Marker, root.GetProperty("account").GetProperty("firstName").GetString());
        var bodies = root.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("body").GetString()).ToList();
        Assert.Equal(["Contribution " + me.Marker, "Anonyme " + me.Marker], bodies);
        Assert.Contains(root.GetProperty("contributions").EnumerateArray(), c => c.GetProperty("display").GetString() == "Anonyme");
        Assert.Equal("Commentaire " + me.Marker, root.GetProperty("comments")[0].GetProperty("body").GetString());
        Assert.Equal("Signalement " + me.Marker, root.GetProperty("flags")[0].GetProperty("reason").GetString());
        Assert.Equal("Carte " + me.Marker, root.GetProperty("verifications")[0].GetProperty("documentType").GetString());
        Assert.Equal(["FranceConnect"], root.GetProperty("linkedProviders").EnumerateArray().Select(p => p.GetString()).ToList());
        Assert.Equal(7, root.GetProperty("rateLimitRefusals")[0].GetProperty("refusedCount").GetInt32());
        Assert.DoesNotContain("sujet-", json, StringComparison.Ordinal);

        foreach (var other in new[] { neighbour, elsewhere })
        {
            Assert.DoesNotContain(other.Marker, json, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Email, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_html_export_is_a_readable_page_with_the_same_items()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var neighbour = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);

        var response = await client.GetAsync("/compte/donnees/export.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Mes données", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var text = page.Body!.TextContent;
        foreach (var item in new[] { me.Email, "Contribution " + me.Marker, "Anonyme " + me.Marker, "Commentaire " + me.Marker, "Signalement " + me.Marker, "Carte " + me.Marker })
            Assert.Contains(item, text, StringComparison.Ordinal);
        Assert.DoesNotContain(neighbour.Marker, text, StringComparison.Ordinal);
        // Self-contained: nothing loaded from elsewhere, no script.
        Assert.Empty(page.QuerySelectorAll("script, link[rel=stylesheet], img"));
        Assert.All(page.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));
    }

    [Fact]
    public async Task The_page_explains_what_is_held_and_the_downloads_need_a_sign_in()
    {
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync("/compte/donnees");
        Assert.NotNull(page.QuerySelector("a[href='/compte/donnees/export.json']"));
        Assert.NotNull(page.QuerySelector("a[href='/compte/donnees/export.html']"));
        Assert.NotNull(page.QuerySelector("a[href='/compte/supprimer']"));
        Assert.NotNull(page.QuerySelector("nav a[href='/compte/donnees']"));

        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var response = await visitor.GetAsync("/compte/donnees/export.json");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/connexion", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
