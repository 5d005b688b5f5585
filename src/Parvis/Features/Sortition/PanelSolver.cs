using Google.OrTools.Sat;

namespace Parvis.Features.Sortition;

/// <summary>
/// Finds feasible panels with CP-SAT: a count per group (0…size), the panel size, every quota's min and max,
/// at most one person per shared household. Runs are deterministic: one worker, a fixed random seed, and a
/// deterministic time limit (a count of work, not of seconds) so the same input gives the same panel on any
/// machine with the same OR-Tools version.
/// </summary>
public sealed class PanelSolver(PanelGroups groups)
{
    private const string Parameters = "num_workers:1 random_seed:7 log_search_progress:false max_deterministic_time:";

    /// <summary>A panel as a count per group.</summary>
    public sealed record Panel(int[] Counts, bool Optimal);

    public PanelGroups Groups { get; } = groups;

    /// <summary>Whether some panel meets the panel size, household rule and the given quotas (all when null).</summary>
    public bool IsFeasible(IReadOnlySet<int>? quotas = null) => Solve(quotas, null, null) is not null;

    /// <summary>The panel that maximizes Σ weight × count (weights scaled to integers), or null when none exists.</summary>
    public Panel? Best(IReadOnlyList<long> weights) => Solve(null, weights, null);

    /// <summary>A panel holding someone of <paramref name="group"/> and as many of the <paramref name="wanted"/>
    /// groups as it can (to find a panel for every group in few runs), or null when no panel can hold them.</summary>
    public Panel? Covering(int group, IReadOnlyList<bool> wanted) => Solve(null, null, (group, wanted));

    private Panel? Solve(IReadOnlySet<int>? quotas, IReadOnlyList<long>? weights, (int Group, IReadOnlyList<bool> Wanted)? cover)
    {
        var problem = Groups.Problem;
        var model = new CpModel();
        var counts = new IntVar[Groups.Count];
        for (var g = 0; g < Groups.Count; g++) counts[g] = model.NewIntVar(0, Groups.SizeOf(g), "n" + g);
        model.Add(LinearExpr.Sum(counts) == problem.PanelSize);
        for (var q = 0; q < problem.Quotas.Count; q++)
        {
            if (quotas is not null && !quotas.Contains(q)) continue;
            var holders = new List<IntVar>();
            for (var g = 0; g < Groups.Count; g++)
                if (Groups.QuotasOf[g].Contains(q)) holders.Add(counts[g]);
            model.AddLinearConstraint(LinearExpr.Sum(holders), problem.Quotas[q].Min, problem.Quotas[q].Max);
        }
        foreach (var household in Groups.Households)
            model.Add(LinearExpr.Sum(household.Select(g => counts[g])) <= 1);
        if (weights is not null) model.Maximize(LinearExpr.WeightedSum(counts, weights));
        if (cover is { } c)
        {
            model.Add(counts[c.Group] >= 1);
            var touched = new List<LinearExpr>();
            for (var g = 0; g < Groups.Count; g++)
            {
                if (!c.Wanted[g] || g == c.Group) continue;
                var b = model.NewBoolVar("t" + g);
                model.Add(counts[g] >= b);
                touched.Add(b);
            }
            model.Maximize(LinearExpr.Sum(touched));
        }
        var solver = new CpSolver
        {
            StringParameters = Parameters + (cover is null ? "60" : "5"),
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        return new Panel([.. counts.Select(v => (int)solver.Value(v))], status == CpSolverStatus.Optimal);
    }
}
