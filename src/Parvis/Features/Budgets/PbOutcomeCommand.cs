using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Budgets;

/// <summary>
/// <c>dotnet run --project src/Parvis -- pb-outcome FILE.pb --rule greedy|equal-shares [--completion add1]</c>: counts
/// a participatory budget published as a Pabulib file, without a database, so anyone can recompute a result. Prints
/// the selected project ids one per line, in the order the rule selected them. Messages are in French.
/// Exit codes: 0 counted, 1 the file is wrong (the message names the line), 2 bad arguments.
/// </summary>
public static class PbOutcomeCommand
{
    public const string Usage =
        "usage : pb-outcome FICHIER.pb --rule greedy|equal-shares [--completion add1] "
        + "(--completion seulement avec equal-shares)";

    public static Task<bool> TryRunAsync(string[] args) => CommandLine.TryRunAsync(args, "pb-outcome", RunAsync);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (CommandLine.Parse(args, ["--rule", "--completion"], positional: 1) is not { } options
            || options["--rule"] is not ("greedy" or "equal-shares")
            || options["--completion"] is not (null or "add1")
            || (options["--rule"] == "greedy" && options["--completion"] is not null))
            return await CommandLine.FailAsync(error, 2, Usage);
        try
        {
            PbElection election;
            await using (var file = CommandLine.OpenRead(options.Positional[0]))
                election = await PbReader.ReadAsync(file);
            var problem = election.ToProblem();
            var selected = options["--rule"] == "greedy"
                ? GreedyRule.Run(problem).Selected
                : EqualSharesRule.Run(problem, options["--completion"] is null ? Completion.None : Completion.Add1)
                    .Selected;
            foreach (var p in selected) await output.WriteLineAsync(problem.Projects[p].Id);
            return 0;
        }
        catch (DomainException e)
        {
            return await CommandLine.FailAsync(error, 1, e.Message);
        }
    }
}
