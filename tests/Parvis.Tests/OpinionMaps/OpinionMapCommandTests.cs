using System.Diagnostics;
using System.Text;
using Parvis.Features.OpinionMaps;

namespace Parvis.Tests.OpinionMaps;

public sealed class OpinionMapCommandTests : IDisposable
{
    private const string Header = "timestamp,datetime,comment-id,voter-id,vote\n";
    private const string NotAVote =
        "votes, ligne 2 : « oui » n'est pas un vote (1 d'accord, -1 pas d'accord, 0 passe).";
    private readonly string _folder = Directory.CreateTempSubdirectory("parvis-opinion-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await OpinionMapCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Two camps of 10, 8 statements: 0–6 split them, everyone agrees with 7; voter 99 votes twice.</summary>
    private static string TwoCamps()
    {
        var text = new StringBuilder(Header);
        var time = 1000;
        for (var v = 0; v < 20; v++)
            for (var c = 0; c < 8; c++)
                text.Append($"{time++},jour,{c},{v},{(c == 7 || v < 10 ? 1 : -1)}\n");
        return text.Append("5000,jour,0,99,1\n5001,jour,1,99,-1\n").ToString();
    }

    [Fact]
    public async Task It_prints_each_participants_group_then_the_number_of_groups()
    {
        var (code, output, error) = await Run("--votes", Write("votes.csv", TwoCamps()));

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var groups = lines.TakeWhile(l => !l.StartsWith('#')).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(21, groups.Count);
        Assert.Equal(["0", "1", "2"], groups.Keys.Take(3));
        Assert.Equal("", groups["99"]);
        Assert.All(Enumerable.Range(0, 10), v => Assert.Equal(groups["0"], groups[$"{v}"]));
        Assert.All(Enumerable.Range(10, 10), v => Assert.Equal(groups["10"], groups[$"{v}"]));
        Assert.NotEqual(groups["0"], groups["10"]);
        Assert.Equal("# groupes : 2", lines[21]);
        Assert.Equal("# consensus : 7+", lines[^1]);
    }

    [Fact]
    public async Task The_last_vote_by_time_counts_and_moderated_out_statements_are_left_out()
    {
        // Voter 0 changes their mind on statement 1; their vote on statement 0 is later in the file, earlier in time.
        // Voter 50 only voted on statement 7, moderated out: listed, without a group.
        var votes = Write("votes.csv", TwoCamps() + "999,jour,0,0,-1\n9999,jour,1,0,-1\n9999,jour,7,50,1\n");
        var comments = Write("comments.csv",
            "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            + "1,j,7,3,1,0,-1,\"Une affirmation\nsur deux lignes, retirée\"\n1,j,0,3,1,0,1,Gardée\n");

        VoteMatrix matrix;
        await using (var file = File.OpenRead(votes))
        await using (var moderation = File.OpenRead(comments))
            matrix = await PolisExport.ReadAsync(file, moderation);
        var (code, output, _) = await Run("--votes", votes, "--comments", comments);

        Assert.DoesNotContain("7", matrix.Statements);
        Assert.Contains("\n50,\n", output, StringComparison.Ordinal);
        var means = OpinionPca.Means(matrix);
        Assert.Equal(1.0 / 21, means[matrix.Statements.ToList().IndexOf("0")], precision: 12);
        Assert.Equal(-3.0 / 21, means[matrix.Statements.ToList().IndexOf("1")], precision: 12);
        Assert.Equal(0, code);
        Assert.Equal("# consensus : ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Theory]
    [InlineData("comment-id,voter-id\n1,2\n", "Colonnes manquantes dans le fichier des votes : vote.")]
    [InlineData(Header + "1,j,0,1,oui\n", NotAVote)]
    [InlineData(Header + "1,j,0,1,1\nhier,j,0,2,1\n", "votes, ligne 3 : l'horodatage « hier » n'est pas un nombre.")]
    [InlineData(Header + "1,j,,1,1\n", "votes, ligne 2 : l'identifiant du participant ou de l'affirmation est vide.")]
    [InlineData("", "Le fichier des votes est vide.")]
    [InlineData(Header, "La conversation est vide : aucun vote sur une affirmation retenue.")]
    [InlineData(Header + "1,j,0,1,1\n2,j,1,1,-1\n3,j,2,1,0\n",
        "Un seul participant a voté : il en faut au moins deux pour une carte des opinions.")]
    public async Task Bad_votes_get_a_french_message_and_exit_code_1(string votes, string message)
    {
        var (code, output, error) = await Run("--votes", Write("votes.csv", votes));

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public async Task Bad_comments_and_a_missing_file_get_a_french_message()
    {
        var votes = Write("votes.csv", TwoCamps());

        var moderation = await Run(
            "--votes", votes, "--comments", Write("c.csv", "comment-id,moderated\n7,peut-être\n"));
        var missing = await Run("--votes", Path.Combine(_folder, "absent.csv"));

        Assert.Equal((1, "affirmations, ligne 2 : « peut-être » n'est pas un état de modération (-1, 0 ou 1)."),
            (moderation.Code, moderation.Error.Trim()));
        Assert.Equal(1, missing.Code);
        var absent = Path.Combine(_folder, "absent.csv");
        Assert.StartsWith($"Impossible de lire le fichier « {absent} »", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--comments", "c.csv")]
    [InlineData("--votes")]
    [InlineData("--votes", "v.csv", "--votes", "w.csv")]
    [InlineData("--votes", "v.csv", "--seed", "1")]
    public async Task Bad_arguments_print_the_usage_and_exit_code_2(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal(OpinionMapCommand.Usage, error.Trim());
    }

    [Fact]
    public async Task The_application_runs_the_command_before_any_web_host_and_answers_without_a_stack_trace()
    {
        var votes = Write("votes.csv", Header + "1,j,0,1,oui\n");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        var application = Path.Combine(AppContext.BaseDirectory, "Parvis.dll");
        foreach (var arg in new[] { application, "opinion-map", "--votes", votes })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await output);
        Assert.Equal(NotAVote, (await error).Trim());
    }
}
