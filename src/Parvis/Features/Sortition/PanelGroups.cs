namespace Parvis.Features.Sortition;

/// <summary>
/// The pool cut into groups of interchangeable people: same value for every feature and no other member of
/// their household in the pool (when one per household is asked, a person sharing a household is a group
/// alone). A panel is then a count per group, which makes the solvers' problems a few hundred variables
/// instead of one per person; every member of a group gets the same probability, which loses nothing for
/// maximin (averaging any distribution over the permutations inside groups keeps its quotas and its minimum).
/// Groups are ordered by their first member's place in the pool, members by their place: a stable order.
/// </summary>
public sealed class PanelGroups
{
    private PanelGroups(SortitionProblem problem, List<List<int>> members, List<int[]> quotasOf, List<int[]> households)
    {
        Problem = problem;
        Members = members;
        QuotasOf = quotasOf;
        Households = households;
    }

    public SortitionProblem Problem { get; }

    /// <summary>Each group's members, as indexes into the pool.</summary>
    public IReadOnlyList<List<int>> Members { get; }

    /// <summary>Each group's quotas, as indexes into <see cref="SortitionProblem.Quotas"/>.</summary>
    public IReadOnlyList<int[]> QuotasOf { get; }

    /// <summary>Households with several people in the pool, as the groups (of one person each) they hold.</summary>
    public IReadOnlyList<int[]> Households { get; }

    public int Count => Members.Count;

    public int SizeOf(int group) => Members[group].Count;

    public static PanelGroups Of(SortitionProblem problem)
    {
        var quotaIndex = new Dictionary<(string, string), int>();
        for (var q = 0; q < problem.Quotas.Count; q++) quotaIndex[(problem.Quotas[q].Feature, problem.Quotas[q].Value)] = q;
        var householdSizes = problem.OnePerHousehold
            ? problem.People.GroupBy(p => HouseholdKey(p.Household!)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)
            : [];
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        var quotasOf = new List<int[]>();
        var householdGroups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < problem.People.Count; i++)
        {
            var person = problem.People[i];
            var household = problem.OnePerHousehold ? HouseholdKey(person.Household!) : null;
            var shared = household is not null && householdSizes[household] > 1;
            var key = shared ? "\u0001" + i : string.Join('\u0000', person.Values);
            if (!byKey.TryGetValue(key, out var group))
            {
                group = members.Count;
                byKey[key] = group;
                members.Add([]);
                quotasOf.Add([.. problem.Features.Select((f, k) => quotaIndex[(f, person.Values[k])])]);
            }
            members[group].Add(i);
            if (shared)
            {
                if (!householdGroups.TryGetValue(household!, out var list)) householdGroups[household!] = list = [];
                list.Add(group);
            }
        }
        return new PanelGroups(problem, members, quotasOf, [.. householdGroups.Values.Select(l => l.ToArray())]);
    }

    /// <summary>Two addresses are the same household when they differ only by case and spaces.</summary>
    public static string HouseholdKey(string address) =>
        string.Join(' ', address.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
