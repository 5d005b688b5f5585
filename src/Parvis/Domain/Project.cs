namespace Parvis.Domain;

/// <summary>The usual themes of a French municipal project, for the list's filter (labels in <c>ProjectLabels</c>).</summary>
public enum ProjectTheme
{
    Mobility, Urbanism, Environment, Facilities, Culture, Sport, Solidarity, Education, Housing, Economy, Other,
}

/// <summary>What a phase of a project is: études, concertation, travaux, livraison, or something else.</summary>
public enum ProjectPhaseKind { Studies, Consultation, Works, Delivery, Other }

/// <summary>
/// A public project (réaménagement, équipement, plan vélo…): what the institution is doing, told from announcement
/// to delivery, with its phases, documents and photos, and everything about it linked: consultations, meetings,
/// proposals, petitions (<see cref="ProjectLink"/>), outcomes (<see cref="Outcome.ProjectId"/>). Items added later
/// (news, surveys) carry a nullable <c>ProjectId</c> the same way outcomes do. A draft is seen by staff only.
/// </summary>
public class Project : ITenantOwned, IServiceOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxDescription = 20_000;
    public const int MaxServiceName = 200;
    public const decimal MaxBudget = 1_000_000_000_000m;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string DescriptionMarkdown { get; set; } = "";
    public ProjectTheme Theme { get; set; }
    public int? TerritoryId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The service that carries the project: its agents manage it beside the administrators.</summary>
    public string? ServiceName { get; set; }
    public decimal? BudgetEuros { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    public bool IsPublished => PublishedAt is not null;

    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Project, Id, Title, Summary + "\n\n" + DescriptionMarkdown, TerritoryId, PublishedAt ?? CreatedAt);
    public bool HasPoint => Latitude is not null && Longitude is not null;

    /// <summary>Sets what staff say about the project, checking every rule first: nothing changes when one is broken.</summary>
    public void Describe(ProjectDescription d, DateTime now)
    {
        var title = d.Title?.Trim();
        if (string.IsNullOrEmpty(title)) throw new DomainException("Le titre est obligatoire.");
        if (title.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        var summary = d.Summary?.Trim() ?? "";
        if (summary.Length > MaxSummary) throw DomainException.WithValues("Le résumé dépasse {0} caractères.", MaxSummary);
        if (d.DescriptionMarkdown is { Length: > MaxDescription })
            throw DomainException.WithValues("La description dépasse {0} caractères.", MaxDescription);
        if (!Enum.IsDefined(d.Theme)) throw new DomainException("Choisissez un thème.");
        var service = string.IsNullOrWhiteSpace(d.ServiceName) ? null : d.ServiceName.Trim();
        if (service is { Length: > MaxServiceName })
            throw DomainException.WithValues("Le nom du service dépasse {0} caractères.", MaxServiceName);
        if (d.BudgetEuros is < 0) throw new DomainException("Le budget ne peut pas être négatif.");
        if (d.BudgetEuros > MaxBudget) throw new DomainException("Le budget indiqué est trop élevé.");
        if ((d.Latitude is null) != (d.Longitude is null))
            throw new DomainException("Indiquez la latitude et la longitude, ou aucune des deux.");
        if (d.Latitude is < -90 or > 90 || d.Longitude is < -180 or > 180 || d.Latitude is double.NaN || d.Longitude is double.NaN)
            throw new DomainException("Ces coordonnées ne désignent aucun point.");

        Title = title;
        Summary = summary;
        DescriptionMarkdown = d.DescriptionMarkdown?.Trim() ?? "";
        Theme = d.Theme;
        TerritoryId = d.TerritoryId;
        (Latitude, Longitude) = (d.Latitude, d.Longitude);
        ServiceName = service;
        BudgetEuros = d.BudgetEuros;
        if (CreatedAt == default) CreatedAt = now;
        UpdatedAt = now;
    }

    public void Publish(DateTime now)
    {
        if (PublishedAt is not null) throw new DomainException("Ce projet est déjà publié.");
        PublishedAt = now;
        UpdatedAt = now;
    }

    public void Unpublish(DateTime now)
    {
        if (PublishedAt is null) throw new DomainException("Ce projet n'est pas publié.");
        PublishedAt = null;
        UpdatedAt = now;
    }
}

/// <summary>The fields staff fill in for a project, checked together by <see cref="Project.Describe"/>.</summary>
public sealed record ProjectDescription(
    string? Title, string? Summary, string? DescriptionMarkdown, ProjectTheme Theme, int? TerritoryId,
    double? Latitude, double? Longitude, string? ServiceName, decimal? BudgetEuros);

/// <summary>A step of a project's timeline. Without an end date, a phase lasts until the next one starts.</summary>
public class ProjectPhase : ITenantOwned
{
    public const int MaxName = 200;
    public const int MaxDescription = 2_000;
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2200, 12, 31);

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    public ProjectPhaseKind Kind { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Sets the phase, checking every rule first.</summary>
    public void Describe(string? name, ProjectPhaseKind kind, DateOnly? startsOn, DateOnly? endsOn, string? description)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Le nom de la phase est obligatoire.");
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom de la phase dépasse {0} caractères.", MaxName);
        if (!Enum.IsDefined(kind)) throw new DomainException("Choisissez le type de la phase.");
        if (startsOn is not { } start) throw new DomainException("Indiquez la date de début de la phase.");
        if (start < Earliest || start > Latest || endsOn < Earliest || endsOn > Latest)
            throw new DomainException("Une date de la phase est hors des dates possibles.");
        if (endsOn is { } end && end < start) throw new DomainException("La fin de la phase ne peut pas précéder son début.");
        if (description is { Length: > MaxDescription })
            throw DomainException.WithValues("La description de la phase dépasse {0} caractères.", MaxDescription);
        Name = trimmed;
        Kind = kind;
        StartsOn = start;
        EndsOn = endsOn;
        Description = description?.Trim() ?? "";
    }

    /// <summary>The phases in timeline order: by start, then by the order they were added.</summary>
    public static List<ProjectPhase> InOrder(IEnumerable<ProjectPhase> phases) =>
        phases.OrderBy(p => p.StartsOn).ThenBy(p => p.Id).ToList();

    /// <summary>
    /// The last day of a phase: its end date, or else the day before the next phase starts, or open (null) for the
    /// last one. Phases given in timeline order.
    /// </summary>
    public static DateOnly? LastDay(IReadOnlyList<ProjectPhase> ordered, int index)
    {
        if (ordered[index].EndsOn is { } end) return end;
        var start = ordered[index].StartsOn;
        var next = ordered.Skip(index + 1).FirstOrDefault(p => p.StartsOn > start);
        return next?.StartsOn.AddDays(-1);
    }

    /// <summary>
    /// The phase under way today: among the phases started and not over, the one started last. Null when none is
    /// (before the first, between two, after the last).
    /// </summary>
    public static ProjectPhase? Current(IEnumerable<ProjectPhase> phases, DateOnly today)
    {
        var ordered = InOrder(phases);
        ProjectPhase? current = null;
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].StartsOn <= today && (LastDay(ordered, i) is not { } last || last >= today)) current = ordered[i];
        return current;
    }
}

/// <summary>
/// A consultation, meeting, proposal or petition about a project; unique per project and item, indexed by item
/// for "the projects this item belongs to". Outcomes carry their project themselves (<see cref="Outcome.ProjectId"/>).
/// </summary>
public class ProjectLink : ITenantOwned
{
    public static readonly OutcomeSubjectKind[] Kinds =
        [OutcomeSubjectKind.Consultation, OutcomeSubjectKind.Meeting, OutcomeSubjectKind.Proposal, OutcomeSubjectKind.Petition];

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProjectId { get; set; }
    public OutcomeSubjectKind Kind { get; set; }
    public int SubjectId { get; set; }

    public static void EnsureLinkable(OutcomeSubjectKind kind)
    {
        if (!Kinds.Contains(kind))
            throw new DomainException("Un projet se lie à une concertation, une rencontre, une proposition, une pétition ou un résultat.");
    }
}

/// <summary>A document or a photo of a project; a photo always has its alternative text.</summary>
public class ProjectFile : ITenantOwned
{
    public const int MaxAltText = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProjectId { get; set; }
    public Guid FileId { get; set; }
    public bool IsPhoto { get; set; }
    /// <summary>What the photo shows, for people who cannot see it; null for a document.</summary>
    public string? AltText { get; set; }
    public DateTime AddedAt { get; set; }

    /// <summary>The alternative text of a photo, trimmed; refused when empty or too long.</summary>
    public static string CheckAltText(string? altText)
    {
        var text = altText?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new DomainException("Décrivez ce que montre la photo (texte alternatif) : il est obligatoire.");
        if (text.Length > MaxAltText) throw DomainException.WithValues("Le texte alternatif dépasse {0} caractères.", MaxAltText);
        return text;
    }
}
