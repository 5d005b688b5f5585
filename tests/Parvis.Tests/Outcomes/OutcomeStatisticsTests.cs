using AngleSharp.Html.Dom;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Outcomes;

/// <summary>The figures of "Vous avez dit, nous avons fait" on seeded data whose answers are known.</summary>
[Collection(CivicAppCollection.Name)]
public class OutcomeStatisticsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<IHtmlDocument> TerritoryPageAsync(int territoryId, string query = "") =>
        await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/nous-avons-fait/territoires/{territoryId}{query}");

    private static string Figure(IHtmlDocument page, string id) => page.QuerySelector($"#{id}")!.TextContent;

    [Fact]
    public async Task Five_answers_in_1_2_3_10_and_40_days_give_a_median_of_3_days_and_4_of_5_within_the_30_day_deadline()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = territory; c.ServiceName = "Service des sports"; });
        await _app.AddAnsweredAsync(consultation, territory, 100, 1, 2, 3, 10, 40);

        var page = await TerritoryPageAsync(territory);

        Assert.Equal("Vous avez dit, nous avons fait", page.QuerySelector("h1")!.TextContent[..30]);
        Assert.Contains("5 sur 5 ont reçu une réponse officielle publiée (100 %) ; 0 attendent encore.", Figure(page, "chiffre-reponses"));
        Assert.Contains("3 jours", Figure(page, "chiffre-mediane"));
        Assert.Contains("(30 jours) : 80 %", Figure(page, "chiffre-delai"));
        var serviceRow = page.QuerySelector("#par-service tbody tr")!.TextContent;
        Assert.Contains("Service des sports", serviceRow);
        Assert.Contains("80 %", serviceRow);
    }

    [Fact]
    public async Task An_even_count_takes_the_mean_of_the_two_middle_delays_and_waiting_ones_are_counted_apart()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        await _app.AddAnsweredAsync(consultation, territory, 100, 1, 2, 3, 10);
        // Still waiting: one past the deadline (due, so it lowers the share), one too recent to be late (left out of the share).
        await _app.AddAnsweredAsync(consultation, territory, 60, [null]);
        await _app.AddAnsweredAsync(consultation, territory, 5, [null]);

        var page = await TerritoryPageAsync(territory);

        Assert.Contains("2,5 jours", Figure(page, "chiffre-mediane"));
        Assert.Contains("4 sur 6 ont reçu une réponse officielle publiée (67 %) ; 2 attendent encore.", Figure(page, "chiffre-reponses"));
        Assert.Contains("(30 jours) : 80 %", Figure(page, "chiffre-delai"));
    }

    [Fact]
    public async Task A_territory_counts_what_is_under_it_and_not_its_neighbours()
    {
        var parent = await _app.NewTerritoryAsync();
        var child = await _app.NewTerritoryAsync(parent);
        var neighbour = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = parent);
        await _app.AddAnsweredAsync(consultation, parent, 20, 1, null);
        await _app.AddAnsweredAsync(consultation, child, 20, 2);
        await _app.AddAnsweredAsync(consultation, neighbour, 20, 3, 3, 3, 3);

        var page = await TerritoryPageAsync(parent);
        Assert.Equal("3", page.QuerySelector("#demandes td")!.TextContent);
        Assert.Contains("2 sur 3", Figure(page, "chiffre-reponses"));
        var childPage = await TerritoryPageAsync(child);
        Assert.Equal("1", childPage.QuerySelector("#demandes td")!.TextContent);
        Assert.Contains(childPage.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/nous-avons-fait");
    }

    [Fact]
    public async Task The_period_leaves_out_what_was_posted_before_it()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        await _app.AddAnsweredAsync(consultation, territory, 200, 5);
        await _app.AddAnsweredAsync(consultation, territory, 40, 1, 1);

        Assert.Equal("3", (await TerritoryPageAsync(territory)).QuerySelector("#demandes td")!.TextContent);
        var threeMonths = await TerritoryPageAsync(territory, "?mois=3");
        Assert.Equal("2", threeMonths.QuerySelector("#demandes td")!.TextContent);
        Assert.Contains("1 jour ", Figure(threeMonths, "chiffre-mediane") + " ");
        Assert.DoesNotContain("1 jours", Figure(threeMonths, "chiffre-mediane"));
        Assert.Equal("3", threeMonths.QuerySelector("#mois option[selected]")!.GetAttribute("value"));
        // An unknown period falls back to twelve months rather than failing.
        Assert.Equal("3", (await TerritoryPageAsync(territory, "?mois=7")).QuerySelector("#demandes td")!.TextContent);
    }

    [Fact]
    public async Task Hidden_contributions_do_not_count_and_an_unknown_territory_is_a_404()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        await _app.AddAnsweredAsync(consultation, territory, 10, 1);
        await _app.AddContributionsAsync(consultation, 2, (c, _) => { c.TerritoryId = territory; c.State = ModerationState.Hidden; });

        Assert.Equal("1", (await TerritoryPageAsync(territory)).QuerySelector("#demandes td")!.TextContent);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/nous-avons-fait/territoires/999999")).StatusCode);
    }

    [Fact]
    public async Task Without_any_answer_the_page_says_so_instead_of_a_median()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        await _app.AddAnsweredAsync(consultation, territory, 2, null, null);

        var page = await TerritoryPageAsync(territory);
        Assert.Contains("aucune réponse pour l'instant", Figure(page, "chiffre-mediane"));
        Assert.Contains("0 sur 2 ont reçu une réponse officielle publiée (0 %) ; 2 attendent encore.", Figure(page, "chiffre-reponses"));
        // Nothing is due yet: no share rather than a misleading 0 %.
        Assert.Contains(": —", Figure(page, "chiffre-delai"));
    }
}
