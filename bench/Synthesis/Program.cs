using System.Diagnostics;
using System.Globalization;
using Parvis.Features.Demo;
using Parvis.Features.Synthesis;

// Groups generated contributions as the synthesis job does (TextGrouping.Compute, in process, no database): residents'
// texts on six subjects (DemoContributionTexts), each made distinct by a street and a signature drawn from a thousand
// made-up names each, and 2 % of campaign copies. Prints per size the time, the groups and their purity (the share of
// each group's texts on its main subject).
//
//   dotnet Synthesis.dll [--sizes 10000,100000] [--runs 3]
var sizes = new[] { 10_000, 100_000 };
var runs = 3;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--sizes") sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
}
Console.WriteLine($"# {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
foreach (var size in sizes)
{
    var (texts, subject) = Generate(size, 42);
    var times = new List<double>();
    TextGroups result = null!;
    for (var run = 0; run < (size > 50_000 ? 1 : runs); run++)
    {
        var watch = Stopwatch.StartNew();
        result = TextGrouping.Compute(texts);
        times.Add(watch.Elapsed.TotalSeconds);
    }
    times.Sort();
    var pure = result.Groups.Sum(g => g.Members.Where(subject.ContainsKey).GroupBy(id => subject[id]).Select(x => x.Count()).DefaultIfEmpty(0).Max());
    var campaign = result.Groups.SelectMany(g => g.Copies).Max(c => c.Count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{size} contributions: median {times[times.Count / 2]:F2} s over {times.Count} run(s) (min {times[0]:F2} s); {result.Distinct} distinct texts, " +
        $"{result.Groups.Count} groups, purity {100.0 * pure / subject.Count:F1} %, largest copy set {campaign}, " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB"));
}

static (List<GroupedText> Texts, Dictionary<int, int> Subject) Generate(int count, int seed)
{
    var random = new Random(seed);
    string Name(int n) => string.Concat(Enumerable.Range(0, 3).Select(k => Syllables[(n / (int)Math.Pow(Syllables.Length, k)) % Syllables.Length]));
    var texts = new List<GroupedText>(count);
    var subject = new Dictionary<int, int>(count);
    for (var id = 1; id <= count; id++)
    {
        if (random.Next(50) == 0)
        {
            texts.Add(new GroupedText(id, DemoContributionTexts.CampaignCopy(random, id)));
            continue;
        }
        var s = random.Next(DemoContributionTexts.Subjects.Length);
        var text = DemoContributionTexts.Write(random, s) + $" Rue {Name(random.Next(1000))}, {Name(random.Next(1000))}.";
        texts.Add(new GroupedText(id, text));
        subject[id] = s;
    }
    return (texts, subject);
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

internal static partial class Program
{
    private static readonly string[] Syllables = ["ba", "cor", "den", "fi", "gal", "mo", "nu", "pra", "ser", "tiv", "lon", "ru"];
}
