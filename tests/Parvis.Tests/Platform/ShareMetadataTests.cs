using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Platform;

/// <summary>What a link shared on a social network or quoted by a search engine shows: title, summary, image, address.</summary>
[Collection(PlatformAppCollection.Name)]
public class ShareMetadataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string? Meta(IHtmlDocument page, string key) =>
        page.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");

    [Fact]
    public async Task A_consultation_shares_its_title_its_summary_as_plain_text_and_its_own_absolute_address()
    {
        var id = await _app.IdAsync(ConsultationData.Open);
        var summary = await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Summary).FirstAsync());
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");

        Assert.Equal(ConsultationData.Open, Meta(page, "og:title"));
        Assert.Equal(ConsultationData.Open, Meta(page, "twitter:title"));
        Assert.Equal($"http://{ParvisFactory.HostA}/concertations/{id}", Meta(page, "og:url"));
        Assert.Equal("fr_FR", Meta(page, "og:locale"));
        Assert.Equal(summary, Meta(page, "og:description"));
        Assert.Equal(summary, Meta(page, "description"));
        Assert.Equal(summary, Meta(page, "twitter:description"));
    }

    [Fact]
    public async Task A_long_markdown_text_is_summed_up_as_its_first_words_in_plain_text()
    {
        var body = "**Pourquoi** : " + string.Join(' ', Enumerable.Repeat("un [trottoir](https://exemple.fr) plus large", 30));
        var territory = await _app.NewTerritoryAsync();
        var id = await _app.NewOutcomeAsync(territory);
        await _app.InAAsync(async db =>
        {
            var outcome = await db.Outcomes.SingleAsync(o => o.Id == id);
            outcome.DescriptionMarkdown = body;
            return await db.SaveChangesAsync();
        });

        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/nous-avons-fait/resultats/{id}");

        var description = Meta(page, "og:description")!;
        var plain = "Pourquoi : " + string.Join(' ', Enumerable.Repeat("un trottoir plus large", 30));
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        var kept = description[..^1];
        Assert.StartsWith(kept, plain, StringComparison.Ordinal);
        Assert.Equal(' ', plain[kept.Length]);
        Assert.InRange(description.Length, 150, 201);
    }

    [Fact]
    public async Task Another_organization_shares_its_own_name_and_address_and_an_error_page_shares_nothing()
    {
        var client = _app.ClientFor(ParvisFactory.HostB);
        var home = await client.GetDocumentAsync("/");
        Assert.Equal($"http://{ParvisFactory.HostB}/", Meta(home, "og:url"));
        // Read now: another test of the collection may have renamed the organization.
        var name = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) =>
            db.Organizations.Where(o => o.Id == _app.OrganizationB.Id).Select(o => o.Name).SingleAsync());
        Assert.Equal(name, Meta(home, "og:site_name"));

        var missing = await client.GetAsync("/page-qui-n-existe-pas");
        var error = HtmlClient.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Null(Meta(error, "og:title"));
    }
}
