using System.Numerics;

namespace Parvis.Features.Budgets;

internal sealed partial class EqualSharesRun
{
    /// <summary>
    /// Each supporter pays price × points, or all they have left when that is less, at the price
    /// share / (scale × utility). The common denominator is first multiplied by what makes that price a whole number
    /// of units over it.
    /// </summary>
    private List<Payment>? Pay(int project, BigInteger share, long utility)
    {
        var gcd = BigInteger.GreatestCommonDivisor(share, utility);
        var factor = utility / gcd;
        var price = share / gcd;
        if (!factor.IsOne) Rescale(factor);
        var moved = new Dictionary<(int Value, int Class), (int Value, BigInteger Amount, double Near)>();
        var paidBy = _explain ? new Dictionary<BigInteger, List<int>>() : null;
        var supporters = _supporters[project];
        var utilityClass = _utilityClass[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            var from = (Value: _voterValue[supporters[i]], Class: utilityClass[i]);
            if (!moved.TryGetValue(from, out var to))
            {
                var amount = BigInteger.Min(_values[from.Value], price * _utilities[from.Class]);
                moved[from] = to = (NewValue(_values[from.Value] - amount, 0), amount, Approximate(amount, _scale));
            }
            _holders[from.Value]--;
            _holders[to.Value]++;
            _voterValue[supporters[i]] = to.Value;
            if (paidBy is null) continue;
            var ballot = _problem.Ballots[supporters[i]];
            for (var k = 0; k < ballot.Projects.Length; k++)
                if (ballot.Points is null || !ballot.Points[k].IsZero) _moneyNear[ballot.Projects[k]] -= to.Near;
            if (!paidBy.TryGetValue(to.Amount, out var voters)) paidBy[to.Amount] = voters = [];
            voters.Add(supporters[i]);
        }
        return paidBy?.OrderByDescending(p => p.Key).Select(p => new Payment(Money(p.Key), p.Value)).ToList();
    }

    /// <summary>Multiplies the common denominator and every amount still held by someone.</summary>
    private void Rescale(BigInteger factor)
    {
        _scale *= factor;
        for (var v = 0; v < _values.Count; v++)
            if (_holders[v] > 0) _values[v] *= factor;
        for (var p = 0; p < _costs.Length; p++) _costs[p] *= factor;
    }

    private static (int[][] Supporters, int[][] UtilityClass, long[] Utilities) Supporters(BudgetProblem problem)
    {
        // Equal shares is the same when every utility is multiplied by one number: points in fractions become
        // whole numbers over their common denominator.
        var denominator = problem.Ballots.Where(b => b.Points is not null).SelectMany(b => b.Points!)
            .Aggregate(BigInteger.One, (d, u) => Lcm(d, u.Denominator));
        var classes = new Dictionary<long, int>();
        var supporters = problem.Projects.Select(_ => new List<int>()).ToArray();
        var utilityClass = problem.Projects.Select(_ => new List<int>()).ToArray();
        for (var v = 0; v < problem.Ballots.Count; v++)
        {
            var ballot = problem.Ballots[v];
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                var points = ballot.UtilityAt(k);
                if (points.IsZero) continue;
                var utility = (long)(points.Numerator * (denominator / points.Denominator));
                if (!classes.TryGetValue(utility, out var c)) classes[utility] = c = classes.Count;
                supporters[ballot.Projects[k]].Add(v);
                utilityClass[ballot.Projects[k]].Add(c);
            }
        }
        var utilities = new long[classes.Count];
        foreach (var (utility, c) in classes) utilities[c] = utility;
        return ([.. supporters.Select(s => s.ToArray())], [.. utilityClass.Select(s => s.ToArray())], utilities);
    }
}
