namespace Parvis.Features.Synthesis;

/// <summary>A text as weights of its stems (indexes into the vocabulary, ascending), of length 1 unless empty.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public float Dot(float[] dense)
    {
        var sum = 0f;
        for (var j = 0; j < Indices.Length; j++) sum += Values[j] * dense[Indices[j]];
        return sum;
    }

    public float[] Dense(int dimensions)
    {
        var dense = new float[dimensions];
        for (var j = 0; j < Indices.Length; j++) dense[Indices[j]] = Values[j];
        return dense;
    }
}

/// <summary>
/// TF-IDF vectors: sublinear term frequency (1 + log tf) times smoothed inverse document frequency, normalized. A
/// stem found in a single text cannot bring two texts together, and one found in more than half of them (the
/// consultation's own subject, "projet", "ville") cannot set them apart: both are left out once there are enough texts.
/// </summary>
public static class TfIdf
{
    private const int MinTextsForPruning = 20;

    public static SparseVector[] Vectors(IReadOnlyList<string[]> texts, out string[] vocabulary)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in texts)
            foreach (var term in terms.Distinct(StringComparer.Ordinal))
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
        var n = texts.Count;
        var pruning = n >= MinTextsForPruning;
        vocabulary = [.. frequency.Where(f => !pruning || (f.Value >= 2 && f.Value <= n / 2)).Select(f => f.Key)
            .Order(StringComparer.Ordinal)];
        var index = vocabulary.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var idf = vocabulary.Select(t => (float)(Math.Log((1.0 + n) / (1.0 + frequency[t])) + 1)).ToArray();
        var vectors = new SparseVector[n];
        Parallel.For(0, n, i =>
        {
            var counts = new SortedDictionary<int, int>();
            foreach (var term in texts[i])
                if (index.TryGetValue(term, out var t)) counts[t] = counts.GetValueOrDefault(t) + 1;
            var values = counts.Select(c => (float)(1 + Math.Log(c.Value)) * idf[c.Key]).ToArray();
            var norm = MathF.Sqrt(values.Sum(v => v * v));
            for (var j = 0; j < values.Length; j++) values[j] /= norm;
            vectors[i] = new SparseVector([.. counts.Keys], values);
        });
        return vectors;
    }
}
