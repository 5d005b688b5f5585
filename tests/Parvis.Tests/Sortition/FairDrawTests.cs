using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Parvis.Domain;
using Parvis.Features.Sortition;

namespace Parvis.Tests.Sortition;

public class FairDrawTests
{
    /// <summary>A pool of people with (gender, age) and how many of each combination.</summary>
    internal static SortitionProblem Pool(int panel, (string Gender, string Age, int Count)[] cells, params Quota[] quotas)
    {
        var people = new List<PoolPerson>();
        foreach (var (gender, age, count) in cells)
            for (var i = 0; i < count; i++) people.Add(new PoolPerson($"{gender}{age}{i}", [gender, age]));
        return new SortitionProblem(["genre", "age"], people, quotas, panel);
    }

    [Fact]
    public void A_symmetric_pool_gives_everyone_the_same_probability()
    {
        var problem = Pool(4, [("F", "jeune", 3), ("F", "aîné", 3), ("H", "jeune", 3), ("H", "aîné", 3)],
            new("genre", "F", 2, 2), new("genre", "H", 2, 2), new("age", "jeune", 1, 3), new("age", "aîné", 1, 3));

        var result = FairDraw.Run(problem, "graine");

        Assert.All(result.Probabilities, p => Assert.Equal(4.0 / 12, p, 6));
        Assert.Equal(0, result.Spread, 6);
        Assert.Equal(4, result.Selected.Count);
        Assert.True(result.Certified);
    }

    [Fact]
    public void A_rare_combination_gets_the_same_chance_as_everyone_else()
    {
        // Panels hold 2 women, 2 men, 2 young, 2 old: either (young woman, old man, old woman, young man) or
        // (2 old women, 2 young men). The one young woman and the one old man are in the first kind only; the
        // fair lottery takes it with probability q so that q = (2 − q) / 50, i.e. everyone gets 2/51.
        var problem = Pool(4, [("F", "jeune", 1), ("F", "aîné", 50), ("H", "jeune", 50), ("H", "aîné", 1)],
            new("genre", "F", 2, 2), new("genre", "H", 2, 2), new("age", "jeune", 2, 2), new("age", "aîné", 2, 2));

        var result = FairDraw.Run(problem, "graine");

        Assert.All(result.Probabilities, p => Assert.Equal(2.0 / 51, p, 6));
        Assert.Equal(2.0 / 51, result.Minimum, 6);
    }

    [Fact]
    public void Someone_no_panel_can_hold_gets_zero_and_is_left_out_of_the_minimum()
    {
        // No old man fits: the panel needs 2 young people among 2 and 2 men among 2, so both men are young.
        var problem = Pool(2, [("H", "jeune", 4), ("H", "aîné", 1)],
            new("genre", "H", 2, 2), new("genre", "F", 0, 0), new("age", "jeune", 2, 2), new("age", "aîné", 0, 2));

        var result = FairDraw.Run(problem, "graine");

        Assert.Equal(0, result.Probabilities[4]);
        Assert.Equal(1, result.Unselectable);
        Assert.Equal(0.5, result.Minimum, 6);
        Assert.DoesNotContain("Haîné0", result.Selected);
    }

    [Fact]
    public void Every_panel_of_the_lottery_meets_every_quota_and_the_probabilities_add_up_to_the_panel_size()
    {
        var problem = MixedPool(seed: "mélange", people: 300, panel: 20);
        var groups = PanelGroups.Of(problem);

        var distribution = MaximinDistribution.Find(new PanelSolver(groups));

        Assert.Equal(1, distribution.Probabilities.Sum(), 6);
        foreach (var panel in distribution.Panels)
        {
            Assert.Equal(20, panel.Sum());
            for (var q = 0; q < problem.Quotas.Count; q++)
            {
                var holders = Enumerable.Range(0, groups.Count).Where(g => groups.QuotasOf[g].Contains(q)).Sum(g => panel[g]);
                Assert.InRange(holders, problem.Quotas[q].Min, problem.Quotas[q].Max);
            }
        }
        var result = FairDraw.Run(problem, "graine");
        Assert.Equal(20, result.Probabilities.Sum(), 6);
        foreach (var quota in problem.Quotas)
        {
            var feature = problem.IndexOf(quota.Feature);
            var chosen = problem.People.Count(p => result.Selected.Contains(p.Id) && p.Values[feature] == quota.Value);
            Assert.InRange(chosen, quota.Min, quota.Max);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_panel_and_another_seed_another()
    {
        var problem = MixedPool(seed: "déterminisme", people: 200, panel: 15);

        var first = FairDraw.Run(problem, "2026-12-05 loto 7 12 23 34 45");
        var again = FairDraw.Run(problem, "2026-12-05 loto 7 12 23 34 45");
        var other = FairDraw.Run(problem, "une autre graine");

        Assert.Equal(first.Selected, again.Selected);
        Assert.Equal(first.Probabilities, again.Probabilities);
        Assert.NotEqual(first.Selected, other.Selected);
    }

    [Fact]
    public void One_person_per_household_is_never_broken()
    {
        var people = new List<PoolPerson>
        {
            new("a1", ["x"], "1 rue de la Paix"), new("a2", ["x"], "1  RUE de la paix"),
            new("b1", ["x"], "2 rue Haute"), new("b2", ["x"], "2 rue Haute"), new("c1", ["x"], "3 rue Basse"),
        };
        var problem = new SortitionProblem(["f"], people, [new Quota("f", "x", 0, 3)], 3, OnePerHousehold: true);

        var result = FairDraw.Run(problem, "foyers");

        Assert.Single(result.Selected, id => id.StartsWith('a'));
        Assert.Single(result.Selected, id => id.StartsWith('b'));
        Assert.Equal([0.5, 0.5, 0.5, 0.5, 1], result.Probabilities.Select(p => Math.Round(p, 6)));
    }

    [Fact]
    public void Quotas_that_cannot_be_met_together_are_named_and_the_others_are_not()
    {
        var problem = Pool(4, [("F", "jeune", 5), ("H", "jeune", 5), ("F", "aîné", 5)],
            new("genre", "F", 3, 4), new("genre", "H", 3, 4), new("age", "jeune", 0, 4), new("age", "aîné", 0, 4));

        var error = Assert.Throws<DomainException>(() => FairDraw.Run(problem, "graine"));

        Assert.Contains("genre=F (min 3, max 4)", error.Message, StringComparison.Ordinal);
        Assert.Contains("genre=H (min 3, max 4) [5 dans le vivier]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("age=", error.Message, StringComparison.Ordinal);
        Assert.Contains("panel de 4 personnes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_households_for_the_panel_is_said_so()
    {
        var people = new List<PoolPerson> { new("a", ["x"], "ici"), new("b", ["x"], "ici"), new("c", ["x"], "là") };
        var problem = new SortitionProblem(["f"], people, [new Quota("f", "x", 0, 3)], 3, OnePerHousehold: true);

        var error = Assert.Throws<DomainException>(() => FairDraw.Run(problem, "graine"));

        Assert.Contains("trop peu de foyers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_panel_size_outside_the_pool_is_refused(int panel)
    {
        var problem = Pool(panel, [("F", "jeune", 6)], new("genre", "F", 0, 9), new("age", "jeune", 0, 9));

        var error = Assert.Throws<DomainException>(() => FairDraw.Run(problem, "graine"));

        Assert.Contains("taille du panel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_without_a_quota_row_is_named()
    {
        var problem = Pool(1, [("F", "jeune", 2), ("X", "jeune", 1)], new("genre", "F", 0, 9), new("age", "jeune", 0, 9));

        var error = Assert.Throws<DomainException>(() => FairDraw.Run(problem, "graine"));

        Assert.Equal("La personne « Xjeune0 » a la valeur « X » pour « genre », qui n'a pas de ligne dans les quotas.", error.Message);
    }

    [Fact]
    public void The_random_numbers_follow_the_published_recipe()
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("graine"));
        var block = SHA256.HashData([.. key, 0, 0, 0, 0, 0, 0, 0, 1]);
        var random = new LotteryRandom("graine");

        for (var i = 0; i < 4; i++) random.NextUInt64();

        Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(block), random.NextUInt64());
        Assert.Equal(Convert.ToHexStringLower(key), LotteryRandom.Commitment("graine"));
    }

    [Fact]
    public void Numbers_below_a_bound_stay_below_it_and_reach_every_value()
    {
        var random = new LotteryRandom("uniforme");
        var seen = new int[7];

        for (var i = 0; i < 7000; i++) seen[random.NextBelow(7)]++;

        Assert.All(seen, n => Assert.InRange(n, 850, 1150));
    }

    /// <summary>Four features of 3 to 6 values, unevenly spread; quotas around each value's share of the panel.</summary>
    internal static SortitionProblem MixedPool(string seed, int people, int panel)
    {
        string[][] values = [["F", "H", "NB"], ["18-29", "30-44", "45-59", "60-74", "75+"], ["Gare", "Centre", "Port", "Nord", "Sud", "Est"], ["sans", "bac", "sup"]];
        int[][] weights = [[48, 48, 4], [12, 22, 26, 25, 15], [30, 25, 15, 12, 10, 8], [30, 40, 30]];
        var random = new LotteryRandom(seed);
        var pool = new List<PoolPerson>();
        for (var i = 0; i < people; i++)
            pool.Add(new PoolPerson($"p{i:D4}", [.. values.Select((v, f) => v[Weighted(random, weights[f])])]));
        var quotas = new List<Quota>();
        string[] features = ["genre", "age", "quartier", "diplome"];
        for (var f = 0; f < values.Length; f++)
            for (var v = 0; v < values[f].Length; v++)
            {
                var share = panel * weights[f][v] / (double)weights[f].Sum();
                quotas.Add(new Quota(features[f], values[f][v], (int)Math.Floor(share * 0.8), (int)Math.Ceiling(share * 1.2) + 1));
            }
        return new SortitionProblem(features, pool, quotas, panel);
    }

    private static int Weighted(LotteryRandom random, int[] weights)
    {
        var ticket = random.NextBelow(weights.Sum());
        for (var i = 0; ; i++)
        {
            if (ticket < weights[i]) return i;
            ticket -= weights[i];
        }
    }
}
