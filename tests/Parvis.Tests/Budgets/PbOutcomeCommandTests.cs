using System.Text;
using Parvis.Features.Budgets;

namespace Parvis.Tests.Budgets;

public sealed class PbOutcomeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parvis-pb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "election.pb");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PbOutcomeCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("greedy", null, "2\n1\n")]
    [InlineData("equal-shares", null, "2\n3\n")]
    [InlineData("equal-shares", "add1", "2\n3\n")]
    public async Task It_prints_the_selected_ids_in_the_order_selected(string rule, string? completion, string expected)
    {
        string[] args = completion is null ? [Write(PbFiles.TwoNeighbourhoods), "--rule", rule]
            : [Write(PbFiles.TwoNeighbourhoods), "--rule", rule, "--completion", completion];

        var (code, output, error) = await Run(args);

        Assert.Equal((0, expected, ""), (code, output.ReplaceLineEndings("\n"), error));
    }

    [Fact]
    public async Task Add1_changes_the_outcome_where_it_helps()
    {
        var file = Write(PbFiles.Add1Helps);

        Assert.Equal("1\n", (await Run(file, "--rule", "equal-shares")).Output.ReplaceLineEndings("\n"));
        Assert.Equal("1\n2\n",
            (await Run(file, "--rule", "equal-shares", "--completion", "add1")).Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_bad_file_exits_with_1_and_the_line()
    {
        var (code, output, error) = await Run(Write(PbFiles.Add1Helps.Replace("c;2", "c;7")), "--rule", "greedy");

        Assert.Equal((1, ""), (code, output));
        Assert.Equal("Ligne 14 : le bulletin de « c » choisit le projet « 7 », absent de PROJECTS.", error.Trim());
    }

    [Fact]
    public async Task The_application_runs_the_command_without_a_database_or_a_web_server()
    {
        var (code, output, error) = await ParvisProcess.RunAsync("pb-outcome", Write(PbFiles.Add1Helps),
            "--rule", "equal-shares", "--completion", "add1");

        Assert.Equal((0, "1\n2\n", ""), (code, output.ReplaceLineEndings("\n"), error));
        var bad = await ParvisProcess.RunAsync("pb-outcome", Write("META\nkey;value\nbudget;-5\n"), "--rule", "greedy");
        Assert.Equal((1, "Ligne 3 : le budget « -5 » n'est pas un nombre positif."), (bad.Code, bad.Error.Trim()));
    }

    [Fact]
    public async Task A_missing_file_exits_with_1()
    {
        var (code, _, error) = await Run(Path.Combine(_folder, "absent.pb"), "--rule", "greedy");

        Assert.Equal(1, code);
        Assert.StartsWith("Impossible de lire le fichier", error);
    }

    [Theory]
    [InlineData]
    [InlineData("--rule", "greedy")]
    [InlineData("FILE", "--rule", "knapsack")]
    [InlineData("FILE", "--rule", "greedy", "--completion", "add1")]
    [InlineData("FILE", "--rule", "equal-shares", "--completion", "add2")]
    [InlineData("FILE", "--rule", "equal-shares", "--rule", "greedy")]
    [InlineData("FILE", "--rule")]
    public async Task Bad_arguments_exit_with_2_and_the_usage(params string[] args)
    {
        var (code, output, error) = await Run([.. args.Select(a => a == "FILE" ? Write(PbFiles.Add1Helps) : a)]);

        Assert.Equal((2, ""), (code, output));
        Assert.Equal(PbOutcomeCommand.Usage, error.Trim());
    }
}
