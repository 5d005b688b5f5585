using System.Numerics;

namespace Parvis.Features.Budgets;

/// <summary>
/// One run of equal shares with a fixed budget per voter, in exact integers: every amount of money is a numerator
/// over one common denominator <see cref="_scale"/>, multiplied up when a price needs it, so no fraction is ever
/// reduced (no greatest common divisor in the loops) and amounts compare as integers. Voters holding the same amount
/// share one "value" (an index into <see cref="_values"/>), so a project's supporters are counted per (value, points)
/// first and the big-integer work is per distinct amount, not per voter. A project's price per point only rises from
/// round to round (budgets only fall): the last price computed is a lower bound, and only projects whose bound is not
/// above the round's best price are recomputed (as pabutools does).
/// </summary>
internal sealed partial class EqualSharesRun
{
    private readonly BudgetProblem _problem;
    private readonly bool _explain;
    private BigInteger _scale;
    private readonly List<BigInteger> _values = [];
    private readonly List<double> _approximations = [];
    private readonly List<int> _holders = [];
    private readonly int[] _voterValue;
    private readonly int[][] _supporters;
    private readonly int[][] _utilityClass;
    private readonly long[] _utilities;
    private readonly long[] _totalUtility;
    private readonly BigInteger[] _costs;
    private long[] _counts = [];
    private readonly List<int> _touched = [];
    private readonly double[] _moneyNear;
    private readonly double[] _moneyMargin;

    private EqualSharesRun(BudgetProblem problem, Rational perVoter, bool explain)
    {
        _problem = problem;
        _explain = explain;
        (_supporters, _utilityClass, _utilities) = Supporters(problem);
        _totalUtility = [.. _supporters.Select((s, p) => _utilityClass[p].Sum(c => _utilities[c]))];
        _scale = problem.Projects.Aggregate(perVoter.Denominator, (d, p) => Lcm(d, p.Cost.Denominator));
        _costs = [.. problem.Projects.Select(p => p.Cost.Numerator * (_scale / p.Cost.Denominator))];
        _voterValue = new int[problem.Ballots.Count];
        Array.Fill(_voterValue, NewValue(perVoter.Numerator * (_scale / perVoter.Denominator), _voterValue.Length));
        _moneyNear = [.. _supporters.Select(s => s.Length * perVoter.ToDouble())];
        _moneyMargin = [.. _moneyNear.Select((m, p) => 1e-6 * (m + problem.Projects[p].Cost.ToDouble()))];
    }

    /// <summary>The winners in the order chosen; nothing else recorded.</summary>
    public static List<int> Select(BudgetProblem problem, Rational perVoter) =>
        new EqualSharesRun(problem, perVoter, explain: false).Count(null, null);

    /// <summary>
    /// The same count, recording the rounds and the losers' reasons: every project's money checked every round.
    /// </summary>
    public static EqualSharesOutcome Explain(BudgetProblem problem, Rational perVoter, int unitsAdded)
    {
        var rounds = new List<EqualSharesRound>();
        var losses = new List<EqualSharesLoss>();
        var selected = new EqualSharesRun(problem, perVoter, explain: true).Count(rounds, losses);
        losses.Sort((a, b) => a.Round != b.Round ? a.Round.CompareTo(b.Round) : problem.TieOrder(a.Project, b.Project));
        return new EqualSharesOutcome(selected, EqualSharesRule.Cost(problem, selected), perVoter, unitsAdded, rounds,
            losses);
    }

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;

    private int NewValue(BigInteger numerator, int holders)
    {
        _values.Add(numerator);
        _approximations.Add(Approximate(numerator, _scale));
        _holders.Add(holders);
        return _values.Count - 1;
    }

    /// <summary>numerator / denominator as a double (relative error near 1e-15), the fraction not reduced.</summary>
    private static double Approximate(BigInteger numerator, BigInteger denominator) => numerator.IsZero ? 0
        : numerator.Sign * Math.Exp(BigInteger.Log(BigInteger.Abs(numerator)) - BigInteger.Log(denominator));

    private Rational Money(BigInteger numerator) => Rational.Of(numerator, _scale);

    private List<int> Count(List<EqualSharesRound>? rounds, List<EqualSharesLoss>? losses)
    {
        var remaining = new List<int>();
        var bound = new Rational[_problem.Projects.Count];
        for (var p = 0; p < _problem.Projects.Count; p++)
        {
            if (_supporters[p].Length == 0)
                losses?.Add(new EqualSharesLoss(p, 0, Rational.Zero, _problem.Projects[p].Cost));
            else
            {
                bound[p] = Rational.Of(_costs[p], _scale * _totalUtility[p]);
                remaining.Add(p);
            }
        }
        var selected = new List<int>();
        while (remaining.Count > 0)
        {
            remaining.Sort((a, b) => bound[a] != bound[b] ? bound[a].CompareTo(bound[b]) : _problem.TieOrder(a, b));
            int? best = null;
            (BigInteger Money, BigInteger Share, long Utility) winning = default;
            foreach (var p in remaining.ToList())
            {
                // Above the best's price p cannot win: the explained run still dates its loss, without its price,
                // and counts its supporters' money only when a close value of it (kept up to date by Pay, off by
                // far less than the margin) is not well above the cost.
                var beyond = best is { } b && bound[p] > bound[b];
                if (beyond && !_explain) break;
                if (beyond && _moneyNear[p] > _problem.Projects[p].Cost.ToDouble() + _moneyMargin[p]) continue;
                var (money, price) = Afford(p, priced: !beyond);
                if (beyond && money >= _costs[p]) continue;
                if (price is not { } found)
                {
                    remaining.Remove(p);
                    losses?.Add(new EqualSharesLoss(p, selected.Count, Money(money), _problem.Projects[p].Cost));
                    continue;
                }
                bound[p] = Rational.Of(found.Share, _scale * found.Utility);
                if (best is not { } current || bound[p] < bound[current]
                    || (bound[p] == bound[current] && _problem.TieOrder(p, current) < 0))
                {
                    best = p;
                    winning = (money, found.Share, found.Utility);
                }
            }
            if (best is not { } winner) break;
            remaining.Remove(winner);
            selected.Add(winner);
            var payments = Pay(winner, winning.Share, winning.Utility);
            rounds?.Add(new EqualSharesRound(winner, bound[winner], payments!, Money(winning.Money)));
        }
        return selected;
    }

    /// <summary>
    /// What the project's supporters have left in all, and the lowest price per point at which they can pay its cost
    /// (each paying price × points, or all they have when that is less): price = Share / (scale × Utility). No price
    /// when they cannot, nor when not <paramref name="priced"/>.
    /// </summary>
    private (BigInteger Money, (BigInteger Share, long Utility)? Price) Afford(int project, bool priced)
    {
        var classes = _utilities.Length;
        if (_counts.Length < _values.Count * classes) _counts = new long[Math.Max(_values.Count * classes * 2, 1024)];
        var supporters = _supporters[project];
        var utilityClass = _utilityClass[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            var key = _voterValue[supporters[i]] * classes + utilityClass[i];
            if (_counts[key]++ == 0) _touched.Add(key);
        }
        var groups = new (int Value, int Class, long Count)[_touched.Count];
        for (var g = 0; g < groups.Length; g++)
        {
            var key = _touched[g];
            groups[g] = (key / classes, key % classes, _counts[key]);
            _counts[key] = 0;
        }
        _touched.Clear();
        var money = BigInteger.Zero;
        foreach (var group in groups) money += _values[group.Value] * group.Count;
        var cost = _costs[project];
        if (money < cost || !priced) return (money, null);
        Array.Sort(groups, (x, y) => CompareRatio(x.Value, x.Class, y.Value, y.Class));
        var paid = BigInteger.Zero;
        var utility = _totalUtility[project];
        foreach (var (value, c, count) in groups)
        {
            var share = cost - paid;
            if (share * _utilities[c] <= _values[value] * utility) return (money, (share, utility));
            paid += _values[value] * count;
            utility -= _utilities[c] * count;
        }
        throw new InvalidOperationException("The supporters' money covers the cost, so some price must do.");
    }

    /// <summary>Money / points order; doubles only when so far apart that rounding cannot matter.</summary>
    private int CompareRatio(int valueA, int classA, int valueB, int classB)
    {
        if (valueA == valueB && classA == classB) return 0;
        var a = _approximations[valueA] / _utilities[classA];
        var b = _approximations[valueB] / _utilities[classB];
        if (Math.Abs(a - b) > 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)))
            return a.CompareTo(b);
        return (_values[valueA] * _utilities[classB]).CompareTo(_values[valueB] * _utilities[classA]);
    }
}
