using System.Diagnostics;
using System.Globalization;
using Parvis.Features.Budgets;

// bench/budgets (docs/PERFORMANCE.md, "Participatory budgets"): a synthetic city of --voters voters (100,000) and
// --projects projects (100) in 4 districts, approval then cumulative ballots; times greedy, equal shares alone and
// equal shares with add1 (median of --runs, 3). --pb FILE also writes the approval election as a .pb file.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
int Option(string name, int value) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : value;
var voters = Option("--voters", 100_000);
var projectCount = Option("--projects", 100);
var runs = Option("--runs", 3);
var random = new Random(2026);
var projects = Enumerable.Range(0, projectCount)
    .Select(p => new BudgetProject((p + 1).ToString(CultureInfo.InvariantCulture), random.Next(20, 401) * 1000L))
    .ToList();
var popularity = Enumerable.Range(0, projectCount).Select(_ => 0.2 + random.NextDouble()).ToArray();
Rational budget = 5_000_000L;
var approval = new List<Ballot>(voters);
var cumulative = new List<Ballot>(voters);
for (var v = 0; v < voters; v++)
{
    var district = random.Next(4);
    var count = random.Next(1, 11);
    var chosen = new HashSet<int>();
    while (chosen.Count < count)
    {
        var local = random.NextDouble() < 0.7;
        var p = local ? district * (projectCount / 4) + random.Next(projectCount / 4) : random.Next(projectCount);
        if (random.NextDouble() < popularity[p] / 1.2) chosen.Add(p);
    }
    int[] ids = [.. chosen.Order()];
    approval.Add(new Ballot(ids, null));
    cumulative.Add(new Ballot(ids, [.. ids.Select(_ => (Rational)random.Next(1, 4))]));
}
Console.WriteLine(FormattableString.Invariant(
    $"{voters:N0} voters × {projectCount} projects, budget {budget}, {approval.Sum(b => b.Projects.Length):N0} votes"));
Console.WriteLine(
    $"| ballots | rule | selected | spent | units added | time (median of {runs}) | CPU time (same run) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, ballots) in new[] { ("approval", approval), ("cumulative", cumulative) })
{
    var problem = new BudgetProblem(budget, projects, ballots);
    Measure(name, "greedy", () => GreedyRule.Run(problem) is var g ? (g.Selected.Count, g.Spent, 0) : default);
    Measure(name, "equal shares", () =>
        EqualSharesRule.Run(problem) is var o ? (o.Selected.Count, o.Spent, o.UnitsAdded) : default);
    Measure(name, "equal shares + add1", () =>
        EqualSharesRule.Run(problem, Completion.Add1) is var o ? (o.Selected.Count, o.Spent, o.UnitsAdded) : default);
}
if (options.TryGetValue("--pb", out var path)) await File.WriteAllTextAsync(path, Pb(projects, approval, budget));

void Measure(string ballots, string rule, Func<(int Selected, Rational Spent, int Units)> count)
{
    // The machine is shared: the process's CPU time beside the wall-clock time tells how much waiting there was.
    var times = new List<(double Wall, double Cpu)>();
    (int Selected, Rational Spent, int Units) result = default;
    using var process = Process.GetCurrentProcess();
    for (var run = 0; run < runs; run++)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        result = count();
        process.Refresh();
        times.Add((watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds));
    }
    var (wall, processor) = times.OrderBy(t => t.Wall).ElementAt(runs / 2);
    Console.WriteLine(FormattableString.Invariant($"| {ballots} | {rule} | {result.Selected} | {result.Spent} | ")
        + FormattableString.Invariant($"{result.Units} | {wall:0.00} s | {processor:0.00} s |"));
}

static string Pb(List<BudgetProject> projects, List<Ballot> ballots, Rational budget)
{
    var text = new System.Text.StringBuilder();
    text.Append(FormattableString.Invariant(
        $"META\nkey;value\ndescription;bench\nnum_projects;{projects.Count}\nnum_votes;{ballots.Count}\n"));
    text.Append(FormattableString.Invariant($"budget;{budget}\nvote_type;approval\nPROJECTS\nproject_id;cost\n"));
    foreach (var p in projects) text.Append(FormattableString.Invariant($"{p.Id};{p.Cost}\n"));
    text.Append("VOTES\nvoter_id;vote\n");
    for (var v = 0; v < ballots.Count; v++)
        text.Append(FormattableString.Invariant($"{v + 1};"))
            .AppendJoin(',', ballots[v].Projects.Select(p => projects[p].Id)).Append('\n');
    return text.ToString();
}
