namespace Parvis.Domain;

/// <summary>
/// The rule for every published statistic: no figure about fewer than <see cref="Minimum"/> people, since a small group
/// identifies them. A figure from 1 to 9 is withheld; zero is shown (it is about nobody). Where the rows of a table
/// add up to a total that is shown, withholding one row alone would let a reader subtract it back: the smallest
/// other non-zero row is withheld with it.
/// </summary>
public static class SmallGroups
{
    public const int Minimum = 10;

    public static bool IsTooSmall(int count) => count is > 0 and < Minimum;

    /// <summary>Which of these counts to withhold.</summary>
    /// <param name="totalShown">The rows add up to a total the reader sees.</param>
    public static bool[] Withheld(IReadOnlyList<int> counts, bool totalShown)
    {
        var withheld = counts.Select(IsTooSmall).ToArray();
        if (!totalShown || withheld.Count(w => w) != 1) return withheld;
        var complement = Enumerable.Range(0, counts.Count)
            .Where(i => !withheld[i] && counts[i] > 0)
            .OrderBy(i => counts[i])
            .Select(i => (int?)i)
            .FirstOrDefault();
        if (complement is { } index) withheld[index] = true;
        return withheld;
    }
}
