namespace Parvis.Features.Budgets;

public enum Completion
{
    /// <summary>The Method of Equal Shares alone: it may leave money unspent.</summary>
    None,

    /// <summary>
    /// Wieliczka's completion: one more unit per voter at a time while the outcome still fits the budget.
    /// </summary>
    Add1,
}

/// <summary>The voters who paid the same amount for a winner (indexes into the ballots).</summary>
public sealed record Payment(Rational Amount, IReadOnlyList<int> Voters);

/// <summary>
/// One round of equal shares: the winner, the price per unit of utility its supporters paid (each paid that price
/// times their points, or all they had left when that was less), the payments grouped by amount, and what the
/// supporters had left before the round.
/// </summary>
public sealed record EqualSharesRound(int Project, Rational PricePerUtility, IReadOnlyList<Payment> Payments,
    Rational SupportersMoneyBefore);

/// <summary>
/// Why a project was not funded: from round <paramref name="Round"/> on (the number of winners chosen before; 0 when
/// before the first), the money its supporters had left, <paramref name="SupportersMoney"/>, was less than its cost.
/// </summary>
public sealed record EqualSharesLoss(int Project, int Round, Rational SupportersMoney, Rational Cost);

/// <summary>
/// The result of the Method of Equal Shares: the winners in the order chosen, the total they cost, each voter's
/// share of the virtual budget in the run that was kept (the budget divided by the number of voters, plus the units
/// added by the completion), the rounds and, for every project not funded, why.
/// </summary>
public sealed record EqualSharesOutcome(IReadOnlyList<int> Selected, Rational Spent, Rational BudgetPerVoter,
    int UnitsAdded, IReadOnlyList<EqualSharesRound> Rounds, IReadOnlyList<EqualSharesLoss> Losses);

/// <summary>
/// The Method of Equal Shares (Peters, Pierczyński and Skowron, "Proportional participatory budgeting with additive
/// utilities", NeurIPS 2021; https://equalshares.net): each voter gets an equal share of the budget and can spend it
/// only on projects they voted for; at each round the project whose cost its supporters can cover at the lowest
/// price per unit of utility wins (approval: utility 1 per chosen project; points: utility = points), each supporter
/// paying price × utility or all they have left. Ties between equal prices go by <see cref="BudgetProblem.TieOrder"/>.
/// It stops when no project can be paid any more. Exact arithmetic throughout.
/// </summary>
public static class EqualSharesRule
{
    /// <summary>
    /// Completion <see cref="Completion.Add1"/> follows the reference implementation of equalshares.net
    /// ("implementation" page, function <c>equal_shares</c>): run with the budget per voter B/n; then, while the
    /// outcome is not exhaustive (some project outside it would still fit the real budget B), run again from scratch
    /// with an integral budget per voter ⌊B/n⌋ + 1, + 2, … and keep the new outcome if its cost is at most B, else
    /// stop and keep the last one that fitted. pabutools' <c>method_of_equal_shares(...,
    /// voter_budget_increment=1)</c> does the same (starting from B/n + 1), checking exhaustiveness only against
    /// projects someone voted for, as here (otherwise a project nobody wants that still fits would make the loop run
    /// forever). Neither adds a greedy step afterwards, and neither does this: what add1 cannot place stays unspent.
    /// The runs of the search are counted by <see cref="EqualSharesQuickRun"/> (proven bounds, the exact run where
    /// they cannot decide), the one kept is counted again exactly to explain it.
    /// </summary>
    public static EqualSharesOutcome Run(BudgetProblem problem, Completion completion = Completion.None)
    {
        var voters = problem.Ballots.Count;
        if (voters == 0) return EqualSharesRun.Explain(problem, Rational.Zero, 0);
        var share = problem.Budget / voters;
        var kept = share;
        var units = 0;
        var ballots = EqualSharesBallots.Prepare(problem);
        List<int> Select(Rational perVoter) =>
            (ballots is null ? null : EqualSharesQuickRun.Select(problem, ballots, perVoter))
            ?? EqualSharesRun.Select(problem, perVoter);
        var outcome = Select(share);
        if (completion == Completion.Add1)
        {
            var floor = Rational.Of(share.Floor(), 1);
            while (!IsExhaustive(problem, outcome))
            {
                var next = Select(floor + units + 1);
                if (Cost(problem, next) > problem.Budget) break;
                units++;
                kept = floor + units;
                outcome = next;
            }
        }
        var explained = EqualSharesRun.Explain(problem, kept, units);
        if (!explained.Selected.SequenceEqual(outcome))
            throw new InvalidOperationException("The explained run differs from the counted run.");
        return explained;
    }

    public static Rational Cost(BudgetProblem problem, IEnumerable<int> projects) =>
        projects.Aggregate(Rational.Zero, (sum, p) => sum + problem.Projects[p].Cost);

    private static bool IsExhaustive(BudgetProblem problem, IReadOnlyList<int> selected)
    {
        var left = problem.Budget - Cost(problem, selected);
        var chosen = selected.ToHashSet();
        return !Enumerable.Range(0, problem.Projects.Count).Any(p =>
            !chosen.Contains(p) && problem.Supporters[p] > 0 && problem.Projects[p].Cost <= left);
    }
}
