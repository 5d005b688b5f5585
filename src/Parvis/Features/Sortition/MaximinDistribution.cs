using Google.OrTools.LinearSolver;

namespace Parvis.Features.Sortition;

/// <summary>
/// Maximin (<c>parvis-maximin-1</c>) by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia, "Fair
/// algorithms for selecting citizens' assemblies", Nature 596, 2021, algorithm "maximin"): find the lottery over
/// feasible panels that maximizes the smallest selection probability of anyone who can be selected at all.
/// <list type="number">
/// <item>A first portfolio of panels covers every group that some feasible panel can hold; the others can
/// never be selected (probability 0) and are left out of the minimum.</item>
/// <item>The dual of "maximize z such that every group's probability ≥ z over the portfolio" is solved with
/// GLOP (weights y per group, Σ size·y = 1, and the least ŷ above every portfolio panel's weight), and CP-SAT adds
/// the heaviest panel while it weighs more than ŷ (<see cref="ColumnGeneration"/>).</item>
/// <item>The primal over the final portfolio gives each panel's probability.</item>
/// </list>
/// Draws recorded with this version re-run it: the order of every solver call is part of the version.
/// </summary>
public static class MaximinDistribution
{
    private const int MaxIterations = 3000;

    public static PanelDistribution Find(PanelSolver solver)
    {
        using var columns = new DualMaster(solver);
        var certified = columns.Converge(MaxIterations);
        var groups = solver.Groups;
        var portfolio = columns.Panels;
        using var primal = Solver.CreateSolver("GLOP");
        var p = portfolio.Select((_, i) => primal.MakeNumVar(0, 1, "p" + i)).ToArray();
        var floor = primal.MakeNumVar(0, 1, "floor");
        var total = primal.MakeConstraint(1, 1, "total");
        foreach (var v in p) total.SetCoefficient(v, 1);
        for (var g = 0; g < groups.Count; g++)
        {
            if (!columns.Reachable[g]) continue;
            var row = primal.MakeConstraint(0, double.PositiveInfinity, "g" + g);
            for (var i = 0; i < portfolio.Count; i++)
                if (portfolio[i][g] > 0) row.SetCoefficient(p[i], portfolio[i][g]);
            row.SetCoefficient(floor, -groups.SizeOf(g));
        }
        primal.Objective().SetCoefficient(floor, 1);
        primal.Objective().SetMaximization();
        if (primal.Solve() != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException("The maximin primal has no optimal solution.");
        return columns.Distribution(p.Select(v => v.SolutionValue()), certified);
    }

    /// <summary>The master as maximin has always solved it: its dual, one row per panel.</summary>
    private sealed class DualMaster : ColumnGeneration
    {
        private readonly Solver _dual;
        private readonly Variable[] _y;
        private readonly Variable _ceiling;

        public DualMaster(PanelSolver solver)
            : base(solver)
        {
            _dual = Solver.CreateSolver("GLOP");
            _y = new Variable[Groups.Count];
            var normalization = _dual.MakeConstraint(1, 1, "normalization");
            for (var g = 0; g < Groups.Count; g++)
            {
                _y[g] = _dual.MakeNumVar(0, Reachable[g] ? double.PositiveInfinity : 0, "y" + g);
                normalization.SetCoefficient(_y[g], Groups.SizeOf(g));
            }
            _ceiling = _dual.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "ceiling");
            _dual.Objective().SetCoefficient(_ceiling, 1);
            _dual.Objective().SetMinimization();
            foreach (var panel in Panels) AddColumn(panel);
        }

        // GLOP warm-starts from the last basis; on rare inputs that basis ends ABNORMAL, so the master is solved once
        // more from scratch before giving up.
        protected override bool SolveMaster()
        {
            if (_dual.Solve() == Solver.ResultStatus.OPTIMAL) return true;
            _dual.Reset();
            return _dual.Solve() == Solver.ResultStatus.OPTIMAL;
        }

        public override double[] Weights() => [.. _y.Select(v => v.SolutionValue())];

        protected override double Ceiling() => _ceiling.SolutionValue();

        protected override void AddColumn(int[] panel)
        {
            var row = _dual.MakeConstraint(double.NegativeInfinity, 0, "");
            for (var g = 0; g < panel.Length; g++)
                if (panel[g] > 0) row.SetCoefficient(_y[g], panel[g]);
            row.SetCoefficient(_ceiling, -1);
        }

        public override void Dispose() => _dual.Dispose();
    }
}
