using System.Globalization;
using Parvis.Domain;

namespace Parvis.Features.Bench;

/// <summary>
/// <c>dotnet run --project src/Parvis -c Release -- generate-bench-data [--scale 1.0] [--seed 42]</c>: fills an
/// empty database with the bench data set (bench/README.md) and prints what a benchmark needs as <c>bench.key=value</c> lines.
/// </summary>
public static class GenerateBenchDataCommand
{
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != "generate-bench-data") return false;
        var scale = 1.0;
        var seed = 42;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] == "--scale" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 100) (scale, i) = (s, i + 1);
            else if (args[i] == "--seed" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) (seed, i) = (n, i + 1);
            else
            {
                await Console.Error.WriteLineAsync("usage: generate-bench-data [--scale 1.0] [--seed 42]   (scale between 0 and 100)");
                Environment.ExitCode = 2;
                return true;
            }
        }
        try
        {
            var result = await BenchGenerator.RunAsync(services, scale, seed, Console.Out);
            Console.WriteLine(FormattableString.Invariant($"generated scale {scale} seed {seed} in {result.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine("bench.password=" + BenchGenerator.Password);
            Console.WriteLine("bench.org01_host=" + BenchGenerator.HostOf(1));
            Console.WriteLine(FormattableString.Invariant($"bench.busiest_consultation={result.BusiestConsultationId}"));
            Console.WriteLine(FormattableString.Invariant($"bench.contribution_with_500_comments={result.BusyThreadContributionId}"));
            Console.WriteLine(FormattableString.Invariant($"bench.org01_quartier={result.Org01QuartierId}"));
            foreach (var table in result.Tables)
                Console.WriteLine(FormattableString.Invariant($"bench.rows.{table.Table.Trim('(', ')').Replace(", ", "_", StringComparison.Ordinal)}={table.Rows} seconds={table.Elapsed.TotalSeconds:F1}"));
        }
        catch (DomainException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            Environment.ExitCode = 1;
        }
        return true;
    }
}
