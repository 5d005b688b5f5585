using System.Globalization;
using Parvis.Domain;

namespace Parvis.Features.Sortition;

/// <summary>The outcome of a draw: the selected people (in pool order), everyone's selection probability
/// (in pool order), their minimum over the people who can be selected at all, and the spread.</summary>
public sealed record DrawResult(
    IReadOnlyList<string> Selected,
    IReadOnlyList<double> Probabilities,
    double Minimum,
    double Maximum,
    int Unselectable,
    int PanelsInLottery,
    bool Certified,
    string Algorithm)
{
    /// <summary>Highest minus lowest probability among the people who can be selected.</summary>
    public double Spread => Maximum - Minimum;
}

/// <summary>
/// A fair draw: the leximin lottery over feasible panels (<see cref="LeximinDistribution"/>; draws recorded with
/// <see cref="Maximin"/> re-run <see cref="MaximinDistribution"/>), then one panel taken from it with
/// <see cref="LotteryRandom"/>, then the people inside each group chosen uniformly.
/// The same problem and seed give the same panel: solvers run on one thread with fixed parameters, panels are
/// sorted before the lottery and their probabilities rounded to whole billionths, so that a last-digit
/// difference of floating point cannot move the draw.
/// </summary>
public static class FairDraw
{
    /// <summary>Leximin (docs/SORTITION.md): the algorithm of new draws.</summary>
    public const string Leximin = "parvis-leximin-1";

    /// <summary>Maximin, the algorithm of the draws committed before leximin: they keep re-running with it.</summary>
    public const string Maximin = "parvis-maximin-1";

    /// <summary>The version of new draws. Printed with every result and published with every draw; a version
    /// changes whenever the same input and seed could give another panel.</summary>
    public const string AlgorithmVersion = Leximin;

    /// <summary>The version an algorithm's short name (<c>leximin</c>, <c>maximin</c>) or full version stands
    /// for, or null when it names none.</summary>
    public static string? VersionOf(string name) => name switch
    {
        "leximin" or Leximin => Leximin,
        "maximin" or Maximin => Maximin,
        _ => null,
    };

    /// <summary>The short name of a version, as the command's <c>--algorithm</c> takes it.</summary>
    public static string NameOf(string version) => version == Maximin ? "maximin" : "leximin";

    private const long Resolution = 1_000_000_000;

    /// <summary>Draws with <paramref name="algorithm"/> (a version; new draws use <see cref="AlgorithmVersion"/>).</summary>
    public static DrawResult Run(SortitionProblem problem, string seed, string algorithm = AlgorithmVersion)
    {
        if (VersionOf(algorithm) != algorithm)
            throw DomainException.WithValues("L'algorithme « {0} » est inconnu : {1} ou {2}.", algorithm, Leximin, Maximin);
        var solver = EnsureFeasible(problem);
        var groups = solver.Groups;
        var distribution = algorithm == Maximin ? MaximinDistribution.Find(solver) : LeximinDistribution.Find(solver);
        var random = new LotteryRandom(seed);
        var panel = Pick(distribution, random);
        var selected = new List<int>();
        for (var g = 0; g < groups.Count; g++) selected.AddRange(Choose(groups.Members[g], panel[g], random));
        selected.Sort();
        var probabilities = new double[problem.People.Count];
        for (var g = 0; g < groups.Count; g++)
            foreach (var person in groups.Members[g]) probabilities[person] = distribution.GroupProbabilities[g];
        var selectable = probabilities.Where(p => p > 1e-9).DefaultIfEmpty(0).ToList();
        return new DrawResult(
            [.. selected.Select(i => problem.People[i].Id)],
            probabilities,
            selectable.Min(),
            selectable.Max(),
            probabilities.Count(p => p <= 1e-9),
            distribution.Probabilities.Count(p => p > 0),
            distribution.Certified,
            algorithm);
    }

    /// <summary>Checks the problem and that some panel meets its quotas; the message names the quotas in conflict.</summary>
    public static PanelSolver EnsureFeasible(SortitionProblem problem)
    {
        problem.Validate();
        var solver = new PanelSolver(PanelGroups.Of(problem));
        return solver.IsFeasible() ? solver : throw Infeasible(solver);
    }

    private static int[] Pick(PanelDistribution distribution, LotteryRandom random)
    {
        var lottery = distribution.Panels
            .Select((panel, i) => (panel, weight: (long)Math.Round(distribution.Probabilities[i] * Resolution)))
            .Where(x => x.weight > 0)
            .OrderBy(x => x.panel, PanelOrder.Instance)
            .ToList();
        var ticket = (long)random.NextBelow((ulong)lottery.Sum(x => x.weight));
        foreach (var (panel, weight) in lottery)
        {
            if (ticket < weight) return panel;
            ticket -= weight;
        }
        throw new InvalidOperationException("The lottery ticket fell outside the lottery.");
    }

    /// <summary><paramref name="count"/> of the members, uniformly: the first steps of a Fisher–Yates shuffle.</summary>
    private static IEnumerable<int> Choose(List<int> members, int count, LotteryRandom random)
    {
        var order = members.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextBelow(order.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count);
    }

    /// <summary>
    /// A smallest set of quotas that no panel can meet together (a deletion filter: each quota is dropped in turn
    /// and stays out when the rest is still infeasible), empty when the panel size or households alone are the cause.
    /// </summary>
    public static IReadOnlyList<Quota> ConflictingQuotas(PanelSolver solver)
    {
        var count = solver.Groups.Problem.Quotas.Count;
        var kept = new HashSet<int>(Enumerable.Range(0, count));
        if (!solver.IsFeasible(new HashSet<int>())) return [];
        for (var q = 0; q < count; q++)
        {
            kept.Remove(q);
            if (solver.IsFeasible(kept)) kept.Add(q);
        }
        return [.. kept.Order().Select(q => solver.Groups.Problem.Quotas[q])];
    }

    private static DomainException Infeasible(PanelSolver solver)
    {
        var problem = solver.Groups.Problem;
        var conflict = ConflictingQuotas(solver);
        if (conflict.Count == 0)
            return DomainException.WithValues(
                "Aucun panel de {0} personnes n'est possible avec une personne par foyer : le vivier compte trop peu de foyers.",
                problem.PanelSize);
        var described = string.Join(" ; ", conflict.Select(q =>
            string.Format(CultureInfo.InvariantCulture, "{0} [{1} dans le vivier]", q.Describe(), problem.PoolCount(q))));
        return DomainException.WithValues(
            "Ces quotas ne peuvent pas être respectés ensemble pour un panel de {0} personnes : {1}.", problem.PanelSize, described);
    }

    private sealed class PanelOrder : IComparer<int[]>
    {
        public static readonly PanelOrder Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
                if (x[i] != y![i]) return x[i].CompareTo(y[i]);
            return 0;
        }
    }
}
