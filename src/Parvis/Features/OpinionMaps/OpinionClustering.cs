namespace Parvis.Features.OpinionMaps;

/// <summary>
/// Groups of points in the plane: k-means (k-means++ starts from a fixed seed, the best of several restarts) for
/// k = 2 to 5, the k with the highest silhouette kept. Deterministic: the same points give the same groups.
/// </summary>
public static class OpinionClustering
{
    public const int MinGroups = 2;
    public const int MaxGroups = 5;
    private const int Restarts = 10;
    private const int MaxIterations = 100;

    /// <summary>Above this many points the silhouette (quadratic) is computed on an evenly spaced sample.</summary>
    public const int SilhouetteSample = 3000;

    /// <summary>Each point's group (0 = the largest), or an empty array when all points coincide.</summary>
    public static int[] Cluster(IReadOnlyList<(double X, double Y)> points)
    {
        int[]? best = null;
        var bestScore = double.NegativeInfinity;
        var distinct = points.Distinct().Take(MaxGroups).Count();
        for (var k = MinGroups; k <= distinct; k++)
        {
            var labels = KMeans(points, k);
            var score = Silhouette(points, labels, k);
            if (score > bestScore + 1e-12)
            {
                (best, bestScore) = (labels, score);
            }
        }
        return best is null ? [] : BySize(best);
    }

    /// <summary>The best of <see cref="Restarts"/> k-means++ runs (lowest sum of squared distances).</summary>
    public static int[] KMeans(IReadOnlyList<(double X, double Y)> points, int k)
    {
        var random = new SplitMix((ulong)k * 7919);
        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        for (var restart = 0; restart < Restarts; restart++)
        {
            var (labels, cost) = Lloyd(points, Seeds(points, k, random));
            if (cost < bestCost - 1e-9) (best, bestCost) = (labels, cost);
        }
        return best!;
    }

    private static (double X, double Y)[] Seeds(IReadOnlyList<(double X, double Y)> points, int k, SplitMix random)
    {
        var centres = new (double X, double Y)[k];
        centres[0] = points[random.Below(points.Count)];
        var nearest = new double[points.Count];
        for (var i = 0; i < points.Count; i++) nearest[i] = Distance2(points[i], centres[0]);
        for (var c = 1; c < k; c++)
        {
            var total = nearest.Sum();
            var target = random.NextDouble() * total;
            var chosen = points.Count - 1;
            for (var i = 0; i < points.Count; i++)
            {
                target -= nearest[i];
                if (target < 0 && nearest[i] > 0)
                {
                    chosen = i;
                    break;
                }
            }
            centres[c] = points[chosen];
            for (var i = 0; i < points.Count; i++) nearest[i] = Math.Min(nearest[i], Distance2(points[i], centres[c]));
        }
        return centres;
    }

    private static (int[] Labels, double Cost) Lloyd(
        IReadOnlyList<(double X, double Y)> points, (double X, double Y)[] centres)
    {
        var k = centres.Length;
        var labels = new int[points.Count];
        Array.Fill(labels, -1);
        double cost = 0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            cost = 0;
            for (var i = 0; i < points.Count; i++)
            {
                var (label, distance) = Nearest(points[i], centres);
                cost += distance;
                if (label != labels[i]) (labels[i], changed) = (label, true);
            }
            if (!changed) break;
            var sums = new (double X, double Y, int N)[k];
            for (var i = 0; i < points.Count; i++)
            {
                ref var sum = ref sums[labels[i]];
                sum = (sum.X + points[i].X, sum.Y + points[i].Y, sum.N + 1);
            }
            for (var c = 0; c < k; c++)
                if (sums[c].N > 0) centres[c] = (sums[c].X / sums[c].N, sums[c].Y / sums[c].N);
        }
        return (labels, cost);
    }

    private static (int Label, double Distance) Nearest((double X, double Y) point, (double X, double Y)[] centres)
    {
        var best = 0;
        var distance = Distance2(point, centres[0]);
        for (var c = 1; c < centres.Length; c++)
        {
            var d = Distance2(point, centres[c]);
            if (d < distance) (best, distance) = (c, d);
        }
        return (best, distance);
    }

    /// <summary>
    /// The mean silhouette: for each point, (b - a) / max(a, b), a its mean distance to its own group, b to the
    /// nearest other group.
    /// </summary>
    public static double Silhouette(IReadOnlyList<(double X, double Y)> points, int[] labels, int k)
    {
        var step = Math.Max(1, (points.Count + SilhouetteSample - 1) / SilhouetteSample);
        var sample = Enumerable.Range(0, (points.Count + step - 1) / step).Select(i => i * step).ToArray();
        var sizes = new int[k];
        foreach (var i in sample) sizes[labels[i]]++;
        if (sizes.Count(s => s > 0) < 2) return -1;
        double total = 0;
        var sums = new double[k];
        foreach (var i in sample)
        {
            Array.Clear(sums);
            foreach (var j in sample) sums[labels[j]] += Math.Sqrt(Distance2(points[i], points[j]));
            var own = labels[i];
            if (sizes[own] == 1) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++) if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            var spread = Math.Max(a, b);
            total += spread == 0 ? 0 : (b - a) / spread;
        }
        return total / sample.Length;
    }

    /// <summary>Renumbers the groups by size, the largest 0; equal sizes by their first member.</summary>
    private static int[] BySize(int[] labels)
    {
        var order = labels.Distinct().OrderByDescending(l => labels.Count(x => x == l))
            .ThenBy(l => Array.IndexOf(labels, l)).ToList();
        return [.. labels.Select(l => order.IndexOf(l))];
    }

    private static double Distance2((double X, double Y) a, (double X, double Y) b) =>
        (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y);

    /// <summary>Hubert and Arabie's adjusted Rand index of two partitions (1 = identical, about 0 = chance).</summary>
    public static double AdjustedRand(IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        if (first.Count != second.Count)
            throw new ArgumentException("The partitions must cover the same items.", nameof(second));
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < first.Count; i++)
        {
            table[(first[i], second[i])] = table.GetValueOrDefault((first[i], second[i])) + 1;
            rows[first[i]] = rows.GetValueOrDefault(first[i]) + 1;
            columns[second[i]] = columns.GetValueOrDefault(second[i]) + 1;
        }
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var index = table.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var expected = rowPairs * columnPairs / Pairs(first.Count);
        var maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }
}
