namespace Parvis.Features.Budgets;

public enum GreedyDecision
{
    Selected,

    /// <summary>Its cost is more than what was left when its turn came.</summary>
    TooExpensive,

    /// <summary>Nobody voted for it: the rule funds only what was asked for.</summary>
    NoVotes,
}

/// <summary>
/// One project's turn in the greedy count, in vote order: what was left before, the decision, and the running total
/// spent after it (unchanged when the project is skipped).
/// </summary>
public sealed record GreedyStep(int Project, Rational Score, Rational Cost, Rational LeftBefore,
    GreedyDecision Decision, Rational SpentAfter);

public sealed record GreedyOutcome(IReadOnlyList<int> Selected, IReadOnlyList<GreedyStep> Steps, Rational Spent);

/// <summary>
/// Greedy by votes, as most cities count: projects in decreasing order of votes (points for ballots with points),
/// ties by <see cref="BudgetProblem.TieOrder"/>; each is funded if its cost fits in what is left, else skipped and the
/// count goes on with the next one. A project nobody voted for is never funded.
/// </summary>
public static class GreedyRule
{
    public static GreedyOutcome Run(BudgetProblem problem)
    {
        var order = Enumerable.Range(0, problem.Projects.Count).ToList();
        order.Sort(problem.TieOrder);
        var spent = Rational.Zero;
        var selected = new List<int>();
        var steps = new List<GreedyStep>();
        foreach (var p in order)
        {
            var cost = problem.Projects[p].Cost;
            var left = problem.Budget - spent;
            var decision = problem.Supporters[p] == 0 ? GreedyDecision.NoVotes
                : cost <= left ? GreedyDecision.Selected : GreedyDecision.TooExpensive;
            if (decision == GreedyDecision.Selected)
            {
                spent += cost;
                selected.Add(p);
            }
            steps.Add(new GreedyStep(p, problem.Scores[p], cost, left, decision, spent));
        }
        return new GreedyOutcome(selected, steps, spent);
    }
}
