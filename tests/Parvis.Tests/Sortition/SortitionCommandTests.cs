using System.Text;
using Parvis.Features.Sortition;

namespace Parvis.Tests.Sortition;

public sealed class SortitionCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parvis-sortition-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, [.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SortitionCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string People()
    {
        var text = new StringBuilder("id,genre,age,adresse,nom\n");
        for (var i = 0; i < 12; i++)
            text.Append(FormattableString.Invariant($"p{i:D2},{(i % 2 == 0 ? "F" : "H")},{(i < 6 ? "jeune" : "aîné")},{i} rue,Nom {i}\n"));
        return Write("people.csv", text.ToString());
    }

    private string Quotas(string text = "feature,value,min,max\ngenre,F,2,2\ngenre,H,2,2\nage,jeune,1,3\nage,aîné,1,3\n") =>
        Write("quotas.csv", text);

    [Fact]
    public async Task It_prints_the_selected_ids_then_everyones_probability_then_the_summary()
    {
        var (code, output, error) = await Run("--people", People(), "--quotas", Quotas(), "--panel", "4", "--seed", "graine");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var blocks = output.Split("\n\n", 2);
        var selected = blocks[0].Split('\n');
        Assert.Equal(4, selected.Length);
        Assert.All(selected, id => Assert.Matches("^p[01][0-9]$", id));
        var lines = blocks[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,probability", lines[0]);
        Assert.Equal(12, lines.Count(l => l.StartsWith('p')));
        Assert.All(lines.Where(l => l.StartsWith('p')), l => Assert.EndsWith(",0.333333", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("# probabilité minimale 0.333333", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(FairDraw.AlgorithmVersion, StringComparison.Ordinal));

        var again = await Run("--people", People(), "--quotas", Quotas(), "--panel", "4", "--seed", "graine");
        Assert.Equal(output, again.Output);
    }

    [Fact]
    public async Task Semicolons_a_byte_order_mark_and_upper_case_headers_are_read_the_same()
    {
        var plain = await Run("--people", People(), "--quotas", Quotas(), "--panel", "4", "--seed", "graine");
        var people = Write("people2.csv", File.ReadAllText(People()).Replace(',', ';').Replace("id;genre", "ID;Genre", StringComparison.Ordinal), bom: true);
        var quotas = Write("quotas2.csv", "Feature;Value;Min;Max\r\ngenre;F;2;2\r\ngenre;H;2;2\r\nage;jeune;1;3\r\nage;aîné;1;3\r\n", bom: true);

        var other = await Run("--people", people, "--quotas", quotas, "--panel", "4", "--seed", "graine");

        Assert.Equal(plain.Output, other.Output);
    }

    [Fact]
    public async Task One_per_household_reads_the_named_column()
    {
        var people = Write("foyers.csv", "id,genre\nA,F\nB,F\nC,H\n".Replace("id,genre", "id,genre,adresse", StringComparison.Ordinal)
            .Replace("A,F", "A,F,ici", StringComparison.Ordinal).Replace("B,F", "B,F,ici", StringComparison.Ordinal).Replace("C,H", "C,H,là", StringComparison.Ordinal));
        var quotas = Quotas("feature,value,min,max\ngenre,F,0,2\ngenre,H,0,2\n");

        var (code, output, _) = await Run("--people", people, "--quotas", quotas, "--panel", "2", "--seed", "s", "--household", "adresse");

        Assert.Equal(0, code);
        Assert.Contains("C,1.000000", output, StringComparison.Ordinal);
        Assert.Contains("A,0.500000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infeasible_quotas_exit_with_one_and_name_the_quotas()
    {
        var quotas = Quotas("feature,value,min,max\ngenre,F,3,3\ngenre,H,3,3\nage,jeune,0,4\nage,aîné,0,4\n");

        var (code, output, error) = await Run("--people", People(), "--quotas", quotas, "--panel", "4", "--seed", "graine");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("genre=F (min 3, max 3)", error, StringComparison.Ordinal);
        Assert.Contains("genre=H (min 3, max 3)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("age=", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feature,value,min\ngenre,F,1\n", "Colonnes manquantes dans le fichier quotas : max.")]
    [InlineData("feature,value,min,max\ngenre,F,un,2\n", "quotas, ligne 2 : « un » n'est pas un nombre entier positif (min).")]
    [InlineData("feature,value,min,max\n", "Le fichier des quotas ne contient aucun quota.")]
    [InlineData("", "Le fichier des quotas est vide.")]
    [InlineData("feature,value,min,max\nquartier,Gare,0,2\n", "Colonnes manquantes dans le fichier personnes : quartier.")]
    [InlineData("feature,value,min,max\ngenre,F,3,1\ngenre,H,0,4\nage,jeune,0,4\nage,aîné,0,4\n", "Le quota genre=F (min 3, max 1) doit avoir 0 ≤ min ≤ max.")]
    public async Task Wrong_quotas_files_get_a_clear_message(string quotas, string message)
    {
        var (code, _, error) = await Run("--people", People(), "--quotas", Quotas(quotas), "--panel", "4", "--seed", "graine");

        Assert.Equal(1, code);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public async Task A_missing_file_or_a_file_that_is_not_utf8_is_named()
    {
        var missing = await Run("--people", Path.Combine(_folder, "absent.csv"), "--quotas", Quotas(), "--panel", "4", "--seed", "s");
        var latin1 = Path.Combine(_folder, "latin1.csv");
        File.WriteAllBytes(latin1, [.. Encoding.ASCII.GetBytes("id,genre,age\np1,F,a"), 0xEE, (byte)'\n']);
        var notUtf8 = await Run("--people", latin1, "--quotas", Quotas(), "--panel", "1", "--seed", "s");

        Assert.Equal(1, missing.Code);
        Assert.StartsWith("Impossible de lire le fichier", missing.Error, StringComparison.Ordinal);
        Assert.Contains("absent.csv", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, notUtf8.Code);
        Assert.Contains("n'est pas en UTF-8", notUtf8.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--people", "p.csv")]
    [InlineData("--people", "p.csv", "--quotas", "q.csv", "--panel", "quatre", "--seed", "s")]
    [InlineData("--people", "p.csv", "--quotas", "q.csv", "--panel", "4", "--seed", "s", "--verbose", "1")]
    [InlineData("--people", "p.csv", "--people", "q.csv", "--panel", "4", "--seed", "s")]
    [InlineData("--people", "p.csv", "--quotas", "q.csv", "--panel", "4", "--seed", "s", "--algorithm", "glouton")]
    public async Task Bad_arguments_print_the_usage_and_exit_with_two(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("usage : sortition", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_algorithm_is_leximin_unless_maximin_is_asked_for_by_name_or_version()
    {
        var people = Write("rares.csv", "id,genre,age\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"f{i},F,jeune\n")) + "h0,H,jeune\nh1,H,aîné\n");
        var quotas = Quotas("feature,value,min,max\ngenre,F,1,1\ngenre,H,1,1\nage,jeune,0,2\nage,aîné,0,2\n");
        string[] args = ["--people", people, "--quotas", quotas, "--panel", "2", "--seed", "graine"];

        var byDefault = await Run(args);
        var leximin = await Run([.. args, "--algorithm", "leximin"]);
        var maximin = await Run([.. args, "--algorithm", "maximin"]);
        var version = await Run([.. args, "--algorithm", FairDraw.Maximin]);

        Assert.Equal(leximin.Output, byDefault.Output);
        Assert.Contains("# algorithme parvis-leximin-1,", leximin.Output, StringComparison.Ordinal);
        Assert.Contains("h0,0.500000", leximin.Output, StringComparison.Ordinal);
        Assert.Contains("# algorithme parvis-maximin-1,", maximin.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("h0,0.500000", maximin.Output, StringComparison.Ordinal);
        Assert.Equal(maximin.Output, version.Output);
    }

    [Fact]
    public async Task The_command_runs_as_a_process_without_a_database()
    {
        var result = await SortitionProcess.RunAsync("--people", People(), "--quotas", Quotas(), "--panel", "4", "--seed", "graine");
        var inProcess = await Run("--people", People(), "--quotas", Quotas(), "--panel", "4", "--seed", "graine");

        Assert.Equal(0, result.Code);
        Assert.Equal(inProcess.Output, result.Output);
    }
}
