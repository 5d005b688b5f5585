using Parvis.Domain;

namespace Parvis.Features.Sortition;

/// <summary>One person of the pool: an identifier, one value per feature (in the order of
/// <see cref="SortitionProblem.Features"/>) and, when one person per household is asked, their household.</summary>
public sealed record PoolPerson(string Id, IReadOnlyList<string> Values, string? Household = null);

/// <summary>How many people of the panel may have <paramref name="Value"/> for <paramref name="Feature"/>.</summary>
public sealed record Quota(string Feature, string Value, int Min, int Max)
{
    public string Describe() => $"{Feature}={Value} (min {Min}, max {Max})";
}

/// <summary>
/// What a draw selects from: the pool, the quotas (every value a person has must have its quota row, as in the
/// Sortition Foundation's files) and the panel size. <see cref="Validate"/> names the first thing wrong, in French.
/// </summary>
public sealed record SortitionProblem(
    IReadOnlyList<string> Features,
    IReadOnlyList<PoolPerson> People,
    IReadOnlyList<Quota> Quotas,
    int PanelSize,
    bool OnePerHousehold = false)
{
    public const int MaxPoolSize = 100_000;

    public void Validate()
    {
        if (People.Count == 0) throw new DomainException("Le vivier est vide.");
        if (People.Count > MaxPoolSize)
            throw DomainException.WithValues("Le vivier dépasse {0} personnes.", MaxPoolSize);
        if (PanelSize < 1 || PanelSize > People.Count)
            throw DomainException.WithValues(
                "La taille du panel doit être comprise entre 1 et le nombre de personnes du vivier ({0}).", People.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            if (string.IsNullOrWhiteSpace(person.Id)) throw new DomainException("Une personne du vivier n'a pas d'identifiant.");
            if (!ids.Add(person.Id)) throw DomainException.WithValues("L'identifiant « {0} » figure deux fois dans le vivier.", person.Id);
            if (person.Values.Count != Features.Count)
                throw DomainException.WithValues("La personne « {0} » n'a pas une valeur pour chaque caractéristique.", person.Id);
            if (OnePerHousehold && string.IsNullOrWhiteSpace(person.Household))
                throw DomainException.WithValues("La personne « {0} » n'a pas d'adresse de foyer.", person.Id);
        }
        var quotas = new HashSet<(string, string)>();
        foreach (var quota in Quotas)
        {
            if (!Features.Contains(quota.Feature, StringComparer.Ordinal))
                throw DomainException.WithValues("Le quota {0} porte sur une caractéristique absente du vivier.", quota.Describe());
            if (quota.Min < 0 || quota.Max < quota.Min)
                throw DomainException.WithValues("Le quota {0} doit avoir 0 ≤ min ≤ max.", quota.Describe());
            if (!quotas.Add((quota.Feature, quota.Value)))
                throw DomainException.WithValues("Le quota {0}={1} figure deux fois.", quota.Feature, quota.Value);
        }
        foreach (var person in People)
            for (var f = 0; f < Features.Count; f++)
                if (!quotas.Contains((Features[f], person.Values[f])))
                    throw DomainException.WithValues(
                        "La personne « {0} » a la valeur « {1} » pour « {2} », qui n'a pas de ligne dans les quotas.",
                        person.Id, person.Values[f], Features[f]);
    }

    /// <summary>How many people of the pool have the quota's value.</summary>
    public int PoolCount(Quota quota)
    {
        var feature = IndexOf(quota.Feature);
        return People.Count(p => p.Values[feature] == quota.Value);
    }

    public int IndexOf(string feature) => Features.ToList().IndexOf(feature);
}
