using Parvis.Features.Budgets;

namespace Parvis.Tests.Budgets;

/// <summary>The guarantees of each rule, checked on small random approval elections (fixed seeds).</summary>
public sealed class RulePropertyTests
{
    private static IEnumerable<BudgetProblem> Instances(int seed, int count)
    {
        var random = new Random(seed);
        for (var k = 0; k < count; k++)
        {
            var voters = random.Next(2, 9);
            var projects = random.Next(2, 7);
            var costs = Enumerable.Range(0, projects).Select(p => new BudgetProject($"{p + 1}", random.Next(1, 11)));
            var ballots = Enumerable.Range(0, voters).Select(_ => new Ballot(
                [.. Enumerable.Range(0, projects).Where(_ => random.Next(3) == 0)], null));
            yield return new BudgetProblem(random.Next(3, 31), [.. costs], [.. ballots]);
        }
    }

    /// <summary>
    /// Greedy: every project someone voted for and that was not funded did not fit what was left at its turn in the
    /// vote order, nor what is left at the end; the funded ones never cost more than the budget.
    /// </summary>
    [Fact]
    public void Greedy_leaves_out_only_what_did_not_fit_at_its_turn()
    {
        foreach (var problem in Instances(1, 300))
        {
            var outcome = GreedyRule.Run(problem);
            var left = problem.Budget - outcome.Spent;
            Assert.True(left >= 0);
            var spent = Rational.Zero;
            var order = Enumerable.Range(0, problem.Projects.Count).ToList();
            order.Sort(problem.TieOrder);
            foreach (var p in order.Where(p => problem.Supporters[p] > 0))
            {
                var cost = problem.Projects[p].Cost;
                if (outcome.Selected.Contains(p)) spent += cost;
                else Assert.True(cost > problem.Budget - spent && cost > left);
            }
        }
    }

    /// <summary>
    /// Extended Justified Representation up to one project (Peters, Pierczyński and Skowron, NeurIPS 2021), approval
    /// case: for every set of projects T and every group of voters S such that each voter of S approves every project
    /// of T and S's share of the budget pays for T (|S| · B / n ≥ cost(T)), either T is wholly funded or some voter of
    /// S has at least |T| − 1 funded projects among those they approve (so that adding one project of T not funded
    /// would give them more than |T|). Checked by enumerating every T and every S on instances of at most 8 voters and
    /// 6 projects; the outcome of equal shares alone and with add1 (whose larger shares only add money) both pass.
    /// </summary>
    [Fact]
    public void Equal_shares_satisfies_ejr_up_to_one_project()
    {
        foreach (var problem in Instances(2, 300))
        {
            AssertEjrUpToOne(problem, EqualSharesRule.Run(problem).Selected);
            AssertEjrUpToOne(problem, EqualSharesRule.Run(problem, Completion.Add1).Selected);
        }
    }

    [Fact]
    public void With_add1_the_selection_never_costs_more_than_the_budget()
    {
        foreach (var problem in Instances(3, 300))
        {
            var outcome = EqualSharesRule.Run(problem, Completion.Add1);
            Assert.True(outcome.Spent <= problem.Budget);
            Assert.True(outcome.Spent >= EqualSharesRule.Run(problem).Spent);
        }
    }

    private static void AssertEjrUpToOne(BudgetProblem problem, IReadOnlyList<int> selected)
    {
        var n = problem.Ballots.Count;
        var m = problem.Projects.Count;
        var funded = selected.ToHashSet();
        var satisfaction = problem.Ballots.Select(b => b.Projects.Count(funded.Contains)).ToArray();
        for (var t = 1; t < 1 << m; t++)
        {
            var projects = Enumerable.Range(0, m).Where(p => (t >> p & 1) == 1).ToList();
            if (projects.All(funded.Contains)) continue;
            var cost = EqualSharesRule.Cost(problem, projects);
            for (var s = 1; s < 1 << n; s++)
            {
                var group = Enumerable.Range(0, n).Where(v => (s >> v & 1) == 1).ToList();
                if (group.Any(v => !projects.All(problem.Ballots[v].Projects.Contains))) continue;
                if (problem.Budget * group.Count < cost * n) continue;
                Assert.True(group.Any(v => satisfaction[v] >= projects.Count - 1),
                    $"T = {string.Join(",", projects)} S = {string.Join(",", group)} W = {string.Join(",", selected)}");
            }
        }
    }
}
