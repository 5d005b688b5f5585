using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Search;

/// <summary>
/// French as people type it, on SQLite and on PostgreSQL alike: accents optional, plurals and inflections, every
/// word required, a quoted phrase; results marked safely. Each test has its own made-up word, so that only its items
/// can match.
/// </summary>
[Collection(AppCollection.Name)]
public class SearchTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    internal static string Marker() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    internal static async Task<List<string>> ResultsAsync(HttpClient client, string query)
    {
        var page = await client.GetDocumentAsync("/recherche?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".search-results li").Select(li => li.TextContent).ToList();
    }

    private Task<List<string>> SearchAsync(string query) => ResultsAsync(_app.ClientFor(ParvisFactory.HostA), query);

    private async Task<int> ContributeAsync(string body)
    {
        var consultation = await _app.IdAsync(ConsultationData.Open);
        return (await _app.AddContributionsAsync(consultation, 1, (c, _) => c.Body = body))[0];
    }

    [Fact]
    public async Task Accents_are_optional_both_ways()
    {
        var m = Marker();
        await ContributeAsync($"Sécuriser la cour de l'école {m}.");
        Assert.Single(await SearchAsync($"ecole {m}"));
        Assert.Single(await SearchAsync($"ÉCOLE {m}"));
        Assert.Single(await SearchAsync($"securiser {m}"));
    }

    [Fact]
    public async Task Plurals_and_inflections_find_each_other()
    {
        var m = Marker();
        await ContributeAsync($"Un abri pour le vélo {m} près de la gare.");
        await ContributeAsync($"Les aménagements {m} du carrefour.");
        Assert.Single(await SearchAsync($"vélos {m}"));
        Assert.Single(await SearchAsync($"velo {m}"));
        Assert.Single(await SearchAsync($"aménager {m}"));
        Assert.Single(await SearchAsync($"amenagement {m}"));
        Assert.Equal(2, (await SearchAsync(m)).Count);
    }

    [Fact]
    public async Task Every_word_is_required_and_stop_words_are_not()
    {
        var m = Marker();
        await ContributeAsync($"Planter des arbres {m} sur la place.");
        Assert.Single(await SearchAsync($"arbres place {m}"));
        Assert.Single(await SearchAsync($"les arbres de la place {m}"));
        Assert.Empty(await SearchAsync($"arbres piscine {m}"));
    }

    [Fact]
    public async Task A_quoted_phrase_is_found_only_in_that_order()
    {
        var m = Marker();
        await ContributeAsync($"Ouvrir la maison de la culture {m} le dimanche.");
        await ContributeAsync($"La culture pour tous, une maison {m} ouverte.");
        var found = await SearchAsync($"\"maison de la culture\" {m}");
        Assert.Contains("dimanche", Assert.Single(found), StringComparison.Ordinal);
        Assert.Equal(2, (await SearchAsync($"maison culture {m}")).Count);
    }

    [Fact]
    public async Task Words_are_marked_and_the_text_stays_text()
    {
        var m = Marker();
        await ContributeAsync($"<b>École</b> & vélos {m} <script>alert(1)</script>");
        var html = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync("/recherche?q=" + Uri.EscapeDataString($"ecole velo {m}"));
        Assert.Contains("&lt;b&gt;<mark>École</mark>&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<mark>vélos</mark>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("le la les de")]
    [InlineData("'; DROP TABLE \"SearchEntries\"; --")]
    [InlineData("a & b | !c <-> d:* (e")]
    [InlineData("NEAR(a b) OR c* ^d")]
    public async Task Odd_input_is_answered_not_failed(string query)
    {
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/recherche?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_date_gets_a_french_message()
    {
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/recherche?q=ecole&du=demain");
        Assert.Contains("n'est pas une date", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_text_is_found_by_its_new_words_only()
    {
        var m = Marker();
        var id = await ContributeAsync($"Une fontaine {m} place du marché.");
        await _app.InAAsync(async db =>
        {
            var c = await db.Contributions.SingleAsync(x => x.Id == id);
            c.Body = $"Un banc {m} place du marché.";
            return await db.SaveChangesAsync();
        });
        Assert.Empty(await SearchAsync($"{m} fontaine"));
        Assert.Single(await SearchAsync($"{m} banc"));
    }

    [Fact]
    public async Task Filters_by_kind_and_dates()
    {
        var m = Marker();
        await ContributeAsync($"Contribution {m}.");
        var space = await _app.NewProposalSpaceAsync();
        await _app.AddProposalAsync(space, $"Proposition {m}", "Un texte.");
        var client = _app.ClientFor(ParvisFactory.HostA);
        var proposals = await client.GetDocumentAsync($"/recherche?q={m}&type=propositions");
        Assert.Contains("Proposition", Assert.Single(proposals.QuerySelectorAll(".search-results li")).TextContent, StringComparison.Ordinal);
        var old = await client.GetDocumentAsync($"/recherche?q={m}&au=2001-01-01");
        Assert.Empty(old.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_repeating()
    {
        var m = Marker();
        var consultation = await _app.IdAsync(ConsultationData.Open);
        var now = DateTime.UtcNow;
        await _app.AddContributionsAsync(consultation, 25, (c, i) => (c.Body, c.CreatedAt) = ($"Idée {i} {m}", now.AddMinutes(-i)));
        var client = _app.ClientFor(ParvisFactory.HostA);
        var first = await client.GetDocumentAsync($"/recherche?q={m}");
        Assert.Equal(20, first.QuerySelectorAll(".search-results li").Length);
        var next = first.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Résultats suivants", StringComparison.Ordinal));
        var second = await client.GetDocumentAsync(next.GetAttribute("href")!);
        var texts = second.QuerySelectorAll(".search-results li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, texts.Count);
        Assert.Contains(texts, t => t.Contains($"Idée 24 {m}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Items_that_existed_before_the_index_are_indexed_by_the_backfill()
    {
        var m = Marker();
        var id = await ContributeAsync($"Des toilettes publiques {m}.");
        await _app.InAAsync(db => db.SearchEntries.Where(e => e.Kind == SearchKind.Contribution && e.ItemId == id).ExecuteDeleteAsync());
        Assert.Empty(await SearchAsync($"toilettes {m}"));
        await _app.InAAsync(async db => { await SearchIndexSql.BackfillAsync(db); return 0; });
        Assert.Single(await SearchAsync($"toilette {m}"));
    }
}
