namespace Parvis.Features.OpinionMaps;

/// <summary>
/// Pol.is's principal component analysis of the votes (polismath, pca.clj): each statement's mean over the votes cast
/// (a pass counts as 0), a missing vote imputed with that mean, two components by power iteration. The imputed,
/// centred matrix is zero wherever no one voted, so each iteration costs two passes over the votes, never a dense
/// participants × statements matrix.
/// </summary>
public static class OpinionPca
{
    public const int Components = 2;
    private const int MaxIterations = 1000;
    private const double Tolerance = 1e-12;

    /// <summary>Each statement's mean vote over the participants who voted on it (0 when no one did).</summary>
    public static double[] Means(VoteMatrix votes)
    {
        var sums = new double[votes.Statements.Count];
        var counts = new int[votes.Statements.Count];
        for (var i = 0; i < votes.VoteCount; i++)
        {
            sums[votes.Columns[i]] += votes.Values[i];
            counts[votes.Columns[i]]++;
        }
        for (var j = 0; j < sums.Length; j++) sums[j] = counts[j] == 0 ? 0 : sums[j] / counts[j];
        return sums;
    }

    /// <summary>The first components (unit vectors over the statements), the largest variance first.</summary>
    public static double[][] Compute(VoteMatrix votes, double[] means)
    {
        var found = new List<double[]>();
        for (var c = 0; c < Components; c++) found.Add(PowerIteration(votes, means, found, seed: (ulong)c + 1));
        return [.. found];
    }

    /// <summary>
    /// Pol.is's sparsity-aware projection: the dot product over the statements the participant voted on, scaled by
    /// sqrt(statements / votes) so that someone who voted on few statements is not pulled to the centre.
    /// </summary>
    public static (double X, double Y) Project(VoteMatrix votes, double[] means, double[][] components, int participant)
    {
        double x = 0, y = 0;
        var end = votes.RowStart[participant + 1];
        for (var i = votes.RowStart[participant]; i < end; i++)
        {
            var j = votes.Columns[i];
            var centred = votes.Values[i] - means[j];
            x += centred * components[0][j];
            y += centred * components[1][j];
        }
        var scale = Math.Sqrt((double)votes.Statements.Count / Math.Max(1, votes.VotesOf(participant)));
        return (x * scale, y * scale);
    }

    private static double[] PowerIteration(VoteMatrix votes, double[] means, List<double[]> previous, ulong seed)
    {
        var n = votes.Statements.Count;
        var vector = new double[n];
        var random = new SplitMix(seed);
        for (var j = 0; j < n; j++) vector[j] = random.NextDouble() - 0.5;
        Orthonormalize(vector, previous);
        var rows = new double[votes.Participants.Count];
        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Multiply(votes, means, vector, rows, next);
            Orthonormalize(next, previous);
            double change = 0;
            for (var j = 0; j < n; j++) change += (next[j] - vector[j]) * (next[j] - vector[j]);
            (vector, next) = (next, vector);
            if (change < Tolerance) break;
        }
        // A component's sign is arbitrary: fix it so that the same votes always give the same map.
        var largest = 0;
        for (var j = 1; j < n; j++) if (Math.Abs(vector[j]) > Math.Abs(vector[largest]) + 1e-12) largest = j;
        if (n > 0 && vector[largest] < 0) for (var j = 0; j < n; j++) vector[j] = -vector[j];
        return vector;
    }

    /// <summary>result = Xᵀ X vector, X the centred, imputed vote matrix (zero where no vote).</summary>
    private static void Multiply(VoteMatrix votes, double[] means, double[] vector, double[] rows, double[] result)
    {
        for (var p = 0; p < rows.Length; p++)
        {
            double sum = 0;
            var end = votes.RowStart[p + 1];
            for (var i = votes.RowStart[p]; i < end; i++)
                sum += (votes.Values[i] - means[votes.Columns[i]]) * vector[votes.Columns[i]];
            rows[p] = sum;
        }
        Array.Clear(result);
        for (var p = 0; p < rows.Length; p++)
        {
            var end = votes.RowStart[p + 1];
            for (var i = votes.RowStart[p]; i < end; i++)
                result[votes.Columns[i]] += (votes.Values[i] - means[votes.Columns[i]]) * rows[p];
        }
    }

    private static void Orthonormalize(double[] vector, List<double[]> previous)
    {
        foreach (var other in previous)
        {
            double dot = 0;
            for (var j = 0; j < vector.Length; j++) dot += vector[j] * other[j];
            for (var j = 0; j < vector.Length; j++) vector[j] -= dot * other[j];
        }
        double norm = 0;
        foreach (var v in vector) norm += v * v;
        norm = Math.Sqrt(norm);
        if (norm == 0) return;
        for (var j = 0; j < vector.Length; j++) vector[j] /= norm;
    }
}

/// <summary>SplitMix64: a small generator whose sequence for a seed never changes with the runtime's version.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public int Below(int n) => (int)(Next() % (ulong)n);
}
