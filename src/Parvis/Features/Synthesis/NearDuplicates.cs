namespace Parvis.Features.Synthesis;

/// <summary>
/// Texts that say the same thing, found in linear time: first the texts whose words are the same once case, accents,
/// punctuation and plurals are ignored; then the near copies (a campaign's template with a word changed or a line
/// added), by MinHash over pairs of consecutive stems in bands (locality-sensitive hashing), each candidate pair
/// confirmed by the Jaccard similarity of the pairs. Returns the sets of copies, each a list of text indexes.
/// </summary>
public static class NearDuplicates
{
    /// <summary>The share of word pairs two texts must have in common to count as copies.</summary>
    public const double Similarity = 0.7;

    private const int Bands = 10;
    private const int Rows = 3;

    public static List<List<int>> Find(TextFeatures features)
    {
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < features.Keys.Length; i++)
        {
            if (!exact.TryGetValue(features.Keys[i], out var same)) exact[features.Keys[i]] = same = [];
            same.Add(i);
        }
        var sets = exact.Values.ToList();
        var shingles = new HashSet<ulong>[sets.Count];
        var signatures = new ulong[sets.Count][];
        Parallel.For(0, sets.Count, s =>
        {
            shingles[s] = Shingles(features.Terms[sets[s][0]]);
            signatures[s] = Signature(shingles[s]);
        });
        var parent = Enumerable.Range(0, sets.Count).ToArray();
        int Root(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        for (var band = 0; band < Bands; band++)
        {
            var buckets = new Dictionary<(ulong, ulong, ulong), int>();
            for (var s = 0; s < sets.Count; s++)
            {
                if (shingles[s].Count < 3) continue;
                var sig = signatures[s];
                var key = (sig[band * Rows], sig[band * Rows + 1], sig[band * Rows + 2]);
                if (!buckets.TryGetValue(key, out var first)) buckets[key] = s;
                else if (Root(first) != Root(s) && Jaccard(shingles[first], shingles[s]) >= Similarity)
                    parent[Root(s)] = Root(first);
            }
        }
        return [.. Enumerable.Range(0, sets.Count).GroupBy(Root).Select(g => g.SelectMany(s => sets[s]).Order().ToList())];
    }

    private static HashSet<ulong> Shingles(string[] terms)
    {
        var shingles = new HashSet<ulong>();
        if (terms.Length == 1) shingles.Add(Hash(terms[0], 0));
        for (var i = 0; i + 1 < terms.Length; i++) shingles.Add(Hash(terms[i], Hash(terms[i + 1], 0)));
        return shingles;
    }

    private static ulong[] Signature(HashSet<ulong> shingles)
    {
        var signature = new ulong[Bands * Rows];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
            for (var h = 0; h < signature.Length; h++)
                signature[h] = Math.Min(signature[h], Mix(shingle ^ (0x9E3779B97F4A7C15UL * (ulong)(h + 1))));
        return signature;
    }

    private static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    // FNV-1a over the characters, then mixed: stable across runs and machines, unlike string.GetHashCode.
    private static ulong Hash(string word, ulong seed)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in word) hash = (hash ^ c) * 1099511628211UL;
        return Mix(hash);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }
}
