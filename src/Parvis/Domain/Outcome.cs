namespace Parvis.Domain;

public enum OutcomeStatus { Decided, InProgress, Done, Abandoned }

/// <summary>What an outcome can be linked to: the items that led to the decision.</summary>
public enum OutcomeSubjectKind { Contribution, Proposal, Petition, Meeting, Consultation, Opinion }

/// <summary>
/// "Vous avez dit, nous avons fait": a decision or result of the institution, with its status and
/// progress, linked to what led to it. A draft (not published) is seen by staff only.
/// </summary>
public class Outcome : ITenantOwned, IServiceOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;
    public const int MaxServiceName = 200;
    public const decimal MaxBudget = 1_000_000_000_000m;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    public OutcomeStatus Status { get; set; }
    public int ProgressPercent { get; set; }
    public decimal? BudgetEuros { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? ExpectedOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    public int TerritoryId { get; set; }
    /// <summary>The service that carries it out: its agents manage the outcome beside the administrators.</summary>
    public string? ServiceName { get; set; }
    /// <summary>The project this outcome belongs to, if any: its page lists the outcome, the outcome links back.</summary>
    public int? ProjectId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    public bool IsPublished => PublishedAt is not null;

    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Outcome, Id, Title, DescriptionMarkdown, TerritoryId, PublishedAt ?? CreatedAt);

    /// <summary>Sets what the institution says about the outcome, checking every rule first: nothing changes when one is broken.</summary>
    public void Describe(OutcomeDescription d, DateTime now)
    {
        var title = d.Title?.Trim();
        if (string.IsNullOrEmpty(title)) throw new DomainException("Le titre est obligatoire.");
        if (title.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        if (d.DescriptionMarkdown is { Length: > MaxDescription }) throw DomainException.WithValues("La description dépasse {0} caractères.", MaxDescription);
        var service = string.IsNullOrWhiteSpace(d.ServiceName) ? null : d.ServiceName.Trim();
        if (service is { Length: > MaxServiceName }) throw DomainException.WithValues("Le nom du service dépasse {0} caractères.", MaxServiceName);
        if (d.ProgressPercent is < 0 or > 100) throw new DomainException("L'avancement est un pourcentage entre 0 et 100.");
        if (d.BudgetEuros is < 0) throw new DomainException("Le budget ne peut pas être négatif.");
        if (d.BudgetEuros > MaxBudget) throw new DomainException("Le budget indiqué est trop élevé.");
        if (d.DecidedOn is not { } decided) throw new DomainException("Indiquez la date de la décision.");
        if (d.StartedOn is { } started && started < decided) throw new DomainException("Le début des travaux ne peut pas précéder la décision.");
        if (d.ExpectedOn is { } expected && expected < (d.StartedOn ?? decided)) throw new DomainException("La fin prévue ne peut pas précéder la décision ni le début.");
        if (d.DoneOn is { } done && done < (d.StartedOn ?? decided)) throw new DomainException("La date de réalisation ne peut pas précéder la décision ni le début.");
        if (d.Status == OutcomeStatus.Done && d.DoneOn is null) throw new DomainException("Indiquez la date de réalisation d'un résultat réalisé.");
        if (d.Status != OutcomeStatus.Done && d.DoneOn is not null) throw new DomainException("Une date de réalisation ne s'indique que pour un résultat réalisé.");

        Title = title;
        DescriptionMarkdown = d.DescriptionMarkdown?.Trim() ?? "";
        Status = d.Status;
        // Done means done: the bar is full whatever was typed.
        ProgressPercent = d.Status == OutcomeStatus.Done ? 100 : d.ProgressPercent;
        BudgetEuros = d.BudgetEuros;
        DecidedOn = decided;
        (StartedOn, ExpectedOn, DoneOn) = (d.StartedOn, d.ExpectedOn, d.DoneOn);
        TerritoryId = d.TerritoryId;
        ServiceName = service;
        if (CreatedAt == default) CreatedAt = now;
        UpdatedAt = now;
    }

    public void Publish(DateTime now)
    {
        if (PublishedAt is not null) throw new DomainException("Ce résultat est déjà publié.");
        PublishedAt = now;
        UpdatedAt = now;
    }

    public void Unpublish(DateTime now)
    {
        if (PublishedAt is null) throw new DomainException("Ce résultat n'est pas publié.");
        PublishedAt = null;
        UpdatedAt = now;
    }
}

/// <summary>The fields staff fill in for an outcome, checked together by <see cref="Outcome.Describe"/>.</summary>
public sealed record OutcomeDescription(
    string? Title, string? DescriptionMarkdown, OutcomeStatus Status, int ProgressPercent, decimal? BudgetEuros,
    DateOnly? DecidedOn, DateOnly? StartedOn, DateOnly? ExpectedOn, DateOnly? DoneOn, int TerritoryId, string? ServiceName);

/// <summary>One item that led to an outcome; unique per outcome, and indexed by item for "the outcomes this item fed".</summary>
public class OutcomeLink : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int OutcomeId { get; set; }
    public OutcomeSubjectKind Kind { get; set; }
    public int SubjectId { get; set; }
}
