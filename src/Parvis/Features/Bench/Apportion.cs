namespace Parvis.Features.Bench;

/// <summary>Splits a total into integer parts proportional to weights, exactly, with per-part minimums and caps.</summary>
public static class Apportion
{
    public static int[] Split(long total, double[] weights, int minimum, int[]? caps = null) =>
        Split(total, weights, Enumerable.Repeat(minimum, weights.Length).ToArray(), caps);

    public static int[] Split(long total, double[] weights, int[] minimums, int[]? caps = null)
    {
        var parts = (int[])minimums.Clone();
        var rest = total - parts.Sum(p => (long)p);
        if (rest < 0) throw new ArgumentException($"The minimums ({total - rest}) exceed the total ({total}).");
        var weightSum = weights.Sum();
        if (weightSum <= 0) throw new ArgumentException("At least one weight must be positive.");
        var given = 0L;
        for (var i = 0; i < parts.Length; i++)
        {
            var share = (int)Math.Min(int.MaxValue, Math.Floor(rest * weights[i] / weightSum));
            if (caps is not null) share = Math.Max(0, Math.Min(share, caps[i] - parts[i]));
            parts[i] += share;
            given += share;
        }
        // What rounding (and the caps) left over goes one by one, heaviest-weighted parts first in each pass.
        var left = rest - given;
        var order = Enumerable.Range(0, parts.Length).Where(i => weights[i] > 0).OrderByDescending(i => weights[i]).ToArray();
        while (left > 0)
        {
            var progress = false;
            foreach (var i in order)
            {
                if (left == 0) break;
                if (caps is not null && parts[i] >= caps[i]) continue;
                parts[i]++;
                left--;
                progress = true;
            }
            if (!progress) throw new ArgumentException($"The caps leave {left} of {total} without a place.");
        }
        return parts;
    }
}
