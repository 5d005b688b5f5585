namespace Parvis.Domain;

public enum MandateRole { President, Secretary, Member }

/// <summary>How a member came to sit: appointed by staff, from a candidacy, or drawn by lot.</summary>
public enum MandateSource { Appointment, Candidacy, Draw }

/// <summary>
/// One person's seat in a college of a council, from a date to a date. Names of members of a public body are
/// public, so ended mandates stay: the council's page shows who sat when. A member may have no account.
/// </summary>
public class CouncilMandate : ITenantOwned
{
    public const int MaxName = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public int CollegeId { get; set; }
    /// <summary>The member's account, when they have one; many councillors have none.</summary>
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    public MandateRole Role { get; set; }
    public MandateSource Source { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>The mandate this one took over (a replacement).</summary>
    public int? ReplacesMandateId { get; set; }
    public int? CandidacyId { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsCurrentOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>A new mandate, its fields checked; the caller checks the college has room.</summary>
    public static CouncilMandate Start(int councilId, int collegeId, string? name, Guid? userId, MandateRole role, MandateSource source,
        DateOnly? startsOn, DateOnly? endsOn, DateTime now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Indiquez le nom du membre.");
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom du membre dépasse {0} caractères.", MaxName);
        if (!Enum.IsDefined(role)) throw new DomainException("Choisissez le rôle du membre.");
        if (startsOn is not { } start) throw new DomainException("Indiquez la date de début du mandat.");
        if (endsOn is { } end && end < start) throw new DomainException("La fin du mandat ne peut pas précéder son début.");
        return new CouncilMandate
        {
            CouncilId = councilId,
            CollegeId = collegeId,
            Name = trimmed,
            UserId = userId,
            Role = role,
            Source = source,
            StartsOn = start,
            EndsOn = endsOn,
            CreatedAt = now,
        };
    }

    /// <summary>The member leaves: the mandate ends on that day (kept, and shown as past).</summary>
    public void End(DateOnly? on)
    {
        if (on is not { } day) throw new DomainException("Indiquez la date de fin du mandat.");
        if (EndsOn is { } ended && ended < day) throw new DomainException("Ce mandat est déjà terminé.");
        if (day < StartsOn) throw new DomainException("La fin du mandat ne peut pas précéder son début.");
        EndsOn = day;
    }
}

public enum CandidacyStatus { Pending, Appointed, NotRetained, Withdrawn }

/// <summary>
/// A person's application for a seat in a college. Never public: only members are named, not the candidates who
/// were not appointed or drawn.
/// </summary>
public class CouncilCandidacy : ITenantOwned
{
    public const int MaxMotivation = 2_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public int CollegeId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The name the person gives, shown as a member's name if appointed.</summary>
    public required string Name { get; set; }
    public string Motivation { get; set; } = "";
    public CandidacyStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }

    public static CouncilCandidacy Submit(int councilId, int collegeId, Guid userId, string? name, string? motivation, DateTime now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Indiquez le nom sous lequel vous siégeriez.");
        if (trimmed.Length > CouncilMandate.MaxName) throw DomainException.WithValues("Le nom dépasse {0} caractères.", CouncilMandate.MaxName);
        if (motivation is { Length: > MaxMotivation }) throw DomainException.WithValues("Votre motivation dépasse {0} caractères.", MaxMotivation);
        return new CouncilCandidacy
        {
            CouncilId = councilId,
            CollegeId = collegeId,
            UserId = userId,
            Name = trimmed,
            Motivation = motivation?.Trim() ?? "",
            Status = CandidacyStatus.Pending,
            CreatedAt = now,
        };
    }

    public void Decide(CandidacyStatus outcome, DateTime now)
    {
        if (Status != CandidacyStatus.Pending) throw new DomainException("Cette candidature a déjà reçu une suite.");
        Status = outcome;
        DecidedAt = now;
    }
}
