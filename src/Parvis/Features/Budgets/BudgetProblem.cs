using System.Globalization;

namespace Parvis.Features.Budgets;

/// <summary>A project on the ballot: its id (as published) and its cost.</summary>
public sealed record BudgetProject(string Id, Rational Cost);

/// <summary>
/// One voter's ballot: the indexes of the projects chosen and, for ballots with points, the points given to each
/// (same order); without points each chosen project counts 1 (approval).
/// </summary>
public sealed record Ballot(int[] Projects, Rational[]? Points)
{
    public Rational UtilityAt(int position) => Points is null ? Rational.One : Points[position];
}

/// <summary>
/// What a rule counts: the amount to share, the projects and the ballots. Built from a <c>.pb</c> file
/// (<see cref="PbElection.ToProblem"/>) or, later, from the ballots of a budget in the database.
/// </summary>
public sealed class BudgetProblem
{
    public BudgetProblem(Rational budget, IReadOnlyList<BudgetProject> projects, IReadOnlyList<Ballot> ballots)
    {
        Budget = budget;
        Projects = projects;
        Ballots = ballots;
        var scores = new Rational[projects.Count];
        Array.Fill(scores, Rational.Zero);
        var supporters = new int[projects.Count];
        foreach (var ballot in ballots)
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                var utility = ballot.UtilityAt(k);
                if (utility.IsZero) continue;
                scores[ballot.Projects[k]] += utility;
                supporters[ballot.Projects[k]]++;
            }
        Scores = scores;
        Supporters = supporters;
    }

    public Rational Budget { get; }

    public IReadOnlyList<BudgetProject> Projects { get; }

    public IReadOnlyList<Ballot> Ballots { get; }

    /// <summary>Per project: the votes it got (approval) or the sum of its points (cumulative, scoring).</summary>
    public IReadOnlyList<Rational> Scores { get; }

    /// <summary>Per project: the number of voters who gave it a vote or points.</summary>
    public IReadOnlyList<int> Supporters { get; }

    /// <summary>
    /// The published tie-breaking order, used by both rules wherever they see two projects as equal: the project with
    /// more votes (or points) first, then the cheaper, then the smaller id (ids made of digits compared as numbers,
    /// numbers before other ids, other ids in ordinal order). Negative when project <paramref name="a"/> goes first.
    /// </summary>
    public int TieOrder(int a, int b)
    {
        var byScore = Scores[b].CompareTo(Scores[a]);
        if (byScore != 0) return byScore;
        var byCost = Projects[a].Cost.CompareTo(Projects[b].Cost);
        return byCost != 0 ? byCost : CompareIds(Projects[a].Id, Projects[b].Id);
    }

    public static int CompareIds(string a, string b)
    {
        var numberA = a.Length > 0 && a.All(char.IsAsciiDigit);
        var numberB = b.Length > 0 && b.All(char.IsAsciiDigit);
        if (numberA != numberB) return numberA ? -1 : 1;
        if (!numberA) return string.CompareOrdinal(a, b);
        var x = System.Numerics.BigInteger.Parse(a, NumberStyles.None, CultureInfo.InvariantCulture);
        var y = System.Numerics.BigInteger.Parse(b, NumberStyles.None, CultureInfo.InvariantCulture);
        var byValue = x.CompareTo(y);
        return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
    }
}
