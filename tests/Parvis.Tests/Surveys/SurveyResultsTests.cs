using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>The public results: counts and shares right, the chart and its table alike, nothing about fewer than ten answers.</summary>
[Collection(AppCollection.Name)]
public class SurveyResultsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Counts_and_shares_are_right_the_same_in_chart_and_table_and_hidden_under_ten_answers()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.AnswerLevel = ParticipationLevel.Anyone);
        foreach (var option in new[] { "oui", "oui", "oui", "oui", "oui", "non", "non", "non", "sansavis" }) await AnswerAsync(s, option);
        var page = await ResultsAsync(s);
        Assert.Contains("Les résultats s'affichent à partir de 10 réponses", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("9 réponses, dont 9 en ligne et 0 sur papier.", page.QuerySelector(".survey-total")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("svg, table, .survey-result"));

        foreach (var option in new[] { "oui", "oui", "non" }) await AnswerAsync(s, option);
        page = await ResultsAsync(s);
        var expected = new[] { ("Oui", "7", "58,3 %"), ("Non", "4", "33,3 %"), ("Sans avis", "1", "8,3 %") };
        var table = page.QuerySelectorAll(".survey-figures tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelectorAll("td")[0].TextContent, r.QuerySelectorAll("td")[1].TextContent));
        Assert.Equal(expected, table);
        Assert.Contains("12 personnes ont répondu à cette question.", page.QuerySelector(".survey-figures caption")!.TextContent, StringComparison.Ordinal);
        var svg = page.QuerySelector("svg.chart")!;
        Assert.Equal("Oui : 7 (58,3 %) ; Non : 4 (33,3 %) ; Sans avis : 1 (8,3 %)", svg.QuerySelector("desc")!.TextContent);
        Assert.Equal(expected.SelectMany(e => new[] { e.Item1, $"{e.Item2} ({e.Item3})" }), svg.QuerySelectorAll("text").Select(t => t.TextContent));
        var widths = svg.QuerySelectorAll("rect.bar").Select(r => double.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(7.0 / 4, widths[0] / widths[1], 2);
        Assert.Equal(4.0, widths[1] / widths[2], 1);
    }

    [Fact]
    public async Task Every_kind_of_question_shows_its_figures()
    {
        var s = await _app.NewSurveyAsync(SurveyData.Full, x => x.AnswerLevel = ParticipationLevel.Anyone);
        for (var i = 0; i < 10; i++)
        {
            var device = _app.ClientFor(ParvisFactory.HostA);
            var page = await device.GetDocumentAsync(s.Url);
            page = await device.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option(i < 8 ? "velo" : "pied")), (s.Field("manques"), s.Option("bancs")));
            var second = new List<(string, string)> { (s.Field("note"), i.ToString(CultureInfo.InvariantCulture)),
                (s.Rank("classement", "securite"), "1"), (s.Rank("classement", "ombre"), i < 5 ? "2" : "3"), (s.Rank("classement", "proprete"), i < 5 ? "3" : "2"),
                (s.Row("moments", "matin"), s.Option("agreable")), (s.Row("moments", "soir"), s.Option(i < 3 ? "agreable" : "bruyante")) };
            if (i < 8) second.Add((s.Field("parking"), "Grille"));
            page = await device.AnswerAndReadAsync(page, s.Url, [.. second]);
            var done = await device.AnswerAsync(page, s.Url, (s.Field("frequence"), (i * 2).ToString(CultureInfo.InvariantCulture)),
                (s.Field("depuis"), "2020-01-0" + (1 + i % 3).ToString(CultureInfo.InvariantCulture)), (s.Field("autre"), $"Idée {i}"));
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }
        var results = await ResultsAsync(s);
        string Section(string key) => results.QuerySelector($"#resultat-{s.Q[key]}")!.ParentElement!.TextContent;
        Assert.Contains("Moins de 10 réponses à cette question", Section("parking"), StringComparison.Ordinal);
        Assert.Contains("Moyenne : 4,5 sur 10.", Section("note"), StringComparison.Ordinal);
        Assert.Contains("10 réponses, de 0 à 18 ; moyenne : 9.", Section("frequence"), StringComparison.Ordinal);
        Assert.Contains("10 réponses, de 01/01/2020 à 03/01/2020", Section("depuis"), StringComparison.Ordinal);
        var ranking = results.QuerySelector($"#resultat-{s.Q["classement"]}")!.ParentElement!.QuerySelectorAll("tbody tr")
            .Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToList();
        Assert.Equal(["La sécurité|10|100 %|1", "L'ombre|0|0 %|2,5", "La propreté|0|0 %|2,5"], ranking);
        var matrix = results.QuerySelector($"#resultat-{s.Q["moments"]}")!.ParentElement!.QuerySelectorAll(".survey-matrix tbody tr")
            .Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToList();
        Assert.Equal(["Le matin|10 (100 %)|0 (0 %)", "Le soir|3 (30 %)|7 (70 %)"], matrix);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Idée {9 - i}"),
            results.QuerySelector($"#resultat-{s.Q["autre"]}")!.ParentElement!.QuerySelectorAll(".survey-texts li").Select(l => l.TextContent));
    }

    [Fact]
    public async Task Filters_by_territory_and_age_never_show_a_group_under_ten()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice);
        var gare = await _app.TerritoryIdAsync("Quartier de la Gare");
        var rives = await _app.TerritoryIdAsync("Les Rives");
        var commune = await _app.InAAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Territories.Where(t => t.Id == gare).Select(t => t.ParentId!.Value)));
        await _app.SeedAnswersAsync(s, "avis", "oui", 11, gare, AgeBracket.From30To39);
        await _app.SeedAnswersAsync(s, "avis", "non", 6, rives, AgeBracket.From18To29);

        Assert.Equal([("Oui", "11"), ("Non", "6"), ("Sans avis", "0")], Figures(await ResultsAsync(s)));
        Assert.Equal([("Oui", "11"), ("Non", "0"), ("Sans avis", "0")], Figures(await ResultsAsync(s, $"territoire={gare}")));
        Assert.Equal([("Oui", "11"), ("Non", "0"), ("Sans avis", "0")], Figures(await ResultsAsync(s, "age=From30To39")));
        // The commune counts the quarters under it.
        Assert.Equal([("Oui", "11"), ("Non", "6"), ("Sans avis", "0")], Figures(await ResultsAsync(s, $"territoire={commune}")));
        foreach (var small in new[] { $"territoire={rives}", "age=From18To29", $"territoire={gare}&age=From18To29" })
        {
            var page = await ResultsAsync(s, small);
            Assert.Contains("Les résultats s'affichent à partir de 10 réponses", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll("svg, table"));
        }
        // A territory of nowhere or an age out of the list is no filter, not an error.
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"{s.Url}/resultats?territoire=999999&age=99")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"{s.Url}/resultats?territoire=abc&age=%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task Results_the_organizer_keeps_private_are_not_shown_to_citizens()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.PublicResults = false);
        await _app.SeedAnswersAsync(s, "avis", "oui", 12);
        var (client, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(s.Url + "/resultats")).StatusCode);
        Assert.Null((await client.GetDocumentAsync(s.Url)).QuerySelector("a[href$='/resultats']"));
    }

    private static IEnumerable<(string, string)> Figures(IHtmlDocument page) =>
        page.QuerySelectorAll(".survey-figures tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelectorAll("td")[0].TextContent));

    // Read signed in: the anonymous page cache would keep a page 10 s, and these tests add answers in between.
    private async Task<IHtmlDocument> ResultsAsync(BuiltSurvey s, string? query = null) =>
        await (_reader ??= (await _app.CitizenClientAsync()).Client).GetDocumentAsync($"{s.Url}/resultats" + (query is null ? "" : "?" + query));

    private HttpClient? _reader;

    private async Task AnswerAsync(BuiltSurvey s, string option)
    {
        var device = _app.ClientFor(ParvisFactory.HostA);
        var response = await device.AnswerAsync(await device.GetDocumentAsync(s.Url), s.Url, (s.Field("avis"), s.Option(option)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
