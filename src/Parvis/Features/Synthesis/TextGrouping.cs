namespace Parvis.Features.Synthesis;

/// <summary>A text said <paramref name="Count"/> times (itself and its copies); <paramref name="Id"/> is the first one.</summary>
public sealed record TextCopy(int Id, int Count);

/// <summary>
/// A group of texts on the same subject: its key words (as people wrote them), its size counting every copy, its most
/// typical texts, the texts posted more than once with their counts, and all its members' ids.
/// </summary>
public sealed record TextGroup(int Number, int Size, List<string> KeyWords, List<TextCopy> Typical, List<TextCopy> Copies,
    List<int> Members);

/// <summary>The groups, largest first, and the texts with no word to group them by (too short, or only stop words).</summary>
public sealed record TextGroups(int Texts, int Distinct, List<TextGroup> Groups, List<int> Ungrouped);

/// <summary>
/// Groups texts by what they say: copies collapsed first (<see cref="NearDuplicates"/>), each distinct text a TF-IDF
/// vector of its stems (words in one text only or in more than half of them left out), then spherical k-means
/// (cosine similarity) seeded by k-means++ with fixed seeds (the best of a few runs), so that the same texts give the same groups. The number
/// of groups grows with the square root of the distinct texts, from 2 to <see cref="MaxGroups"/>: staff merge them into
/// themes, so a subject split in two costs less than two subjects mixed.
/// </summary>
public static class TextGrouping
{
    public const int MaxGroups = 24;
    public const int KeyWordCount = 6;
    public const int TypicalCount = 3;
    public const int CopiesShown = 10;
    private const int MaxIterations = 30;
    private const int SmallInput = 20_000;

    /// <summary>Groups <paramref name="texts"/>; <paramref name="progress"/> receives a percentage now and then.</summary>
    public static TextGroups Compute(IReadOnlyList<GroupedText> texts, Action<int>? progress = null,
        CancellationToken token = default)
    {
        progress?.Invoke(0);
        var features = TextFeatures.Of(texts, n => progress?.Invoke(50 * n / Math.Max(1, texts.Count)), token);
        var sets = NearDuplicates.Find(features);
        token.ThrowIfCancellationRequested();
        progress?.Invoke(60);
        var vectors = TfIdf.Vectors(sets.Select(s => features.Terms[s[0]]).ToList(), out var vocabulary);
        var usable = Enumerable.Range(0, sets.Count).Where(s => vectors[s].Indices.Length > 0).ToList();
        var ungrouped = Enumerable.Range(0, sets.Count).Where(s => vectors[s].Indices.Length == 0)
            .SelectMany(s => sets[s]).Select(i => texts[i].Id).Order().ToList();
        if (usable.Count == 0) return new TextGroups(texts.Count, sets.Count, [], ungrouped);
        var k = Math.Clamp((int)Math.Round(Math.Sqrt(usable.Count / 2.0)), 2, MaxGroups);
        k = Math.Min(k, usable.Count);
        var docs = usable.Select(s => vectors[s]).ToArray();
        var restarts = docs.Length <= SmallInput ? 5 : 2;
        var best = SphericalKMeans(docs, vocabulary.Length, k, 17, token);
        for (var r = 1; r < restarts; r++)
        {
            progress?.Invoke(60 + 35 * r / restarts);
            var run = SphericalKMeans(docs, vocabulary.Length, k, 17 + r, token);
            if (run.Score > best.Score) best = run;
        }
        var (assignment, centroids, _) = best;
        var groups = new List<TextGroup>();
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, docs.Length).Where(d => assignment[d] == c).ToList();
            if (members.Count == 0) continue;
            TextCopy Copy(int d) => new(texts[sets[usable[d]][0]].Id, sets[usable[d]].Count);
            var keyWords = Enumerable.Range(0, vocabulary.Length).Where(t => centroids[c][t] > 0)
                .OrderByDescending(t => centroids[c][t]).Take(KeyWordCount)
                .Select(t => features.Surface.GetValueOrDefault(vocabulary[t], vocabulary[t])).ToList();
            var typical = members.OrderByDescending(d => docs[d].Dot(centroids[c])).ThenByDescending(d => sets[usable[d]].Count)
                .Take(TypicalCount).Select(Copy).ToList();
            var copies = members.Where(d => sets[usable[d]].Count > 1).OrderByDescending(d => sets[usable[d]].Count)
                .Take(CopiesShown).Select(Copy).ToList();
            var ids = members.SelectMany(d => sets[usable[d]]).Select(i => texts[i].Id).Order().ToList();
            groups.Add(new TextGroup(0, ids.Count, keyWords, typical, copies, ids));
        }
        progress?.Invoke(100);
        return new TextGroups(texts.Count, sets.Count,
            [.. groups.OrderByDescending(g => g.Size).ThenBy(g => g.Members[0]).Select((g, i) => g with { Number = i + 1 })],
            ungrouped);
    }

    /// <summary>One run from k-means++ seeds; its score is the sum of each text's similarity to its group's centre.</summary>
    private static (int[] Assignment, float[][] Centroids, double Score) SphericalKMeans(SparseVector[] docs,
        int dimensions, int k, int seed, CancellationToken token)
    {
        var centroids = Seeds(docs, dimensions, k, seed);
        var assignment = new int[docs.Length];
        Array.Fill(assignment, -1);
        for (var round = 0; round < MaxIterations; round++)
        {
            token.ThrowIfCancellationRequested();
            var changed = 0;
            Parallel.For(0, docs.Length, d =>
            {
                var best = 0;
                var bestScore = float.MinValue;
                for (var c = 0; c < k; c++)
                {
                    var score = docs[d].Dot(centroids[c]);
                    if (score > bestScore) (best, bestScore) = (c, score);
                }
                if (assignment[d] != best) Interlocked.Increment(ref changed);
                assignment[d] = best;
            });
            centroids = Centroids(docs, assignment, dimensions, k);
            if (changed <= docs.Length / 1000) break;
        }
        var score = 0.0;
        for (var d = 0; d < docs.Length; d++) score += docs[d].Dot(centroids[assignment[d]]);
        return (assignment, centroids, score);
    }

    // k-means++: each next seed drawn with probability proportional to its squared distance to the nearest seed.
    private static float[][] Seeds(SparseVector[] docs, int dimensions, int k, int seed)
    {
        var random = new Random(seed);
        var seeds = new List<float[]> { docs[random.Next(docs.Length)].Dense(dimensions) };
        var nearest = new float[docs.Length];
        Array.Fill(nearest, float.MaxValue);
        while (seeds.Count < k)
        {
            var last = seeds[^1];
            double total = 0;
            for (var d = 0; d < docs.Length; d++)
            {
                var distance = Math.Max(0, 1 - docs[d].Dot(last));
                nearest[d] = Math.Min(nearest[d], distance * distance);
                total += nearest[d];
            }
            if (total <= 0) break;
            var pick = random.NextDouble() * total;
            var chosen = 0;
            for (; chosen < docs.Length - 1 && (pick -= nearest[chosen]) > 0; chosen++) { }
            seeds.Add(docs[chosen].Dense(dimensions));
        }
        return [.. seeds];
    }

    private static float[][] Centroids(SparseVector[] docs, int[] assignment, int dimensions, int k)
    {
        var centroids = new float[k][];
        for (var c = 0; c < k; c++) centroids[c] = new float[dimensions];
        for (var d = 0; d < docs.Length; d++)
        {
            var centroid = centroids[assignment[d]];
            for (var j = 0; j < docs[d].Indices.Length; j++) centroid[docs[d].Indices[j]] += docs[d].Values[j];
        }
        foreach (var centroid in centroids)
        {
            var norm = MathF.Sqrt(centroid.Sum(v => v * v));
            if (norm > 0) for (var t = 0; t < centroid.Length; t++) centroid[t] /= norm;
        }
        return centroids;
    }
}
