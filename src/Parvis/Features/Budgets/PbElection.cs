namespace Parvis.Features.Budgets;

/// <summary>
/// A participatory budget election as a Pabulib <c>.pb</c> file holds it (https://pabulib.org/format): the META
/// key/value pairs, the PROJECTS table and the VOTES table, every column kept with its text as written, so a file read
/// then written comes out the same. The typed values the rules need (budget, costs, ballots) are read from those texts.
/// </summary>
public sealed class PbElection
{
    public required IReadOnlyList<KeyValuePair<string, string>> Meta { get; init; }

    /// <summary>The PROJECTS header; the first column is the project id, one column is <c>cost</c>.</summary>
    public required IReadOnlyList<string> ProjectColumns { get; init; }

    public required IReadOnlyList<PbProject> Projects { get; init; }

    /// <summary>The VOTES header; the first column is the voter id, one column is <c>vote</c>.</summary>
    public required IReadOnlyList<string> VoteColumns { get; init; }

    public required IReadOnlyList<PbVote> Votes { get; init; }

    public required Rational Budget { get; init; }

    /// <summary>The <c>vote_type</c>: approval, choose-1, cumulative, scoring or ordinal.</summary>
    public required string VoteType { get; init; }

    public string? MetaValue(string key) => Meta.FirstOrDefault(m => m.Key == key).Value;

    /// <summary>
    /// The election as the rules see it: approval (and choose-1) ballots give each chosen project a utility of 1,
    /// cumulative and scoring ballots their points. Ordinal ballots have no utilities: the rules refuse them.
    /// </summary>
    public BudgetProblem ToProblem()
    {
        if (VoteType == "ordinal")
            throw new Domain.DomainException(
                "Les bulletins ordinaux (vote_type ordinal) ne se dépouillent pas avec ces règles : "
                + "il faut des bulletins d'approbation ou à points.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < Projects.Count; p++) index[Projects[p].Id] = p;
        var ballots = Votes.Select(v => new Ballot(
            [.. v.Projects.Select(id => index[id])],
            v.Points is { } points ? [.. points] : null)).ToList();
        return new BudgetProblem(Budget, [.. Projects.Select(p => new BudgetProject(p.Id, p.Cost))], ballots);
    }
}

/// <summary>A PROJECTS row: its cells in the header's order, the id and the cost read from them.</summary>
public sealed record PbProject(string Id, Rational Cost, IReadOnlyList<string> Cells);

/// <summary>
/// A VOTES row: its cells in the header's order, the chosen project ids in the order written, and the points given to
/// each (cumulative and scoring ballots; null for approval).
/// </summary>
public sealed record PbVote(string VoterId, IReadOnlyList<string> Projects, IReadOnlyList<Rational>? Points,
    IReadOnlyList<string> Cells);
