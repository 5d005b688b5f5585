using Parvis.Features.Sortition;
using static Parvis.Tests.Sortition.FairDrawTests;

namespace Parvis.Tests.Sortition;

/// <summary>Leximin, the algorithm of new draws, against maximin on the same pools.</summary>
public class LeximinTests
{
    private static PanelDistribution Leximin(SortitionProblem problem) => LeximinDistribution.Find(new PanelSolver(PanelGroups.Of(problem)));

    private static PanelDistribution Maximin(SortitionProblem problem) => MaximinDistribution.Find(new PanelSolver(PanelGroups.Of(problem)));

    /// <summary>Everyone's probability (a group's, once per member), from the lowest.</summary>
    private static double[] Sorted(SortitionProblem problem, PanelDistribution distribution)
    {
        var groups = PanelGroups.Of(problem);
        return [.. Enumerable.Range(0, groups.Count).SelectMany(g => Enumerable.Repeat(distribution.GroupProbabilities[g], groups.SizeOf(g))).Order()];
    }

    /// <summary>Panels of 2: one of the 10 women and one of the 2 men. Women get 1/10 whatever the lottery; maximin is
    /// content with any split of the men above 1/10, leximin raises the lower of the two men to 1/2.</summary>
    private static SortitionProblem RareMen() => Pool(2, [("F", "jeune", 10), ("H", "jeune", 1), ("H", "aîné", 1)],
        new("genre", "F", 1, 1), new("genre", "H", 1, 1), new("age", "jeune", 0, 2), new("age", "aîné", 0, 2));

    public static TheoryData<string> Pools => ["rare men", "rare combination", "mixed 300", "uneven 100"];

    private static SortitionProblem Named(string name) => name switch
    {
        "rare men" => RareMen(),
        "rare combination" => Pool(4, [("F", "jeune", 1), ("F", "aîné", 50), ("H", "jeune", 50), ("H", "aîné", 1)],
            new("genre", "F", 2, 2), new("genre", "H", 2, 2), new("age", "jeune", 2, 2), new("age", "aîné", 2, 2)),
        "mixed 300" => MixedPool(seed: "mélange", people: 300, panel: 20),
        _ => Uneven(),
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void The_minimum_is_maximins_and_no_level_above_it_is_worse(string pool)
    {
        var problem = Named(pool);

        var leximin = Sorted(problem, Leximin(problem));
        var maximin = Sorted(problem, Maximin(problem));

        Assert.Equal(maximin[0], leximin[0], 6);
        for (var i = 0; i < leximin.Length && Math.Abs(leximin[i] - maximin[i]) > 1e-6; i++)
            Assert.True(leximin[i] > maximin[i], $"person {i} from the lowest: leximin {leximin[i]} below maximin {maximin[i]}");
    }

    [Fact]
    public void Where_maximin_leaves_slack_leximin_evens_out_the_rest()
    {
        var problem = RareMen();

        var leximin = Sorted(problem, Leximin(problem));
        var maximin = Sorted(problem, Maximin(problem));

        Assert.Equal(0.1, leximin[0], 6);
        Assert.Equal([0.5, 0.5], leximin[10..].Select(p => Math.Round(p, 6)));
        Assert.True(maximin[10] < 0.5 - 1e-6, $"maximin gives the less lucky man {maximin[10]}");
    }

    [Fact]
    public void On_a_mixed_pool_leximin_raises_the_second_level_and_narrows_the_spread()
    {
        var problem = Uneven();

        var leximin = Sorted(problem, Leximin(problem));
        var maximin = Sorted(problem, Maximin(problem));

        var first = Array.FindIndex(maximin, p => p > maximin[0] + 1e-6);
        Assert.True(leximin[first] > maximin[first] + 1e-4, $"second level: leximin {leximin[first]}, maximin {maximin[first]}");
        Assert.True(Levels(leximin) < Levels(maximin), $"levels: leximin {Levels(leximin)}, maximin {Levels(maximin)}");
        Assert.True(leximin[^1] - leximin[0] < maximin[^1] - maximin[0] - 1e-3, "leximin's spread is not narrower");
    }

    /// <summary>A pool whose quotas leave maximin 15 levels of probability (leximin: 2).</summary>
    private static SortitionProblem Uneven() => MixedPool(seed: "x", people: 100, panel: 10);

    private static int Levels(double[] sorted) => sorted.Select(p => Math.Round(p, 5)).Distinct().Count();

    [Fact]
    public void Every_panel_of_the_lottery_meets_every_quota_and_the_probabilities_are_the_panel_size()
    {
        var problem = MixedPool(seed: "mélange", people: 300, panel: 20);
        var groups = PanelGroups.Of(problem);

        var distribution = Leximin(problem);

        Assert.Equal(1, distribution.Probabilities.Sum(), 9);
        Assert.All(distribution.Probabilities, p => Assert.InRange(p, 0, 1));
        foreach (var panel in distribution.Panels.Where((_, i) => distribution.Probabilities[i] > 0))
        {
            Assert.Equal(20, panel.Sum());
            for (var q = 0; q < problem.Quotas.Count; q++)
            {
                var holders = Enumerable.Range(0, groups.Count).Where(g => groups.QuotasOf[g].Contains(q)).Sum(g => panel[g]);
                Assert.InRange(holders, problem.Quotas[q].Min, problem.Quotas[q].Max);
            }
        }
        var result = FairDraw.Run(problem, "graine");
        Assert.Equal(FairDraw.Leximin, result.Algorithm);
        Assert.Equal(20, result.Probabilities.Sum(), 6);
        Assert.All(result.Probabilities, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void The_same_seed_finds_the_same_panels_in_the_same_order_and_draws_the_same_panel()
    {
        var problem = Uneven();

        var first = Leximin(problem);
        var again = Leximin(problem);
        var draw = FairDraw.Run(problem, "2026-12-06 loto 3 9 27");
        var redraw = FairDraw.Run(problem, "2026-12-06 loto 3 9 27");

        Assert.Equal(first.Panels, again.Panels);
        Assert.Equal(first.Probabilities, again.Probabilities);
        Assert.Equal(draw.Selected, redraw.Selected);
        Assert.Equal(draw.Probabilities, redraw.Probabilities);
    }

    [Fact]
    public void Maximin_still_draws_the_panel_it_drew_before_leximin()
    {
        // Drawn with parvis-maximin-1 before leximin existed (commit 7ff7993): a recorded draw must re-run the same.
        var problem = MixedPool(seed: "déterminisme", people: 200, panel: 15);

        var result = FairDraw.Run(problem, "2026-12-05 loto 7 12 23 34 45", FairDraw.Maximin);

        Assert.Equal(FairDraw.Maximin, result.Algorithm);
        Assert.Equal(MaximinPanel, string.Join(' ', result.Selected));
    }

    private const string MaximinPanel = "p0000 p0008 p0029 p0074 p0086 p0090 p0115 p0137 p0140 p0157 p0158 p0161 p0171 p0183 p0191";

    [Fact]
    public void An_unknown_algorithm_is_refused()
    {
        var error = Assert.Throws<Parvis.Domain.DomainException>(() => FairDraw.Run(RareMen(), "graine", "parvis-leximin-0"));

        Assert.Contains("parvis-leximin-0", error.Message, StringComparison.Ordinal);
    }
}
