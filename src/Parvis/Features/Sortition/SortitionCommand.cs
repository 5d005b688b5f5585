using System.Globalization;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Sortition;

/// <summary>
/// <c>dotnet run --project src/Parvis -- sortition --people people.csv --quotas quotas.csv --panel N --seed S
/// [--household COLUMN] [--algorithm leximin|maximin]</c>: a fair draw (docs/SORTITION.md) without a database, for a
/// re-run of a published draw or an association's own assembly. The algorithm is leximin unless told (a draw
/// published with <c>parvis-maximin-1</c> re-runs with <c>--algorithm maximin</c>; the full version is taken too). Prints the selected ids one per line, an empty line, then
/// <c>id,probability</c> for everyone, then the summary as lines starting with '#'. Messages are in French.
/// Exit codes: 0 drawn, 1 the files or quotas are wrong (the message says why), 2 bad arguments.
/// </summary>
public static class SortitionCommand
{
    public const string Usage =
        "usage : sortition --people people.csv --quotas quotas.csv --panel N --seed GRAINE [--household COLONNE] "
        + "[--algorithm leximin|maximin] (leximin par défaut ; maximin pour refaire un tirage publié avec parvis-maximin-1)";

    public static Task<bool> TryRunAsync(string[] args) => CommandLine.TryRunAsync(args, "sortition", RunAsync);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = CommandLine.Parse(args,
            ["--people", "--quotas", "--panel", "--seed", "--household", "--algorithm"]);
        if (options is null || !options.TryGet("--people", out var peoplePath)
            || !options.TryGet("--quotas", out var quotasPath)
            || !options.TryGet("--seed", out var seed) || !options.TryGet("--panel", out var panelText)
            || !int.TryParse(panelText, NumberStyles.None, CultureInfo.InvariantCulture, out var panel))
            return await Fail(error, 2, Usage);
        var household = options["--household"];
        if (FairDraw.VersionOf(options["--algorithm"] ?? "leximin") is not { } algorithm)
            return await Fail(error, 2, Usage);
        try
        {
            var problem = await ReadAsync(peoplePath, quotasPath, panel, household);
            var result = FairDraw.Run(problem, seed, algorithm);
            await WriteAsync(output, problem, result, seed);
            return 0;
        }
        catch (DomainException e)
        {
            return await Fail(error, 1, e.Message);
        }
    }

    public static async Task<SortitionProblem> ReadAsync(string peoplePath, string quotasPath, int panel, string? household)
    {
        List<Quota> quotas;
        await using (var stream = Open(quotasPath)) quotas = await SortitionFiles.ReadQuotasAsync(stream);
        var features = SortitionFiles.FeaturesOf(quotas);
        await using var people = Open(peoplePath);
        return new SortitionProblem(features, await SortitionFiles.ReadPeopleAsync(people, features, household), quotas, panel, household is not null);
    }

    private static FileStream Open(string path) => CommandLine.OpenRead(path);

    private static async Task WriteAsync(TextWriter output, SortitionProblem problem, DrawResult result, string seed)
    {
        foreach (var id in result.Selected) await output.WriteLineAsync(id);
        await output.WriteLineAsync();
        await output.WriteLineAsync("id,probability");
        for (var i = 0; i < problem.People.Count; i++)
            await output.WriteLineAsync(problem.People[i].Id + "," + Probability(result.Probabilities[i]));
        await output.WriteLineAsync(FormattableString.Invariant($"# algorithme {result.Algorithm}, engagement sha256 {LotteryRandom.Commitment(seed)}"));
        await output.WriteLineAsync(FormattableString.Invariant(
            $"# probabilité minimale {Probability(result.Minimum)}, maximale {Probability(result.Maximum)}, écart {Probability(result.Spread)}, ")
            + FormattableString.Invariant($"jamais sélectionnables {result.Unselectable}, panels dans la loterie {result.PanelsInLottery}")
            + (result.Certified ? "" : ", optimum non prouvé"));
    }

    public static string Probability(double p) => p.ToString("0.000000", CultureInfo.InvariantCulture);

    private static Task<int> Fail(TextWriter error, int code, string message) =>
        CommandLine.FailAsync(error, code, message);
}
