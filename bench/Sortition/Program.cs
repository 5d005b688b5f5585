using System.Diagnostics;
using System.Globalization;
using System.Text;
using Parvis.Features.Sortition;

// The drawing-lots benchmark (bench/sortition, docs/PERFORMANCE.md "Drawing lots"). A pool of volunteers that does
// not look like the population (older, more graduates, some quartiers over-represented), quotas that ask the panel
// to look like the population, then: the fair draw timed, and a uniform greedy draw's probabilities estimated.
var options = new Dictionary<string, string> { ["--people"] = "2000", ["--panel"] = "40", ["--greedy-runs"] = "20000", ["--seed"] = "bench", ["--out"] = "." };
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
var size = int.Parse(options["--people"], CultureInfo.InvariantCulture);
var panel = int.Parse(options["--panel"], CultureInfo.InvariantCulture);
var greedyRuns = int.Parse(options["--greedy-runs"], CultureInfo.InvariantCulture);
var seed = options["--seed"];
var folder = options["--out"];

string[] features = ["genre", "age", "quartier", "diplome"];
string[][] values =
[
    ["F", "H", "autre"],
    ["18-29", "30-44", "45-59", "60-74", "75+"],
    ["Gare", "Centre", "Port", "Nord", "Sud", "Est", "Ouest", "Plateau"],
    ["sans", "CAP-BEP", "bac", "supérieur"],
];
int[][] population = [[52, 47, 1], [19, 24, 25, 21, 11], [15, 14, 13, 13, 12, 12, 11, 10], [22, 24, 18, 36]];
int[][] volunteers = [[45, 54, 1], [8, 18, 27, 32, 15], [20, 18, 8, 14, 10, 12, 12, 6], [6, 14, 22, 58]];

var random = new LotteryRandom("pool:" + seed);
var people = new List<PoolPerson>();
for (var i = 0; i < size; i++)
    people.Add(new PoolPerson(FormattableString.Invariant($"P{i + 1:D4}"), [.. values.Select((v, f) => v[Weighted(volunteers[f])])]));
var quotas = new List<Quota>();
for (var f = 0; f < features.Length; f++)
    for (var v = 0; v < values[f].Length; v++)
    {
        var target = panel * population[f][v] / (double)population[f].Sum();
        quotas.Add(new Quota(features[f], values[f][v], Math.Max(0, (int)Math.Floor(target) - 1), (int)Math.Ceiling(target) + 1));
    }
var problem = new SortitionProblem(features, people, quotas, panel);
WriteFiles();

var groups = PanelGroups.Of(problem);
Console.WriteLine(FormattableString.Invariant($"pool {size} people, {groups.Count} groups of identical people, {quotas.Count} quota values, panel {panel}"));
DrawResult result = null!;
foreach (var algorithm in new[] { FairDraw.Maximin, FairDraw.Leximin })
{
    var clock = Stopwatch.StartNew();
    result = FairDraw.Run(problem, seed, algorithm);
    clock.Stop();
    var levels = result.Probabilities.Select(p => Math.Round(p, 6)).Distinct().Count();
    var second = result.Probabilities.Where(p => p > result.Minimum + 1e-6).DefaultIfEmpty(result.Minimum).Min();
    Console.WriteLine(FormattableString.Invariant(
        $"fair draw ({algorithm}): {clock.Elapsed.TotalSeconds:F1} s, {result.PanelsInLottery} panels in the lottery, certified {result.Certified}"));
    Console.WriteLine(FormattableString.Invariant(
        $"  probabilities: min {result.Minimum:F4} ({result.Probabilities.Count(p => p < result.Minimum + 1e-6)} people), next level {second:F4}, max {result.Maximum:F4}, spread {result.Spread:F4}, {levels} levels, never selectable {result.Unselectable} (uniform would be {panel / (double)size:F4})"));
}

var (counts, successes, failures) = Greedy();
var estimates = counts.Select(c => c / (double)successes).ToArray();
var byGroup = groups.Members.Select(m => m.Average(i => estimates[i])).ToArray();
var fair = panel / (double)size;
Console.WriteLine(FormattableString.Invariant(
    $"uniform greedy: {successes} panels ({failures} runs stuck and restarted)"));
Console.WriteLine(FormattableString.Invariant(
    $"  probabilities (estimated): min over people {estimates.Min():F4}, min over groups {byGroup.Min():F4}, max {estimates.Max():F4}"));
Console.WriteLine(FormattableString.Invariant(
    $"  people below half the uniform chance: greedy {estimates.Count(p => p < fair / 2)}, fair {result.Probabilities.Count(p => p < fair / 2)}"));
Console.WriteLine(FormattableString.Invariant(
    $"  people at or below the fair minimum: greedy {estimates.Count(p => p < result.Minimum - 1e-9)} below it"));
File.WriteAllText(Path.Combine(folder, "seed"), seed);
File.WriteAllText(Path.Combine(folder, "panel"), panel.ToString(CultureInfo.InvariantCulture));

int Weighted(int[] weights)
{
    var ticket = random.NextBelow(weights.Sum());
    for (var i = 0; ; i++)
    {
        if (ticket < weights[i]) return i;
        ticket -= weights[i];
    }
}

void WriteFiles()
{
    var text = new StringBuilder("id," + string.Join(',', features) + "\n");
    foreach (var person in people) text.Append(person.Id).Append(',').AppendJoin(',', person.Values).Append('\n');
    File.WriteAllText(Path.Combine(folder, "people.csv"), text.ToString());
    var quotaText = new StringBuilder("feature,value,min,max\n");
    foreach (var q in quotas) quotaText.Append(CultureInfo.InvariantCulture, $"{q.Feature},{q.Value},{q.Min},{q.Max}\n");
    File.WriteAllText(Path.Combine(folder, "quotas.csv"), quotaText.ToString());
}

// The legacy way: take people in a uniformly random order, keep each one unless that breaks a maximum or leaves
// too few seats for a feature's minimums; start again when the panel cannot be completed.
(int[] Counts, int Successes, int Failures) Greedy()
{
    var selections = new int[size];
    var quotaOf = people.Select(p => features.Select((f, k) => quotas.FindIndex(q => q.Feature == f && q.Value == p.Values[k])).ToArray()).ToArray();
    var greedyRandom = new LotteryRandom("greedy:" + seed);
    var order = Enumerable.Range(0, size).ToArray();
    var taken = new int[quotas.Count];
    var featureOf = quotas.Select(q => Array.IndexOf(features, q.Feature)).ToArray();
    var deficit = new int[features.Length];
    var chosen = new List<int>(panel);
    int successes = 0, failures = 0;
    while (successes < greedyRuns)
    {
        Array.Clear(taken);
        chosen.Clear();
        for (var i = 0; i < size && chosen.Count < panel; i++)
        {
            var j = i + greedyRandom.NextBelow(size - i);
            (order[i], order[j]) = (order[j], order[i]);
            var person = order[i];
            if (quotaOf[person].Any(q => taken[q] + 1 > quotas[q].Max)) continue;
            foreach (var q in quotaOf[person]) taken[q]++;
            var seatsLeft = panel - chosen.Count - 1;
            Array.Clear(deficit);
            for (var k = 0; k < quotas.Count; k++) deficit[featureOf[k]] += Math.Max(0, quotas[k].Min - taken[k]);
            var fits = deficit.All(d => d <= seatsLeft);
            if (!fits)
            {
                foreach (var q in quotaOf[person]) taken[q]--;
                continue;
            }
            chosen.Add(person);
        }
        if (chosen.Count < panel || quotas.Where((q, k) => taken[k] < q.Min).Any())
        {
            failures++;
            continue;
        }
        successes++;
        foreach (var person in chosen) selections[person]++;
    }
    return (selections, successes, failures);
}
