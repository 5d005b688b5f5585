namespace Parvis.Features.Budgets;

/// <summary>
/// One run of equal shares for the completion's search, in doubles with proven bounds: what each ballot still holds
/// and each price are intervals [lo, hi] that contain the exact value (every result moved outwards by more than its
/// rounding error can be), and a decision is taken only when the intervals prove it: a project is affordable when the
/// least its supporters can hold covers the most its cost can be; one wins when the highest its price can be is below
/// the lowest of every other. When they cannot (an exact tie, amounts too close), <see cref="Select"/> returns null and
/// the exact run decides: so the winners are those of <see cref="EqualSharesRun.Select"/>, in the same order.
/// </summary>
internal sealed class EqualSharesQuickRun
{
    /// <summary>2^-52: twice the relative error of one rounding.</summary>
    private const double Unit = 1.0 / (1L << 52);

    /// <summary>Relative margin of a conversion from a fraction (a few roundings at most).</summary>
    private const double Conversion = 8 * Unit;

    private static readonly double[] Widenings = [1e-13, 1e-10, 1e-7];

    private readonly BudgetProblem _problem;
    private readonly EqualSharesBallots _ballots;
    private readonly double[] _lo;
    private readonly double[] _hi;
    private readonly (double Lo, double Hi)[] _costs;

    private EqualSharesQuickRun(BudgetProblem problem, EqualSharesBallots ballots, (double Lo, double Hi) perVoter)
    {
        _problem = problem;
        _ballots = ballots;
        _lo = new double[ballots.Weights.Length];
        _hi = new double[ballots.Weights.Length];
        Array.Fill(_lo, perVoter.Lo);
        Array.Fill(_hi, perVoter.Hi);
        _costs = [.. problem.Projects.Select(p => Bounds(p.Cost))];
    }

    /// <summary>The winners in the order chosen, or null when the bounds cannot decide some step.</summary>
    public static List<int>? Select(BudgetProblem problem, EqualSharesBallots ballots, Rational perVoter)
    {
        if (perVoter.Sign <= 0 || problem.Projects.Any(p => p.Cost.Sign <= 0)) return null;
        var bounds = Bounds(perVoter);
        if (!double.IsFinite(bounds.Hi) || bounds.Lo <= 0) return null;
        var run = new EqualSharesQuickRun(problem, ballots, bounds);
        return run._costs.All(c => double.IsFinite(c.Hi) && c.Lo > 0) ? run.Count() : null;
    }

    private static (double Lo, double Hi) Bounds(Rational value)
    {
        var x = (double)value.Numerator / (double)value.Denominator;
        return (x * (1 - Conversion), x * (1 + Conversion));
    }

    private List<int>? Count()
    {
        var projects = _problem.Projects.Count;
        var bound = new double[projects];
        var remaining = Enumerable.Range(0, projects).Where(p => _ballots.Supporters[p].Length > 0).ToList();
        var selected = new List<int>();
        var candidates = new List<(int Project, double Lo, double Hi)>();
        while (remaining.Count > 0)
        {
            remaining.Sort((a, b) => bound[a].CompareTo(bound[b]));
            candidates.Clear();
            var bestHi = double.PositiveInfinity;
            foreach (var p in remaining.ToList())
            {
                // A price never falls from one round to the next: above the best's highest, p cannot win nor tie.
                if (bound[p] > bestHi) break;
                var affordable = Afford(p, bound[p], out var price);
                if (affordable is null) return null;
                if (affordable == false)
                {
                    remaining.Remove(p);
                    continue;
                }
                bound[p] = price.Lo;
                candidates.Add((p, price.Lo, price.Hi));
                bestHi = Math.Min(bestHi, price.Hi);
            }
            if (candidates.Count == 0) break;
            var winner = candidates.MinBy(c => c.Hi);
            if (candidates.Any(c => c.Project != winner.Project && c.Lo <= winner.Hi)) return null;
            remaining.Remove(winner.Project);
            selected.Add(winner.Project);
            Pay(winner.Project, winner.Lo, winner.Hi);
        }
        return selected;
    }

    /// <summary>
    /// False when the supporters cannot pay the cost, true with the bounds of the lowest price per unit of utility
    /// at which they can (each paying price × utility or all they hold), null when the bounds cannot tell.
    /// </summary>
    private bool? Afford(int project, double bound, out (double Lo, double Hi) price)
    {
        price = default;
        var supporters = _ballots.Supporters[project];
        var weights = _ballots.Weights;
        var least = new Sum();
        var most = new Sum();
        foreach (var g in supporters)
        {
            least.Add(weights[g] * _lo[g]);
            most.Add(weights[g] * _hi[g]);
        }
        var cost = _costs[project];
        if (most.Most < cost.Lo) return false;
        if (least.Least < cost.Hi) return null;
        var estimateHi = Estimate(project, _lo, cost.Hi, Math.Max(bound, cost.Hi / _ballots.TotalUtility[project]));
        var estimateLo = Estimate(project, _hi, cost.Lo, estimateHi);
        double lo = double.NaN, hi = double.NaN;
        foreach (var widening in Widenings)
        {
            var above = estimateHi * (1 + widening);
            if (double.IsNaN(hi) && Paid(project, _lo, above).Least >= cost.Hi) hi = above;
            var below = estimateLo * (1 - widening);
            if (double.IsNaN(lo) && Paid(project, _hi, below).Most <= cost.Lo) lo = below;
        }
        if (double.IsNaN(lo) || double.IsNaN(hi)) return null;
        price = (lo, hi);
        return true;
    }

    /// <summary>
    /// Close to the price (then proven by <see cref="Paid"/>): what is paid at a price, Σ weight × min(held, price ×
    /// utility), is concave and piecewise linear in the price, so Newton's steps from below (starting at the price
    /// if nobody ran out) climb to it in a few passes, with no sorting.
    /// </summary>
    private double Estimate(int project, double[] held, double cost, double price)
    {
        var supporters = _ballots.Supporters[project];
        var utilities = _ballots.Utilities[project];
        var weights = _ballots.Weights;
        for (var step = 0; step < 64; step++)
        {
            double paid = 0, slope = 0;
            for (var i = 0; i < supporters.Length; i++)
            {
                var g = supporters[i];
                var asked = price * utilities[i];
                if (held[g] > asked)
                {
                    paid += weights[g] * asked;
                    slope += weights[g] * utilities[i];
                }
                else paid += weights[g] * held[g];
            }
            if (slope <= 0) break;
            var next = price + (cost - paid) / slope;
            // After the first step every exact step climbs: one that does not is rounding noise at the price.
            if (step > 0 && next <= price * (1 + 2 * Unit)) break;
            price = next;
        }
        return price;
    }

    /// <summary>What the supporters pay in all at this price, each holding <paramref name="held"/> (rounded).</summary>
    private Sum Paid(int project, double[] held, double price)
    {
        var supporters = _ballots.Supporters[project];
        var utilities = _ballots.Utilities[project];
        var paid = new Sum();
        for (var i = 0; i < supporters.Length; i++)
            paid.Add(_ballots.Weights[supporters[i]] * Math.Min(held[supporters[i]], price * utilities[i]));
        return paid;
    }

    /// <summary>
    /// A sum of terms at or above zero, each rounded by one or two operations, added with Neumaier's compensation:
    /// the exact sum of the exact terms is within 16 units of the last place of it (4 would do, for n below 2^40).
    /// </summary>
    private struct Sum
    {
        private double _sum;
        private double _compensation;

        public void Add(double term)
        {
            var total = _sum + term;
            _compensation += Math.Abs(_sum) >= Math.Abs(term) ? _sum - total + term : term - total + _sum;
            _sum = total;
        }

        public readonly double Least => (_sum + _compensation) * (1 - 16 * Unit);

        public readonly double Most => (_sum + _compensation) * (1 + 16 * Unit);
    }

    /// <summary>Each supporter pays price × utility or all they hold: left, max(0, held − price × utility).</summary>
    private void Pay(int project, double priceLo, double priceHi)
    {
        var supporters = _ballots.Supporters[project];
        var utilities = _ballots.Utilities[project];
        for (var i = 0; i < supporters.Length; i++)
        {
            var g = supporters[i];
            var most = priceHi * utilities[i];
            var least = priceLo * utilities[i];
            _lo[g] = Math.Max(0, _lo[g] - most - 2 * Unit * (_lo[g] + most));
            _hi[g] = Math.Max(0, _hi[g] - least + 2 * Unit * (_hi[g] + least));
        }
    }
}
