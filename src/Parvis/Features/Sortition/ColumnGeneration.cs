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
/// The column generation shared by maximin and leximin (Flanigan et al., Nature 596, 2021): a portfolio of feasible
/// panels, a restricted master LP over it (GLOP) that gives a weight y ≥ 0 per group and a ceiling ŷ, and CP-SAT
/// looking for the feasible panel of largest weight; while one weighs more than ŷ it joins the portfolio and the
/// master is solved again. The master is "maximize z such that every group not yet fixed has probability ≥ z and
/// every fixed group keeps its level"; y are the duals of the groups' rows (Σ size·y = 1 over the groups not
/// fixed), ŷ the dual of Σ p = 1. Every step runs in the same order on the same input, so the portfolio and the
/// LP solutions are reproducible.
/// </summary>
internal abstract class ColumnGeneration : IDisposable
{
    /// <summary>A panel must weigh more than ŷ by this much to join: below, it could not raise the optimum by more
    /// than the LP's own precision.</summary>
    private const double Tolerance = 1e-7;

    /// <summary>Weights are scaled to integers for CP-SAT.</summary>
    private const double WeightScale = 1e9;

    private readonly PanelSolver _solver;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<int[]> _panels = [];

    /// <summary>Finds a first portfolio; the subclass then builds its master over <see cref="Panels"/>.</summary>
    protected ColumnGeneration(PanelSolver solver)
    {
        _solver = solver;
        Groups = solver.Groups;
        Reachable = Cover();
    }

    public PanelGroups Groups { get; }

    /// <summary>The panels found so far, in the order they were found.</summary>
    public IReadOnlyList<int[]> Panels => _panels;

    /// <summary>Whether some feasible panel holds the group; the others can never be selected.</summary>
    public bool[] Reachable { get; }

    /// <summary>How many times CP-SAT was asked for the heaviest panel.</summary>
    public int Iterations { get; private set; }

    /// <summary>Solves the master on the current portfolio; false when it has no optimal solution.</summary>
    protected abstract bool SolveMaster();

    /// <summary>The groups' weights y in the last master solved (0 for the groups no panel holds).</summary>
    public abstract double[] Weights();

    /// <summary>ŷ in the last master solved: a panel heavier than it would raise the optimum.</summary>
    protected abstract double Ceiling();

    /// <summary>Adds a panel of the portfolio to the master.</summary>
    protected abstract void AddColumn(int[] panel);

    /// <summary>
    /// Adds panels until none weighs more than ŷ, or until <paramref name="limit"/> searches were made in all; the
    /// master is then solved on the final portfolio. True when the last search proved that no panel is heavier.
    /// </summary>
    public bool Converge(int limit)
    {
        while (true)
        {
            if (!SolveMaster()) throw new InvalidOperationException("The fair lottery's master LP has no optimal solution.");
            if (Iterations >= limit) return false;
            Iterations++;
            var weights = Weights();
            var best = _solver.Best([.. weights.Select(w => (long)Math.Round(w * WeightScale))])
                ?? throw new InvalidOperationException("A feasible problem has no panel.");
            var value = best.Counts.Select((n, g) => n * weights[g]).Sum();
            if (value <= Ceiling() + Tolerance || !_known.Add(Key(best.Counts))) return best.Optimal;
            _panels.Add(best.Counts);
            AddColumn(best.Counts);
        }
    }

    /// <summary>The lottery from the raw panel probabilities of a final LP: clipped at 0, made to add up to 1.</summary>
    public PanelDistribution Distribution(IEnumerable<double> raw, bool certified)
    {
        var probabilities = raw.Select(v => Math.Max(0, v)).ToArray();
        var sum = probabilities.Sum();
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] /= sum;
        var perGroup = new double[Groups.Count];
        for (var i = 0; i < _panels.Count; i++)
            for (var g = 0; g < Groups.Count; g++)
                perGroup[g] += probabilities[i] * _panels[i][g] / Groups.SizeOf(g);
        return new PanelDistribution(_panels, probabilities, perGroup, certified, Iterations);
    }

    public abstract void Dispose();

    /// <summary>A first portfolio: for each group not yet covered, a panel holding it and as many others as it can.</summary>
    private bool[] Cover()
    {
        var covered = new bool[Groups.Count];
        var reachable = new bool[Groups.Count];
        for (var g = 0; g < Groups.Count; g++)
        {
            if (covered[g]) continue;
            var panel = _solver.Covering(g, [.. covered.Select(c => !c)]);
            if (panel is null) continue;
            if (_known.Add(Key(panel.Counts))) _panels.Add(panel.Counts);
            for (var h = 0; h < Groups.Count; h++)
                if (panel.Counts[h] > 0) covered[h] = reachable[h] = true;
        }
        if (_panels.Count == 0) throw new DomainException("Aucun panel ne respecte les quotas.");
        return reachable;
    }

    private static string Key(int[] counts) => string.Join(',', counts);
}
