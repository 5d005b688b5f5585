using Google.OrTools.LinearSolver;
using Parvis.Domain;

namespace Parvis.Features.Sortition;

/// <summary>A lottery over panels: each panel (a count per group) with its probability, and what it gives each group.</summary>
public sealed record PanelDistribution(
    IReadOnlyList<int[]> Panels,
    IReadOnlyList<double> Probabilities,
    IReadOnlyList<double> GroupProbabilities,
    bool Certified,
    int Iterations);

/// <summary>
/// Maximin by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia, "Fair algorithms for selecting
/// citizens' assemblies", Nature 596, 2021, algorithm "maximin"): find the lottery over feasible panels that
/// maximizes the smallest selection probability of anyone who can be selected at all.
/// <list type="number">
/// <item>A first portfolio of panels covers every group that some feasible panel can hold; the others can
/// never be selected (probability 0) and are left out of the minimum.</item>
/// <item>The dual of "maximize z such that every group's probability ≥ z over the portfolio" is solved with
/// GLOP: weights y per group (Σ size·y = 1) and ŷ ≥ every portfolio panel's weight, ŷ minimal.</item>
/// <item>CP-SAT finds the feasible panel of largest weight; if it weighs more than ŷ, it joins the portfolio
/// and the dual is solved again; if not, no panel can raise the minimum and the portfolio is optimal.</item>
/// <item>The primal over the final portfolio gives each panel's probability.</item>
/// </list>
/// </summary>
public static class MaximinDistribution
{
    private const double Tolerance = 1e-7;
    private const double WeightScale = 1e9;
    private const int MaxIterations = 3000;

    public static PanelDistribution Find(PanelSolver solver)
    {
        var groups = solver.Groups;
        var portfolio = new List<int[]>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var reachable = Cover(solver, portfolio, known);
        var certified = false;
        var iterations = 0;
        using (var dual = Solver.CreateSolver("GLOP"))
        {
            var y = new Variable[groups.Count];
            var normalization = dual.MakeConstraint(1, 1, "normalization");
            for (var g = 0; g < groups.Count; g++)
            {
                y[g] = dual.MakeNumVar(0, reachable[g] ? double.PositiveInfinity : 0, "y" + g);
                normalization.SetCoefficient(y[g], groups.SizeOf(g));
            }
            var ceiling = dual.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "ceiling");
            dual.Objective().SetCoefficient(ceiling, 1);
            dual.Objective().SetMinimization();
            foreach (var panel in portfolio) AddPanelRow(dual, y, ceiling, panel);
            while (iterations++ < MaxIterations)
            {
                if (dual.Solve() != Solver.ResultStatus.OPTIMAL)
                    throw new InvalidOperationException("The maximin dual has no optimal solution.");
                var weights = y.Select(v => v.SolutionValue()).ToArray();
                var best = solver.Best([.. weights.Select(w => (long)Math.Round(w * WeightScale))])
                    ?? throw new InvalidOperationException("A feasible problem has no panel.");
                var value = best.Counts.Select((n, g) => n * weights[g]).Sum();
                if (value <= ceiling.SolutionValue() + Tolerance || !known.Add(Key(best.Counts)))
                {
                    certified = best.Optimal;
                    break;
                }
                portfolio.Add(best.Counts);
                AddPanelRow(dual, y, ceiling, best.Counts);
            }
        }
        return Primal(groups, portfolio, reachable, certified, iterations);
    }

    private static bool[] Cover(PanelSolver solver, List<int[]> portfolio, HashSet<string> known)
    {
        var groups = solver.Groups;
        var covered = new bool[groups.Count];
        var reachable = new bool[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            if (covered[g]) continue;
            var panel = solver.Covering(g, [.. covered.Select(c => !c)]);
            if (panel is null) continue;
            if (known.Add(Key(panel.Counts))) portfolio.Add(panel.Counts);
            for (var h = 0; h < groups.Count; h++)
                if (panel.Counts[h] > 0) covered[h] = reachable[h] = true;
        }
        if (portfolio.Count == 0) throw new DomainException("Aucun panel ne respecte les quotas.");
        return reachable;
    }

    private static void AddPanelRow(Solver dual, Variable[] y, Variable ceiling, int[] panel)
    {
        var row = dual.MakeConstraint(double.NegativeInfinity, 0, "");
        for (var g = 0; g < panel.Length; g++)
            if (panel[g] > 0) row.SetCoefficient(y[g], panel[g]);
        row.SetCoefficient(ceiling, -1);
    }

    private static PanelDistribution Primal(PanelGroups groups, List<int[]> portfolio, bool[] reachable, bool certified, int iterations)
    {
        using var primal = Solver.CreateSolver("GLOP");
        var p = portfolio.Select((_, i) => primal.MakeNumVar(0, 1, "p" + i)).ToArray();
        var floor = primal.MakeNumVar(0, 1, "floor");
        var total = primal.MakeConstraint(1, 1, "total");
        foreach (var v in p) total.SetCoefficient(v, 1);
        for (var g = 0; g < groups.Count; g++)
        {
            if (!reachable[g]) continue;
            var row = primal.MakeConstraint(0, double.PositiveInfinity, "g" + g);
            for (var i = 0; i < portfolio.Count; i++)
                if (portfolio[i][g] > 0) row.SetCoefficient(p[i], portfolio[i][g]);
            row.SetCoefficient(floor, -groups.SizeOf(g));
        }
        primal.Objective().SetCoefficient(floor, 1);
        primal.Objective().SetMaximization();
        if (primal.Solve() != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException("The maximin primal has no optimal solution.");
        var probabilities = p.Select(v => Math.Max(0, v.SolutionValue())).ToArray();
        var sum = probabilities.Sum();
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] /= sum;
        var perGroup = new double[groups.Count];
        for (var i = 0; i < portfolio.Count; i++)
            for (var g = 0; g < groups.Count; g++)
                perGroup[g] += probabilities[i] * portfolio[i][g] / groups.SizeOf(g);
        return new PanelDistribution(portfolio, probabilities, perGroup, certified, iterations);
    }

    private static string Key(int[] counts) => string.Join(',', counts);
}
