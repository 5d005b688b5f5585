using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Budgets;

/// <summary>A project as the results show it: its place in the published order, its votes (or points) and whether it won.</summary>
public sealed record ResultProject(int Id, string Title, long Cost, int Supporters, string Score, bool Selected);

/// <summary>One turn of the greedy count: the project, what was left before, the decision, the running total after.</summary>
public sealed record GreedyLine(ResultProject Project, GreedyDecision Decision, string LeftBefore, string SpentAfter);

/// <summary>One round of equal shares: the winner, its price per vote (or point), who paid what, their money before.</summary>
public sealed record RoundLine(int Round, ResultProject Project, string PricePerVote, IReadOnlyList<(string Amount, int Voters)> Payments,
    string SupportersMoney);

/// <summary>Why a project lost under equal shares: from which round its supporters no longer had its cost.</summary>
public sealed record LossLine(ResultProject Project, int Round, string SupportersMoney);

/// <summary>The count of a closed vote by the rule announced, with what the page explains.</summary>
public sealed record BudgetCount(Domain.Budget Budget, int Ballots, IReadOnlyList<ResultProject> Projects, IReadOnlyList<ResultProject> Winners,
    string Spent, IReadOnlyList<GreedyLine> Greedy, IReadOnlyList<RoundLine> Rounds, IReadOnlyList<LossLine> Losses, string BudgetPerVoter,
    int UnitsAdded);

/// <summary>
/// Counting a budget: its ballots become a Pabulib election (<see cref="ElectionAsync"/>, the file anyone can download), and
/// the announced rule runs on that election, exactly as <c>pb-outcome</c> would on the file: the page and the command agree
/// by construction. Project ids are the database ids; voters are numbered 1, 2… in the order their ballots were first cast.
/// </summary>
public sealed class BudgetCounting(ParvisDbContext db)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The budget's vote as a Pabulib election: the projects on the ballot and every ballot's choices.</summary>
    public async Task<PbElection> ElectionAsync(Domain.Budget budget, string organization)
    {
        var projects = await db.BudgetProjects.AsNoTracking()
            .Where(p => p.BudgetId == budget.Id && p.Feasibility == Domain.BudgetFeasibility.Feasible)
            .OrderBy(p => p.Id).ToListAsync();
        var onBallot = projects.Select(p => p.Id).ToHashSet();
        var choices = (await db.BudgetBallotChoices.AsNoTracking().Where(c => c.BudgetId == budget.Id)
                .Select(c => new { c.BallotId, c.ProjectId, c.Points }).ToListAsync())
            .Where(c => onBallot.Contains(c.ProjectId))
            .OrderBy(c => c.BallotId).ThenBy(c => c.ProjectId)
            .GroupBy(c => c.BallotId).ToList();
        var points = budget.VoteForm == Domain.BudgetVoteForm.Cumulative;
        var votes = new List<PbVote>();
        foreach (var (ballot, n) in choices.Select((b, i) => (b, i + 1)))
        {
            var voter = Text(n);
            var ids = ballot.Select(c => Text(c.ProjectId)).ToList();
            var given = ballot.Select(c => Text(c.Points)).ToList();
            votes.Add(new PbVote(voter, ids, points ? [.. ballot.Select(c => (Rational)c.Points)] : null,
                points ? [voter, string.Join(',', ids), string.Join(',', given)] : [voter, string.Join(',', ids)]));
        }
        var meta = new List<KeyValuePair<string, string>>
        {
            new("description", OneLine(budget.Title)),
            new("country", "France"),
            new("unit", OneLine(organization)),
            new("instance", Text(budget.Id)),
            new("num_projects", Text(projects.Count)),
            new("num_votes", Text(votes.Count)),
            new("budget", Text(budget.Amount)),
            new("vote_type", points ? "cumulative" : "approval"),
            new("rule", budget.Rule == Domain.BudgetRule.Greedy ? "greedy" : "equalshares/add1"),
            new("date_begin", budget.VoteFrom.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            new("date_end", budget.VoteUntil.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
        };
        if (budget.VoteForm == Domain.BudgetVoteForm.Approval && budget.MaxChoices is { } k) meta.Add(new("max_length", Text(k)));
        if (budget.VoteForm == Domain.BudgetVoteForm.Knapsack) meta.Add(new("max_sum_cost", Text(budget.Amount)));
        if (points)
        {
            meta.Add(new("max_points", Text(budget.MaxPointsPerProject ?? 0)));
            meta.Add(new("max_sum_points", Text(budget.MaxPointsTotal ?? 0)));
        }
        return new PbElection
        {
            Meta = meta,
            ProjectColumns = ["project_id", "cost", "name"],
            Projects = [.. projects.Select(p => new PbProject(Text(p.Id), p.Cost, [Text(p.Id), Text(p.Cost), OneLine(p.Title)]))],
            VoteColumns = points ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
            Votes = votes,
            Budget = budget.Amount,
            VoteType = points ? "cumulative" : "approval",
        };
    }

    /// <summary>The result of the announced rule on the election, with its explanation.</summary>
    public static BudgetCount Count(Domain.Budget budget, PbElection election)
    {
        var problem = election.ToProblem();
        var n = problem.Projects.Count;
        var order = Enumerable.Range(0, n).ToList();
        order.Sort(problem.TieOrder);
        IReadOnlyList<int> selected;
        var greedy = new List<GreedyLine>();
        var rounds = new List<RoundLine>();
        var losses = new List<LossLine>();
        var perVoter = "";
        var units = 0;
        ResultProject[] lines = new ResultProject[n];
        if (budget.Rule == Domain.BudgetRule.Greedy)
        {
            var outcome = GreedyRule.Run(problem);
            selected = outcome.Selected;
            Fill(lines, election, problem, selected);
            greedy.AddRange(outcome.Steps.Select(s => new GreedyLine(lines[s.Project], s.Decision, Euros(s.LeftBefore), Euros(s.SpentAfter))));
        }
        else
        {
            var outcome = EqualSharesRule.Run(problem, Completion.Add1);
            selected = outcome.Selected;
            Fill(lines, election, problem, selected);
            rounds.AddRange(outcome.Rounds.Select((r, i) => new RoundLine(i + 1, lines[r.Project], Euros(r.PricePerUtility),
                [.. r.Payments.Select(p => (Euros(p.Amount), p.Voters.Count))], Euros(r.SupportersMoneyBefore))));
            losses.AddRange(outcome.Losses.Select(l => new LossLine(lines[l.Project], l.Round, Euros(l.SupportersMoney))));
            perVoter = Euros(outcome.BudgetPerVoter);
            units = outcome.UnitsAdded;
        }
        var spent = selected.Aggregate(Rational.Zero, (sum, p) => sum + problem.Projects[p].Cost);
        return new BudgetCount(budget, problem.Ballots.Count, [.. order.Select(p => lines[p])], [.. selected.Select(p => lines[p])],
            Euros(spent), greedy, rounds, losses, perVoter, units);
    }

    private static void Fill(ResultProject[] lines, PbElection election, BudgetProblem problem, IReadOnlyList<int> selected)
    {
        var winners = selected.ToHashSet();
        for (var p = 0; p < lines.Length; p++)
        {
            var project = election.Projects[p];
            lines[p] = new ResultProject(int.Parse(project.Id, CultureInfo.InvariantCulture), project.Cells[2],
                (long)project.Cost.Floor(), problem.Supporters[p], problem.Scores[p].ToString(), winners.Contains(p));
        }
    }

    /// <summary>An amount of euros for reading: cents shown only when there are some (rounded for display; never decides).</summary>
    public static string Euros(Rational amount)
    {
        var value = amount.ToDecimal();
        return value == decimal.Truncate(value) ? value.ToString("N0", French) : value.ToString("N2", French);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
