using System.Diagnostics;
using System.Globalization;
using System.Text;
using Parvis.Features.Identity;
using Parvis.Features.OpinionMaps;

// bench/opinion-map (docs/PERFORMANCE.md, "Opinion maps"): each Pol.is conversation mapped (median of 5 runs) and
// compared with Pol.is's groups, then synthetic votes with planted camps; --csv FILE also writes them as a Pol.is
// votes.csv for timing the command.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
var polis = options.GetValueOrDefault("--polis", "../shared/data/polis");
var participants = int.Parse(options.GetValueOrDefault("--participants", "100000"), CultureInfo.InvariantCulture);
var statements = int.Parse(options.GetValueOrDefault("--statements", "1000"), CultureInfo.InvariantCulture);
var perParticipant = int.Parse(options.GetValueOrDefault("--votes-each", "50"), CultureInfo.InvariantCulture);

Console.WriteLine("| conversation | participants × statements | votes | grouped | groups | map (median of 5) "
    + "| ARI with Pol.is (compared) | ARI at k = 2 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var folder in Directory.GetDirectories(polis).Order(StringComparer.Ordinal))
{
    VoteMatrix votes;
    await using (var v = File.OpenRead(Path.Combine(folder, "votes.csv")))
    await using (var c = File.OpenRead(Path.Combine(folder, "comments.csv")))
        votes = await PolisExport.ReadAsync(v, c);
    OpinionMap.Compute(votes);
    var times = new List<double>();
    OpinionMap map = null!;
    for (var run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        map = OpinionMap.Compute(votes);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    var theirs = await PolisGroups(Path.Combine(folder, "participants-votes.csv"));
    var both = Enumerable.Range(0, map.Groups.Length)
        .Where(p => map.Groups[p] is not null && theirs.ContainsKey(votes.Participants[p])).ToList();
    var polisGroups = both.Select(p => theirs[votes.Participants[p]]).ToList();
    var ari = OpinionClustering.AdjustedRand([.. both.Select(p => map.Groups[p]!.Value)], polisGroups);
    var grouped = Enumerable.Range(0, map.Groups.Length).Where(p => map.Groups[p] is not null).ToList();
    var two = OpinionClustering.KMeans([.. grouped.Select(p => map.Positions[p])], 2);
    var twoOf = grouped.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => two[x.i]);
    var ariTwo = OpinionClustering.AdjustedRand([.. both.Select(p => twoOf[p])], polisGroups);
    Console.WriteLine(FormattableString.Invariant(
        $"| {Path.GetFileName(folder)} | {votes.Participants.Count:N0} × {votes.Statements.Count} ")
        + FormattableString.Invariant($"| {votes.VoteCount:N0} ")
        + FormattableString.Invariant($"| {grouped.Count:N0} | {map.GroupCount} | {times.Order().ElementAt(2):0} ms ")
        + FormattableString.Invariant($"| {ari:0.000} ({both.Count:N0}) | {ariTwo:0.000} |"));
}

Console.WriteLine();
Console.WriteLine(FormattableString.Invariant(
    $"synthetic: {participants:N0} participants × {statements:N0} statements, {perParticipant} votes each, 3 camps"));
var random = new Random(42);
var camps = 3;
var opinion = new int[camps, statements];
for (var s = 0; s < statements; s++)
{
    var shared = random.Next(5) == 0;
    var common = random.Next(2) * 2 - 1;
    for (var c = 0; c < camps; c++) opinion[c, s] = shared ? common : random.Next(2) * 2 - 1;
}
var camp = new int[participants];
var watchAll = Stopwatch.StartNew();
var builder = new VoteMatrix.Builder();
var deck = Enumerable.Range(0, statements).ToArray();
var csv = options.TryGetValue("--csv", out var csvPath)
    ? new StreamWriter(csvPath, false, new UTF8Encoding(false))
    : null;
csv?.WriteLine("timestamp,datetime,comment-id,voter-id,vote");
long time = 1_400_000_000_000;
for (var p = 0; p < participants; p++)
{
    camp[p] = random.Next(camps);
    var name = p.ToString(CultureInfo.InvariantCulture);
    for (var k = 0; k < perParticipant; k++)
    {
        var j = k + random.Next(statements - k);
        (deck[k], deck[j]) = (deck[j], deck[k]);
        var s = deck[k];
        var vote = random.NextDouble() < 0.75 ? opinion[camp[p], s] : random.Next(3) - 1;
        builder.Vote(name, s.ToString(CultureInfo.InvariantCulture), vote);
        csv?.WriteLine(FormattableString.Invariant($"{time++},x,{s},{p},{vote}"));
    }
}
csv?.Dispose();
var built = builder.Build();
builder = null;
var buildTime = watchAll.Elapsed;
GC.Collect();
var before = GC.GetTotalAllocatedBytes();
var watch2 = Stopwatch.StartNew();
var means = OpinionPca.Means(built);
var components = OpinionPca.Compute(built, means);
var pca = watch2.Elapsed;
var synthetic = OpinionMap.Compute(built);
var total = watch2.Elapsed - pca;
var syntheticGrouped = Enumerable.Range(0, participants).Where(p => synthetic.Groups[p] is not null).ToList();
var syntheticAri = OpinionClustering.AdjustedRand(
    [.. syntheticGrouped.Select(p => synthetic.Groups[p]!.Value)], [.. syntheticGrouped.Select(p => camp[p])]);
Console.WriteLine(FormattableString.Invariant(
    $"votes: {built.VoteCount:N0}; generating and building the matrix: {buildTime.TotalSeconds:0.0} s"));
Console.WriteLine(FormattableString.Invariant($"PCA alone: {pca.TotalSeconds:0.00} s; ")
    + FormattableString.Invariant(
        $"whole map (PCA, projection, k-means 2–5, silhouette, repness): {total.TotalSeconds:0.00} s"));
Console.WriteLine(FormattableString.Invariant(
    $"groups: {synthetic.GroupCount}, grouped {syntheticGrouped.Count:N0}, ARI with the camps {syntheticAri:0.000}"));
Console.WriteLine(FormattableString.Invariant(
    $"allocated during the map: {(GC.GetTotalAllocatedBytes() - before) / 1e6:0} MB; ")
    + FormattableString.Invariant(
        $"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
GC.KeepAlive(components);

static async Task<Dictionary<string, int>> PolisGroups(string path)
{
    await using var file = File.OpenRead(path);
    var groups = new Dictionary<string, int>(StringComparer.Ordinal);
    int participant = -1, group = -1;
    await foreach (var row in CsvRows.ReadAsync(file))
    {
        if (participant < 0)
        {
            var header = row.Fields.ToList();
            (participant, group) = (header.IndexOf("participant"), header.IndexOf("group-id"));
            continue;
        }
        if (row.Fields[group].Length > 0)
            groups[row.Fields[participant]] = int.Parse(row.Fields[group], CultureInfo.InvariantCulture);
    }
    return groups;
}
