using Microsoft.EntityFrameworkCore;
using Parvis.Features.Sortition;
using Parvis.Testing;

namespace Parvis.Tests.Sortition;

/// <summary>New draws are leximin; a round committed with maximin (before leximin) runs, and is replaced, with maximin.</summary>
[Collection(CivicAppCollection.Name)]
public class DrawAlgorithmTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private const string Seed = "loto 2026-12-06 2 4 8";

    [Fact]
    public async Task A_new_draw_is_committed_with_leximin()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();

        Assert.Empty((await admin.PostAsync(draw, "Commit", new() { ["seed"] = Seed })).Errors());

        Assert.Equal(FairDraw.Leximin, await _app.InAAsync(db => db.DrawRounds.Where(r => r.DrawId == draw).Select(r => r.AlgorithmVersion).SingleAsync()));
    }

    [Fact]
    public async Task A_round_committed_with_maximin_runs_with_maximin_and_its_replacement_too()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync(pool: Pool());
        Assert.Empty((await admin.PostAsync(draw, "Commit", new() { ["seed"] = Seed })).Errors());
        // As a round committed before leximin existed was recorded.
        await _app.InAAsync(db => db.DrawRounds.Where(r => r.DrawId == draw).ExecuteUpdateAsync(s => s.SetProperty(r => r.AlgorithmVersion, FairDraw.Maximin)));
        var round = await _app.InAAsync(db => db.DrawRounds.AsNoTracking().SingleAsync(r => r.DrawId == draw));
        var problem = await new RoundFiles(round.PeopleCsv, round.QuotasCsv, round.PanelSize, false).ProblemAsync();
        var maximin = FairDraw.Run(problem, Seed, FairDraw.Maximin);
        Assert.NotEqual(Published(problem, FairDraw.Run(problem, Seed, FairDraw.Leximin)), Published(problem, maximin));

        Assert.Empty((await admin.PostAsync(draw, "Run")).Errors());

        var ran = await _app.InAAsync(db => db.DrawRounds.AsNoTracking().SingleAsync(r => r.DrawId == draw));
        Assert.Equal(string.Join('\n', maximin.Selected), ran.Selected);
        Assert.Equal(Published(problem, maximin), ran.Probabilities);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/tirages/{draw}");
        Assert.EndsWith("--algorithm maximin", page.QuerySelector("[data-command='1']")!.TextContent, StringComparison.Ordinal);

        // A woman declines: with 20 women in the pool her replacement always fits the quotas (a man's may not).
        var staffPage = await admin.GetDocumentAsync($"/admin/tirages/{draw}");
        var woman = staffPage.QuerySelectorAll("tr:has(form[action*='handler=Decline'])")
            .First(r => int.Parse(r.Children[1].TextContent.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) < 20);
        var decline = woman.QuerySelector("form")!.GetAttribute("action")!;
        Assert.Empty((await admin.SubmitAndReadAsync($"/admin/tirages/{draw}", $"form[action='{decline}']", new Dictionary<string, string?>())).Errors());
        Assert.Empty((await admin.PostAsync(draw, "Commit")).Errors());
        Assert.Equal(FairDraw.Maximin, await _app.InAAsync(db => db.DrawRounds.Where(r => r.DrawId == draw && r.Number == 2).Select(r => r.AlgorithmVersion).SingleAsync()));
    }

    /// <summary>20 women, one man of the Gare and three of the Port: leximin gives every man 1/2, maximin does not.</summary>
    private static string Pool()
    {
        var text = new System.Text.StringBuilder("nom;genre;quartier;adresse\n");
        (string Gender, string Quartier, int Count)[] cells = [("F", "Gare", 10), ("F", "Port", 10), ("H", "Gare", 1), ("H", "Port", 3)];
        var n = 0;
        foreach (var (gender, quartier, count) in cells)
            for (var i = 0; i < count; i++, n++) text.Append(FormattableString.Invariant($"Personne {n};{gender};{quartier};{n} rue Basse\n"));
        return text.ToString();
    }

    private static string Published(SortitionProblem problem, DrawResult result) =>
        string.Join('\n', problem.People.Select((p, i) => p.Id + "," + SortitionCommand.Probability(result.Probabilities[i])));
}
