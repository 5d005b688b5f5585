namespace Parvis.Features.Budgets;

/// <summary>
/// One run of equal shares with a fixed budget per voter. Voters holding the same amount are one "value" (an index
/// into <see cref="_values"/>), so a project's supporters are counted per (value, utility) before any exact
/// arithmetic: the fractions are computed once per distinct amount, not once per voter. A project's price per
/// utility only rises from round to round (budgets only fall), so the last price computed is a lower bound and only
/// the projects whose bound is not above the best price of the round are recomputed (as pabutools does).
/// </summary>
internal sealed class EqualSharesRun
{
    private readonly BudgetProblem _problem;
    private readonly bool _explain;
    private readonly List<Rational> _values = [];
    private readonly List<double> _approximations = [];
    private readonly Dictionary<Rational, int> _valueIds = [];
    private readonly int[] _voterValue;
    private readonly int[][] _supporters;
    private readonly int[][] _utilityClass;
    private readonly Rational[] _utilities;
    private readonly Rational[] _totalUtility;
    private long[] _counts = [];
    private readonly List<int> _touched = [];

    private EqualSharesRun(BudgetProblem problem, Rational perVoter, bool explain)
    {
        _problem = problem;
        _explain = explain;
        _voterValue = new int[problem.Ballots.Count];
        Array.Fill(_voterValue, ValueId(perVoter));
        var classes = new Dictionary<Rational, int>();
        var supporters = problem.Projects.Select(_ => new List<int>()).ToArray();
        var utilityClass = problem.Projects.Select(_ => new List<int>()).ToArray();
        for (var v = 0; v < problem.Ballots.Count; v++)
        {
            var ballot = problem.Ballots[v];
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                var utility = ballot.UtilityAt(k);
                if (utility.IsZero) continue;
                if (!classes.TryGetValue(utility, out var c)) classes[utility] = c = classes.Count;
                supporters[ballot.Projects[k]].Add(v);
                utilityClass[ballot.Projects[k]].Add(c);
            }
        }
        _supporters = [.. supporters.Select(s => s.ToArray())];
        _utilityClass = [.. utilityClass.Select(s => s.ToArray())];
        _utilities = new Rational[classes.Count];
        foreach (var (utility, c) in classes) _utilities[c] = utility;
        _totalUtility = [.. problem.Scores];
    }

    /// <summary>The winners in the order chosen; nothing else recorded.</summary>
    public static List<int> Select(BudgetProblem problem, Rational perVoter) =>
        new EqualSharesRun(problem, perVoter, explain: false).Count(null, null);

    /// <summary>The same count, every price recomputed each round to record the rounds and the losers' reasons.</summary>
    public static EqualSharesOutcome Explain(BudgetProblem problem, Rational perVoter, int unitsAdded)
    {
        var rounds = new List<EqualSharesRound>();
        var losses = new List<EqualSharesLoss>();
        var selected = new EqualSharesRun(problem, perVoter, explain: true).Count(rounds, losses);
        losses.Sort((a, b) => a.Round != b.Round ? a.Round.CompareTo(b.Round) : problem.TieOrder(a.Project, b.Project));
        return new EqualSharesOutcome(selected, EqualSharesRule.Cost(problem, selected), perVoter, unitsAdded, rounds,
            losses);
    }

    private int ValueId(Rational value)
    {
        if (_valueIds.TryGetValue(value, out var id)) return id;
        _valueIds[value] = id = _values.Count;
        _values.Add(value);
        _approximations.Add(Approximate(value));
        return id;
    }

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
                bound[p] = _problem.Projects[p].Cost / _totalUtility[p];
                remaining.Add(p);
            }
        }
        var selected = new List<int>();
        while (remaining.Count > 0)
        {
            remaining.Sort((a, b) => bound[a] != bound[b] ? bound[a].CompareTo(bound[b]) : _problem.TieOrder(a, b));
            int? best = null;
            var money = new Dictionary<int, Rational>();
            foreach (var p in remaining.ToList())
            {
                if (!_explain && best is { } b && bound[p] > bound[b]) break;
                var (supportersMoney, price) = Afford(p);
                money[p] = supportersMoney;
                if (price is not { } rho)
                {
                    remaining.Remove(p);
                    losses?.Add(new EqualSharesLoss(p, selected.Count, supportersMoney, _problem.Projects[p].Cost));
                    continue;
                }
                bound[p] = rho;
                if (best is not { } current || rho < bound[current]
                    || (rho == bound[current] && _problem.TieOrder(p, current) < 0))
                    best = p;
            }
            if (best is not { } winner) break;
            remaining.Remove(winner);
            selected.Add(winner);
            var payments = Pay(winner, bound[winner]);
            rounds?.Add(new EqualSharesRound(winner, bound[winner], payments!, money[winner]));
        }
        return selected;
    }

    /// <summary>
    /// What the project's supporters have left in all, and the lowest price per utility at which they can pay its
    /// cost (each paying price × utility, or all they have when that is less); no price when they cannot.
    /// </summary>
    private (Rational Money, Rational? Price) Afford(int project)
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
        var groups = _touched.Select(key => (Value: key / classes, Class: key % classes, Count: _counts[key])).ToList();
        foreach (var key in _touched) _counts[key] = 0;
        _touched.Clear();
        var money = Rational.Zero;
        foreach (var group in groups) money += _values[group.Value] * group.Count;
        var cost = _problem.Projects[project].Cost;
        if (money < cost) return (money, null);
        groups.Sort((x, y) => CompareRatio(x.Value, x.Class, y.Value, y.Class));
        var paid = Rational.Zero;
        var utility = _totalUtility[project];
        foreach (var (value, c, count) in groups)
        {
            var price = (cost - paid) / utility;
            if (price * _utilities[c] <= _values[value]) return (money, price);
            paid += _values[value] * count;
            utility -= _utilities[c] * count;
        }
        throw new InvalidOperationException("The supporters' money covers the cost, so some price must do.");
    }

    /// <summary>Budget / utility order; doubles only when they are far enough apart that rounding cannot matter.</summary>
    private int CompareRatio(int valueA, int classA, int valueB, int classB)
    {
        if (valueA == valueB && classA == classB) return 0;
        var a = _approximations[valueA] / _utilities[classA].ToDouble();
        var b = _approximations[valueB] / _utilities[classB].ToDouble();
        if (Math.Abs(a - b) > 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)))
            return a.CompareTo(b);
        return (_values[valueA] * _utilities[classB]).CompareTo(_values[valueB] * _utilities[classA]);
    }

    private List<Payment>? Pay(int project, Rational price)
    {
        var moved = new Dictionary<(int Value, int Class), (int Value, Rational Amount)>();
        var paidBy = _explain ? new Dictionary<Rational, List<int>>() : null;
        var supporters = _supporters[project];
        var utilityClass = _utilityClass[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            var voter = supporters[i];
            var from = (_voterValue[voter], utilityClass[i]);
            if (!moved.TryGetValue(from, out var to))
            {
                var amount = Rational.Min(_values[from.Item1], price * _utilities[from.Item2]);
                moved[from] = to = (ValueId(_values[from.Item1] - amount), amount);
            }
            _voterValue[voter] = to.Value;
            if (paidBy is null) continue;
            if (!paidBy.TryGetValue(to.Amount, out var voters)) paidBy[to.Amount] = voters = [];
            voters.Add(voter);
        }
        return paidBy?.OrderByDescending(p => p.Key).Select(p => new Payment(p.Key, p.Value)).ToList();
    }

    private static double Approximate(Rational value) => value.ToDouble();
}
