using System.Numerics;

namespace Parvis.Features.Budgets;

/// <summary>
/// The ballots as <see cref="EqualSharesQuickRun"/> counts them, prepared once for all the runs of the completion:
/// identical ballots counted once with their number of voters (pabutools' multiplicity), and per project its
/// supporters (indexes of those distinct ballots) with the utility each gives it, as whole numbers (points in
/// fractions multiplied by their common denominator, which does not change equal shares) held exactly by doubles.
/// </summary>
internal sealed class EqualSharesBallots
{
    private const double ExactDoubles = 1L << 53;

    private EqualSharesBallots(double[] weights, int[][] supporters, double[][] utilities)
    {
        Weights = weights;
        Supporters = supporters;
        Utilities = utilities;
        TotalUtility = [.. supporters.Select((s, p) => s.Select((g, i) => weights[g] * utilities[p][i]).Sum())];
    }

    /// <summary>Per distinct ballot: how many voters cast it.</summary>
    public double[] Weights { get; }

    /// <summary>Per project: the distinct ballots that give it a utility above zero.</summary>
    public int[][] Supporters { get; }

    /// <summary>Per project, same order as <see cref="Supporters"/>: the utility given.</summary>
    public double[][] Utilities { get; }

    /// <summary>Per project: the sum of its supporters' utilities, each counted with its number of voters.</summary>
    public double[] TotalUtility { get; }

    /// <summary>Null when some number cannot be held exactly by a double (the exact run then counts alone).</summary>
    public static EqualSharesBallots? Prepare(BudgetProblem problem)
    {
        var denominator = problem.Ballots.Where(b => b.Points is not null).SelectMany(b => b.Points!)
            .Select(u => u.Denominator).Distinct()
            .Aggregate(BigInteger.One, (d, u) => d / BigInteger.GreatestCommonDivisor(d, u) * u);
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        var weights = new List<double>();
        var supporters = problem.Projects.Select(_ => new List<int>()).ToArray();
        var utilities = problem.Projects.Select(_ => new List<double>()).ToArray();
        foreach (var ballot in problem.Ballots)
        {
            var key = string.Join(',', ballot.Projects) + "|"
                + (ballot.Points is null ? "" : string.Join(',', ballot.Points));
            if (distinct.TryGetValue(key, out var group))
            {
                weights[group]++;
                continue;
            }
            distinct[key] = group = weights.Count;
            weights.Add(1);
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                var points = ballot.UtilityAt(k);
                if (points.IsZero) continue;
                var utility = points.Numerator * (denominator / points.Denominator);
                if (utility.Sign < 0 || utility > (BigInteger)ExactDoubles) return null;
                supporters[ballot.Projects[k]].Add(group);
                utilities[ballot.Projects[k]].Add((double)utility);
            }
        }
        if (weights.Count > ExactDoubles) return null;
        return new EqualSharesBallots([.. weights], [.. supporters.Select(s => s.ToArray())],
            [.. utilities.Select(u => u.ToArray())]);
    }
}
