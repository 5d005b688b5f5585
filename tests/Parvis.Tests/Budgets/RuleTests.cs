using Parvis.Features.Budgets;

namespace Parvis.Tests.Budgets;

public sealed class RuleTests
{
    private static BudgetProblem Problem(string text) => PbReader.Read(text).ToProblem();

    private static string[] Ids(BudgetProblem problem, IEnumerable<int> selected) =>
        [.. selected.Select(p => problem.Projects[p].Id)];

    /// <summary>
    /// Votes: 1 and 2 have 4 each, 3 and 4 have 2 each. Greedy: 2 (4 votes, cheaper than 1) 40 spent, then 1 (60 fits
    /// the 60 left) 100 spent, then 3 and 4 (30 each) no longer fit the 0 left. The 4 voters of the first
    /// neighbourhood get everything.
    /// </summary>
    [Fact]
    public void Greedy_funds_by_votes_and_skips_what_no_longer_fits()
    {
        var problem = Problem(PbFiles.TwoNeighbourhoods);

        var outcome = GreedyRule.Run(problem);

        Assert.Equal(["2", "1"], Ids(problem, outcome.Selected));
        Assert.Equal(
            [("2", GreedyDecision.Selected, 100, 40), ("1", GreedyDecision.Selected, 60, 100),
                ("3", GreedyDecision.TooExpensive, 0, 100), ("4", GreedyDecision.TooExpensive, 0, 100)],
            outcome.Steps.Select(s => (problem.Projects[s.Project].Id, s.Decision, (int)s.LeftBefore.ToDecimal(),
                (int)s.SpentAfter.ToDecimal())));
    }

    /// <summary>
    /// 6 voters, 100 each share 50/3. Round 1, prices per voter: 2 costs 40/4 = 10, 1 costs 60/4 = 15, 3 and 4 cost
    /// 30/2 = 15: project 2 wins, voters 1–4 pay 10 each and keep 20/3. Round 2: project 1 needs 60 but its
    /// supporters have 4 × 20/3 = 80/3 left: out; 3 and 4 both at 15, same votes and cost, 3 by its id. Voters 5–6
    /// pay 15 and keep 5/3 each: 4 (30) is out with 10/3. Selected 2, 3: each neighbourhood gets one project.
    /// </summary>
    [Fact]
    public void Equal_shares_gives_each_group_its_share_and_explains_each_round_and_each_loss()
    {
        var problem = Problem(PbFiles.TwoNeighbourhoods);

        var outcome = EqualSharesRule.Run(problem);

        Assert.Equal(["2", "3"], Ids(problem, outcome.Selected));
        Assert.Equal(70, outcome.Spent);
        Assert.Equal(Rational.Of(50, 3), outcome.BudgetPerVoter);
        var first = outcome.Rounds[0];
        Assert.Equal((1, (Rational)10), (first.Project, first.PricePerUtility));
        Assert.Equal((Rational)10, Assert.Single(first.Payments).Amount);
        Assert.Equal([0, 1, 2, 3], first.Payments[0].Voters);
        Assert.Equal(Rational.Of(200, 3), first.SupportersMoneyBefore);
        Assert.Equal([4, 5], Assert.Single(outcome.Rounds[1].Payments).Voters);
        Assert.Equal(
            [new EqualSharesLoss(0, 1, Rational.Of(80, 3), 60), new EqualSharesLoss(3, 2, Rational.Of(10, 3), 30)],
            outcome.Losses);
    }

    /// <summary>
    /// With add1 the share per voter goes 50/3, then 17, 18…: up to 24, the first neighbourhood keeps 4 × 14 = 56 after
    /// project 2, short of 60, and the outcome is still 2, 3 (70). At 25 it would fund 2, 1 and 3 (130 &gt; 100): the
    /// completion stops and keeps 24, that is 8 units above ⌊50/3⌋ = 16.
    /// </summary>
    [Fact]
    public void Add1_stops_before_the_outcome_costs_more_than_the_budget()
    {
        var problem = Problem(PbFiles.TwoNeighbourhoods);

        var outcome = EqualSharesRule.Run(problem, Completion.Add1);

        Assert.Equal(["2", "3"], Ids(problem, outcome.Selected));
        Assert.Equal((24, 8), ((int)outcome.BudgetPerVoter.ToDecimal(), outcome.UnitsAdded));
    }

    /// <summary>
    /// 4 voters, 25 each. Alone: 1 (50) is paid by a and b at 25 each; 2 (28) and 3 (30) have one supporter with 25:
    /// both out, 50 left although 2 fits. add1: at 26 and 27 still only 1; at 28, c pays 28 for 2: 1, 2 (78), and 3
    /// (30) no longer fits the 22 left, so the outcome is exhaustive: 3 units added. Greedy: 1 (2 votes), 2 (1 vote,
    /// cheaper than 3), 3 does not fit.
    /// </summary>
    [Fact]
    public void Add1_raises_the_shares_until_the_spending_is_exhaustive()
    {
        var problem = Problem(PbFiles.Add1Helps);

        Assert.Equal(["1"], Ids(problem, EqualSharesRule.Run(problem).Selected));
        var completed = EqualSharesRule.Run(problem, Completion.Add1);
        Assert.Equal(["1", "2"], Ids(problem, completed.Selected));
        Assert.Equal((28, 3), ((int)completed.BudgetPerVoter.ToDecimal(), completed.UnitsAdded));
        Assert.Equal(["1", "2"], Ids(problem, GreedyRule.Run(problem).Selected));
    }

    /// <summary>
    /// Points, 3 voters with 20 each. Prices per point: 1 costs 30 / (3 + 3) = 5 (v1 and v2 pay 15), 2 and 3 cost
    /// 30 / 3 = 10. Round 1: 1. Then 2's supporters have 5 + 20 &lt; 30, so have 3's: outcome 1 alone. add1: at 23,
    /// 2's supporters have 8 (v1, 1 point) and 23 (v3, 2 points): v1 gives all 8, v3 pays 11 × 2 = 22 at a price of 11;
    /// 3 ties at 11 and loses by its id; 1, 2 cost 60 = the budget. Greedy by points: 1 (6), 2 (3, by its id).
    /// </summary>
    [Fact]
    public void Cumulative_ballots_pay_in_proportion_to_the_points()
    {
        var problem = Problem(PbFiles.Points);

        Assert.Equal(["1"], Ids(problem, EqualSharesRule.Run(problem).Selected));
        var completed = EqualSharesRule.Run(problem, Completion.Add1);
        Assert.Equal(["1", "2"], Ids(problem, completed.Selected));
        Assert.Equal(3, completed.UnitsAdded);
        var second = completed.Rounds[1];
        Assert.Equal((Rational)11, second.PricePerUtility);
        Assert.Equal([((Rational)22, "2"), ((Rational)8, "0")],
            second.Payments.Select(p => (p.Amount, string.Join(",", p.Voters))));
        Assert.Equal(["1", "2"], Ids(problem, GreedyRule.Run(problem).Selected));
    }

    [Fact]
    public void The_tie_order_is_more_votes_then_lower_cost_then_the_id()
    {
        var problem = new BudgetProblem(100,
            [new("10", 5), new("9", 5), new("b", 5), new("a", 5), new("x", 4), new("y", 1)],
            [new([0, 1, 2, 3, 4], null), new([5], null), new([5], null)]);

        Assert.Equal(["y", "x", "9", "10", "a", "b"], Ids(problem, GreedyRule.Run(problem).Selected));
    }
}
