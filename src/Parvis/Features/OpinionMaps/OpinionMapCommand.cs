using System.Globalization;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.OpinionMaps;

/// <summary>
/// <c>dotnet run --project src/Parvis -- opinion-map --votes votes.csv [--comments comments.csv]</c>: the opinion
/// groups of a conversation exported by Pol.is, without a database. Prints <c>voter-id,group</c> for every participant
/// (the group empty for those who voted too little to be placed), then lines starting with '#': the number of groups,
/// each group's representative statements and the consensus statements. Messages are in French.
/// Exit codes: 0 mapped, 1 the files are wrong (the message says why), 2 bad arguments.
/// </summary>
public static class OpinionMapCommand
{
    public const string Usage = "usage : opinion-map --votes votes.csv [--comments comments.csv] (export Pol.is)";

    public static Task<bool> TryRunAsync(string[] args) => CommandLine.TryRunAsync(args, "opinion-map", RunAsync);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (CommandLine.Parse(args, ["--votes", "--comments"]) is not { } options
            || !options.TryGet("--votes", out var votesPath))
            return await Fail(error, 2, Usage);
        try
        {
            VoteMatrix votes;
            await using (var file = Open(votesPath))
            await using (var comments = options.TryGet("--comments", out var path) ? Open(path) : null)
                votes = await PolisExport.ReadAsync(file, comments);
            await WriteAsync(output, OpinionMap.Compute(votes));
            return 0;
        }
        catch (DomainException e)
        {
            return await Fail(error, 1, e.Message);
        }
    }

    private static async Task WriteAsync(TextWriter output, OpinionMap map)
    {
        var names = map.Votes.Participants;
        var numeric = names.All(n => long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        var order = Enumerable.Range(0, names.Count)
            .OrderBy(p => numeric ? long.Parse(names[p], CultureInfo.InvariantCulture) : 0)
            .ThenBy(p => names[p], StringComparer.Ordinal);
        foreach (var p in order)
            await output.WriteLineAsync(names[p] + "," + (map.Groups[p]?.ToString(CultureInfo.InvariantCulture) ?? ""));
        await output.WriteLineAsync(FormattableString.Invariant($"# groupes : {map.GroupCount}"));
        var statements = map.Votes.Statements;
        for (var g = 0; g < map.GroupCount; g++)
        {
            var size = map.Groups.Count(x => x == g);
            var line = FormattableString.Invariant($"# groupe {g} ({size} participants), représentatives : ");
            await output.WriteLineAsync(line
                + string.Join(" ", map.Representative[g].Select(r => statements[r.Statement] + Sign(r.Stance))));
        }
        await output.WriteLineAsync(
            "# consensus : " + string.Join(" ", map.Consensus.Select(c => statements[c.Statement] + Sign(c.Stance))));
    }

    private static string Sign(Stance stance) => stance == Stance.Agree ? "+" : "-";

    private static Task<int> Fail(TextWriter error, int code, string message) =>
        CommandLine.FailAsync(error, code, message);

    private static FileStream Open(string path) => CommandLine.OpenRead(path);
}
