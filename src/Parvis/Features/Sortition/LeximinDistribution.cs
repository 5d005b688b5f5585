using Google.OrTools.LinearSolver;

namespace Parvis.Features.Sortition;

/// <summary>
/// Leximin (<c>parvis-leximin-1</c>), after Flanigan, Gölz, Gupta, Hennig, Procaccia (Nature 596, 2021) and their
/// <c>find_distribution_leximin</c>, with GLOP instead of a commercial solver: among the lotteries that maximize the
/// smallest selection probability, the one that maximizes the second smallest, and so on.
/// <list type="number">
/// <item>Column generation (<see cref="ColumnGeneration"/>) finds z, the largest minimum over the groups not yet
/// fixed, the fixed ones keeping at least their level.</item>
/// <item>Every group not yet fixed whose dual weight carries more than <see cref="TightShare"/> of the
/// normalization is fixed at z: by complementary slackness a positive weight means that no lottery of the optimum
/// gives it more. (Missing a tight group only costs one more round, where the optimum is z again.)</item>
/// <item>Repeat until every group is fixed; the portfolio grows from round to round, so each round starts from the
/// panels of the earlier ones.</item>
/// <item>The primal finds the lottery over the portfolio that meets every level, with the least shortfall.</item>
/// </list>
/// Groups no panel can hold are fixed at 0 from the start. Draws recorded with this version re-run it: the order
/// of every solver call and the tolerances are part of the version.
/// </summary>
public static class LeximinDistribution
{
    /// <summary>A group is tight when size·y exceeds this share of the normalization (Σ size·y = 1): far above
    /// GLOP's noise (about 10⁻⁹) and far below the share of a group that is really tight (at least 1/groups).</summary>
    private const double TightShare = 1e-6;

    /// <summary>Levels are kept this much below the optimum found, so that the LP's last digits never make the
    /// next rounds infeasible; it moves no lottery weight by a whole billionth on its own.</summary>
    private const double LevelSlack = 1e-9;

    /// <summary>CP-SAT searches in all rounds together.</summary>
    private const int MaxIterations = 10_000;

    public static PanelDistribution Find(PanelSolver solver)
    {
        var groups = solver.Groups;
        using var columns = new PrimalMaster(solver);
        var levels = new double?[groups.Count];
        for (var g = 0; g < groups.Count; g++)
            if (!columns.Reachable[g]) levels[g] = 0;
        var certified = true;
        while (Array.Exists(levels, l => l is null))
        {
            certified &= columns.Converge(MaxIterations);
            var level = Math.Clamp(columns.Optimum - LevelSlack, 0, 1);
            var weights = columns.Weights();
            var open = Enumerable.Range(0, groups.Count).Where(g => levels[g] is null).ToList();
            var tight = open.Where(g => groups.SizeOf(g) * weights[g] > TightShare).ToList();
            if (tight.Count == 0) tight = [open.MaxBy(g => groups.SizeOf(g) * weights[g])];
            foreach (var g in tight)
            {
                levels[g] = level;
                columns.Fix(g, level);
            }
        }
        return Primal(columns, [.. levels.Select(l => l!.Value)], certified);
    }

    /// <summary>Probabilities p per panel, Σ p = 1, every group at least its level less a shortfall s ≥ 0; minimize s.</summary>
    private static PanelDistribution Primal(ColumnGeneration columns, double[] levels, bool certified)
    {
        var groups = columns.Groups;
        var portfolio = columns.Panels;
        using var primal = Solver.CreateSolver("GLOP");
        var p = portfolio.Select((_, i) => primal.MakeNumVar(0, 1, "p" + i)).ToArray();
        var shortfall = primal.MakeNumVar(0, 1, "shortfall");
        var total = primal.MakeConstraint(1, 1, "total");
        foreach (var v in p) total.SetCoefficient(v, 1);
        for (var g = 0; g < groups.Count; g++)
        {
            if (!columns.Reachable[g]) continue;
            var row = primal.MakeConstraint(groups.SizeOf(g) * levels[g], double.PositiveInfinity, "g" + g);
            for (var i = 0; i < portfolio.Count; i++)
                if (portfolio[i][g] > 0) row.SetCoefficient(p[i], portfolio[i][g]);
            row.SetCoefficient(shortfall, groups.SizeOf(g));
        }
        primal.Objective().SetCoefficient(shortfall, 1);
        primal.Objective().SetMinimization();
        if (primal.Solve() != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException("The leximin primal has no optimal solution.");
        return columns.Distribution(p.Select(v => v.SolutionValue()), certified);
    }

    /// <summary>
    /// The master as a primal: a column per panel (its probability) and z, a row per group that some panel holds
    /// (Σ count·p − size·z ≥ 0 while open, Σ count·p ≥ size·level once fixed) and Σ p = 1; maximize z. A new panel is
    /// a new column; fixing a group changes its row.
    /// </summary>
    private sealed class PrimalMaster : ColumnGeneration
    {
        private readonly Solver _lp;
        private readonly Variable _z;
        private readonly Constraint _total;
        private readonly Constraint?[] _rows;

        public PrimalMaster(PanelSolver solver)
            : base(solver)
        {
            _lp = Solver.CreateSolver("GLOP");
            _z = _lp.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "z");
            _total = _lp.MakeConstraint(1, 1, "total");
            _rows = new Constraint?[Groups.Count];
            for (var g = 0; g < Groups.Count; g++)
            {
                if (!Reachable[g]) continue;
                _rows[g] = _lp.MakeConstraint(0, double.PositiveInfinity, "g" + g);
                _rows[g]!.SetCoefficient(_z, -Groups.SizeOf(g));
            }
            _lp.Objective().SetCoefficient(_z, 1);
            _lp.Objective().SetMaximization();
            foreach (var panel in Panels) AddColumn(panel);
        }

        /// <summary>The optimum of the last master solved: the largest minimum over the groups not fixed.</summary>
        public double Optimum => _lp.Objective().Value();

        /// <summary>Group <paramref name="g"/> leaves the minimum and keeps at least <paramref name="level"/>.</summary>
        public void Fix(int g, double level)
        {
            _rows[g]!.SetCoefficient(_z, 0);
            _rows[g]!.SetLb(Groups.SizeOf(g) * level);
        }

        // GLOP warm-starts from the last basis; on rare inputs that basis ends ABNORMAL, so the master is solved once
        // more from scratch before giving up.
        protected override bool SolveMaster()
        {
            if (_lp.Solve() == Solver.ResultStatus.OPTIMAL) return true;
            _lp.Reset();
            return _lp.Solve() == Solver.ResultStatus.OPTIMAL;
        }

        /// <summary>Minus the duals of the groups' rows (GLOP reports ∂objective/∂bound, ≤ 0 for a "≥" row of a
        /// maximization); the last digits' noise below 0 is cut.</summary>
        public override double[] Weights() => [.. _rows.Select(r => r is null ? 0 : Math.Max(0, -r.DualValue()))];

        protected override double Ceiling() => _total.DualValue();

        protected override void AddColumn(int[] panel)
        {
            var p = _lp.MakeNumVar(0, double.PositiveInfinity, "");
            _total.SetCoefficient(p, 1);
            for (var g = 0; g < panel.Length; g++)
                if (panel[g] > 0) _rows[g]!.SetCoefficient(p, panel[g]);
        }

        public override void Dispose() => _lp.Dispose();
    }
}
