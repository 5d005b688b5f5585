using Parvis.Features.Budgets;

namespace Parvis.Tests.Budgets;

/// <summary>
/// The shortcuts that make equal shares fast (the completion's runs in doubles with proven bounds, identical
/// ballots counted once, the explained run pricing only the projects that can still win) change no outcome: checked
/// against a count written the plain way, voter by voter in fractions, on random elections full of ties (fixed seeds).
/// </summary>
public sealed class EqualSharesSpeedTests
{
    private static IEnumerable<BudgetProblem> Instances(
        int seed, int count, int maxVoters, int maxProjects, int maxCost)
    {
        var random = new Random(seed);
        for (var k = 0; k < count; k++)
        {
            var voters = random.Next(2, maxVoters + 1);
            var projects = random.Next(2, maxProjects + 1);
            var points = k % 2 == 1;
            var costs = Enumerable.Range(0, projects)
                .Select(p => new BudgetProject($"{p + 1}", random.Next(1, maxCost)));
            var ballots = Enumerable.Range(0, voters).Select(_ =>
            {
                int[] chosen = [.. Enumerable.Range(0, projects).Where(_ => random.Next(3) == 0)];
                return new Ballot(chosen, points ? [.. chosen.Select(_ => (Rational)random.Next(1, 4))] : null);
            });
            yield return new BudgetProblem(random.Next(3, maxCost * 3), [.. costs], [.. ballots]);
        }
    }

    /// <summary>The winners, and each loser's round and money, those of the plain count.</summary>
    [Fact]
    public void Equal_shares_alone_and_with_add1_select_and_explain_as_the_plain_count()
    {
        foreach (var problem in Instances(4, 400, 12, 7, 20))
            foreach (var completion in new[] { Completion.None, Completion.Add1 })
            {
                var plain = PlainCount.Run(problem, completion == Completion.Add1);
                var outcome = EqualSharesRule.Run(problem, completion);
                Assert.Equal(plain.Selected, outcome.Selected);
                Assert.Equal(plain.Losses, outcome.Losses.Select(l => (l.Project, l.Round, l.SupportersMoney)));
            }
    }

    /// <summary>
    /// Larger elections, where amounts rarely tie: the quick run decides most runs by itself, and whenever it decides,
    /// its winners are the exact run's (when it cannot decide it says so, and the exact run counts).
    /// </summary>
    [Fact]
    public void The_quick_run_selects_what_the_exact_run_selects_whenever_it_decides()
    {
        var (runs, decided) = (0, 0);
        foreach (var problem in Instances(5, 60, 300, 14, 50_000))
        {
            var ballots = EqualSharesBallots.Prepare(problem)!;
            var share = problem.Budget / problem.Ballots.Count;
            var floor = Rational.Of(share.Floor(), 1);
            foreach (var perVoter in new[] { share, floor + 1, floor + 2, floor + 5 })
            {
                runs++;
                if (EqualSharesQuickRun.Select(problem, ballots, perVoter) is not { } quick) continue;
                decided++;
                Assert.Equal(EqualSharesRun.Select(problem, perVoter), quick);
            }
        }
        Assert.True(decided * 10 >= runs * 9, $"{decided} of {runs} runs decided");
    }

    /// <summary>Equal shares as its definition reads, each voter's money a fraction, every price recomputed.</summary>
    private static class PlainCount
    {
        public static (List<int> Selected, List<(int, int, Rational)> Losses) Run(BudgetProblem problem, bool add1)
        {
            var share = problem.Budget / problem.Ballots.Count;
            var outcome = Count(problem, share);
            if (!add1) return outcome;
            var floor = Rational.Of(share.Floor(), 1);
            for (var units = 1; !Exhaustive(problem, outcome.Selected); units++)
            {
                var next = Count(problem, floor + units);
                if (EqualSharesRule.Cost(problem, next.Selected) > problem.Budget) break;
                outcome = next;
            }
            return outcome;
        }

        private static bool Exhaustive(BudgetProblem problem, List<int> selected)
        {
            var left = problem.Budget - EqualSharesRule.Cost(problem, selected);
            return !Enumerable.Range(0, problem.Projects.Count).Any(p =>
                !selected.Contains(p) && problem.Supporters[p] > 0 && problem.Projects[p].Cost <= left);
        }

        /// <summary>The winners, and for each loser the round it was found out and its supporters' money.</summary>
        private static (List<int> Selected, List<(int, int, Rational)> Losses) Count(
            BudgetProblem problem, Rational share)
        {
            var money = problem.Ballots.Select(_ => share).ToArray();
            var remaining = Enumerable.Range(0, problem.Projects.Count).Where(p => problem.Supporters[p] > 0).ToList();
            var selected = new List<int>();
            var losses = Enumerable.Range(0, problem.Projects.Count).Where(p => problem.Supporters[p] == 0)
                .Select(p => (p, 0, Rational.Zero)).ToList();
            while (true)
            {
                (int Project, Rational Price)? best = null;
                foreach (var p in remaining.ToList())
                {
                    if (Price(problem, money, p) is not { } price)
                    {
                        remaining.Remove(p);
                        losses.Add((p, selected.Count, Supporters(problem, p)
                            .Aggregate(Rational.Zero, (sum, s) => sum + money[s.Voter])));
                    }
                    else if (best is not { } b || price < b.Price
                        || (price == b.Price && problem.TieOrder(p, b.Project) < 0))
                        best = (p, price);
                }
                if (best is not { } winner)
                {
                    losses.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2)
                        : problem.TieOrder(a.Item1, b.Item1));
                    return (selected, losses);
                }
                foreach (var (v, utility) in Supporters(problem, winner.Project))
                    money[v] -= Rational.Min(money[v], winner.Price * utility);
                remaining.Remove(winner.Project);
                selected.Add(winner.Project);
            }
        }

        /// <summary>The lowest ρ at which Σ min(money, ρ × utility) reaches the cost; null if it never does.</summary>
        private static Rational? Price(BudgetProblem problem, Rational[] money, int project)
        {
            var supporters = Supporters(problem, project).OrderBy(s => money[s.Voter] / s.Utility).ToList();
            var cost = problem.Projects[project].Cost;
            if (supporters.Aggregate(Rational.Zero, (sum, s) => sum + money[s.Voter]) < cost) return null;
            var paid = Rational.Zero;
            var utility = supporters.Aggregate(Rational.Zero, (sum, s) => sum + s.Utility);
            foreach (var (v, u) in supporters)
            {
                var price = (cost - paid) / utility;
                if (price * u <= money[v]) return price;
                paid += money[v];
                utility -= u;
            }
            throw new InvalidOperationException("The money covers the cost, so some price must do.");
        }

        private static IEnumerable<(int Voter, Rational Utility)> Supporters(BudgetProblem problem, int project) =>
            problem.Ballots.SelectMany((b, v) => b.Projects.Select((p, k) => (p, k)).Where(x => x.p == project)
                .Select(x => (v, b.UtilityAt(x.k)))).Where(s => !s.Item2.IsZero);
    }
}
