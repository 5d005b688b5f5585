using System.Globalization;
using Parvis.Features.Identity;
using Parvis.Features.OpinionMaps;

namespace Parvis.Tests.OpinionMaps;

/// <summary>
/// Three conversations exported by Pol.is (CC BY 4.0, The Computational Democracy Project), copied unchanged from the
/// shared data into <c>Data/polis</c> (see its README) so a clean clone tests them. Missing data fails the test.
/// </summary>
internal static class PolisData
{
    public static string Folder(string conversation)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "polis", conversation);
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
