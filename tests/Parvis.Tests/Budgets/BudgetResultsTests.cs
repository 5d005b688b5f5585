using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Budgets;
using Parvis.Testing;

namespace Parvis.Tests.Budgets;

/// <summary>The results page once the vote has closed: the announced rule on the ballots, explained, and the same count from the .pb file.</summary>
[Collection(CivicAppCollection.Name)]
public class BudgetResultsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static List<string> Column(AngleSharp.Html.Dom.IHtmlDocument page, int table, int column) =>
        [.. page.QuerySelectorAll("table")[table].QuerySelectorAll("tbody tr").Select(r => r.Children[column].TextContent.Trim())];

    /// <summary>
    /// Votes: A 3, B 4, C 2 (A 60 €, B 30 €, C 20 €, budget 100 €). Greedy: B (30 spent), A (90 spent), C no longer fits the 10 left.
    /// </summary>
    [Fact]
    public async Task Greedy_results_show_the_winners_and_the_running_total_and_the_file_counts_the_same()
    {
        var b = await _app.NewBudgetAsync(closed: true);
        await _app.AddBallotsAsync(b.Id, 3, (b.A, 1), (b.B, 1));
        await _app.AddBallotsAsync(b.Id, 2, (b.C, 1));
        await _app.AddBallotsAsync(b.Id, 1, (b.B, 1));
        // A choice of the unfeasible project (were one saved) is not counted.
        await _app.AddBallotsAsync(b.Id, 1, (b.Unfeasible, 1));
        var client = _app.ClientFor(ParvisFactory.HostA);

        var page = await client.GetDocumentAsync(b.Results);
        Assert.Equal(["Projet B · 30 €", "Projet A · 60 €"], page.QuerySelectorAll(".budget-winners li").Select(l => l.TextContent.Trim()));
        Assert.Equal(["Projet B", "Projet A", "Projet C"], page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody th").Select(t => t.TextContent));
        Assert.Equal(["Retenu", "Retenu", "Trop cher pour ce qui reste"], Column(page, 0, 4));
        Assert.Equal(["30 €", "90 €", "90 €"], Column(page, 0, 5));
        Assert.Contains("puis le moins coûteux, puis celui dont le numéro est le plus petit", page.Body!.TextContent, StringComparison.Ordinal);

        var file = await client.GetAsync(b.Results + "?handler=Pb");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var election = PbReader.Read(await file.Content.ReadAsStringAsync());
        Assert.Equal("greedy", election.MetaValue("rule"));
        Assert.Equal(6, election.Votes.Count);
        var problem = election.ToProblem();
        Assert.Equal([b.B.Text(), b.A.Text()], GreedyRule.Run(problem).Selected.Select(p => problem.Projects[p].Id));
        // Voters are numbers, never accounts.
        Assert.Equal(["1", "2", "3", "4", "5", "6"], election.Votes.Select(v => v.VoterId));
    }

    [Fact]
    public async Task No_results_before_the_vote_closes()
    {
        var b = await _app.NewBudgetAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(b.Results)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(b.Results + "?handler=Pb")).StatusCode);
    }

    [Fact]
    public async Task The_demo_budget_is_counted_by_equal_shares_round_by_round_as_its_file_says()
    {
        var id = await _app.InAAsync(db => db.Budgets.Where(x => x.Title == Parvis.Features.Demo.DemoBudgets.ResultsBudget).Select(x => x.Id).SingleAsync());
        var client = _app.ClientFor(ParvisFactory.HostA);
        var page = await client.GetDocumentAsync($"/budgets/{id}/resultats");
        Assert.Contains($"{Parvis.Features.Demo.DemoBudgets.GeneratedBallots} bulletins comptés.", page.Body!.TextContent, StringComparison.Ordinal);

        var election = PbReader.Read(await client.GetStringAsync($"/budgets/{id}/resultats?handler=Pb"));
        var problem = election.ToProblem();
        var outcome = EqualSharesRule.Run(problem, Completion.Add1);
        var titles = election.Projects.ToDictionary(p => p.Id, p => p.Cells[2]);
        var winners = outcome.Selected.Select(p => titles[problem.Projects[p].Id]).ToList();
        Assert.Equal(winners, page.QuerySelectorAll(".budget-winners strong").Select(s => s.TextContent));
        Assert.Equal(winners, page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody th").Select(t => t.TextContent));
        // Proportional: each group of voters has a project of its own, not only the majority's.
        Assert.Contains(winners, w => w.Contains("Rives", StringComparison.Ordinal) || w.Contains("jardins", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(winners, w => w.Contains("gare", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("equalshares/add1", election.MetaValue("rule"));
    }
}
