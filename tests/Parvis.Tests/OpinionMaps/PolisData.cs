using System.Globalization;
using Parvis.Features.Identity;
using Parvis.Features.OpinionMaps;

namespace Parvis.Tests.OpinionMaps;

/// <summary>
/// The conversations exported by Pol.is in the shared data (CC BY 4.0, The Computational Democracy Project), found at
/// <c>../shared/data/polis</c> from the repository's root. Missing data fails the test: it is not optional.
/// </summary>
internal static class PolisData
{
    public static string Folder(string conversation)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Parvis.slnx"))) root = root.Parent;
        Assert.True(root is not null, "No Parvis.slnx above " + AppContext.BaseDirectory);
        var folder = Path.GetFullPath(Path.Combine(root!.FullName, "..", "shared", "data", "polis", conversation));
        Assert.True(File.Exists(Path.Combine(folder, "votes.csv")), "The Pol.is data is missing: " + folder);
        return folder;
    }

    public static async Task<VoteMatrix> VotesAsync(string conversation)
    {
        var folder = Folder(conversation);
        await using var votes = File.OpenRead(Path.Combine(folder, "votes.csv"));
        await using var comments = File.OpenRead(Path.Combine(folder, "comments.csv"));
        return await PolisExport.ReadAsync(votes, comments);
    }

    /// <summary>The group Pol.is gave each participant it placed (participants-votes.csv, column group-id).</summary>
    public static async Task<Dictionary<string, int>> PolisGroupsAsync(string conversation)
    {
        await using var file = File.OpenRead(Path.Combine(Folder(conversation), "participants-votes.csv"));
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        int participant = -1, group = -1;
        await foreach (var row in CsvRows.ReadAsync(file))
        {
            if (participant < 0)
            {
                participant = row.Fields.ToList().IndexOf("participant");
                group = row.Fields.ToList().IndexOf("group-id");
                continue;
            }
            if (row.Fields[group].Length > 0)
                groups[row.Fields[participant]] = int.Parse(row.Fields[group], CultureInfo.InvariantCulture);
        }
        return groups;
    }

    /// <summary>The adjusted Rand index of the map's groups and Pol.is's, on the participants both placed.</summary>
    public static (double Agreement, int Compared) CompareWithPolis(OpinionMap map, Dictionary<string, int> polis)
    {
        var ours = new List<int>();
        var theirs = new List<int>();
        for (var p = 0; p < map.Groups.Length; p++)
        {
            if (map.Groups[p] is not { } g || !polis.TryGetValue(map.Votes.Participants[p], out var h)) continue;
            ours.Add(g);
            theirs.Add(h);
        }
        return (OpinionClustering.AdjustedRand(ours, theirs), ours.Count);
    }
}
