namespace Parvis.Features.OpinionMaps;

/// <summary>
/// The opinion groups of a conversation, computed as Pol.is does (docs/PERFORMANCE.md, "Opinion maps"): each
/// participant's place on the first two principal components of the votes, those who voted enough grouped by
/// k-means, and per group the statements that set it apart; the statements every group agrees on.
/// </summary>
public sealed record OpinionMap(
    VoteMatrix Votes,
    (double X, double Y)[] Positions,
    int?[] Groups,
    int GroupCount,
    List<RepresentativeStatement>[] Representative,
    List<ConsensusStatement> Consensus)
{
    /// <summary>Pol.is groups only participants with this many votes or more (all statements, when fewer).</summary>
    public const int MinVotes = 7;

    public static OpinionMap Compute(VoteMatrix votes)
    {
        var means = OpinionPca.Means(votes);
        var components = OpinionPca.Compute(votes, means);
        var positions = new (double X, double Y)[votes.Participants.Count];
        for (var p = 0; p < positions.Length; p++) positions[p] = OpinionPca.Project(votes, means, components, p);

        var threshold = Math.Min(MinVotes, votes.Statements.Count);
        var clustered = Enumerable.Range(0, positions.Length).Where(p => votes.VotesOf(p) >= threshold).ToArray();
        var labels = OpinionClustering.Cluster([.. clustered.Select(p => positions[p])]);
        var groups = new int?[positions.Length];
        for (var i = 0; i < labels.Length; i++) groups[clustered[i]] = labels[i];
        var groupCount = labels.Length == 0 ? 0 : labels.Max() + 1;

        var counts = OpinionRepness.Count(votes, groups, groupCount);
        return new OpinionMap(votes, positions, groups, groupCount,
            OpinionRepness.Representative(counts), OpinionRepness.Consensus(counts));
    }
}
