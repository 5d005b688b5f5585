using System.Security.Cryptography;

namespace Parvis.Domain;

public enum PetitionStatus { Draft, AwaitingModeration, Rejected, Open, Closed }

/// <summary>The thresholds a petition can cross: a written official response, then the council's agenda.</summary>
public enum PetitionThreshold { Response, Agenda }

/// <summary>
/// A petition (droit d'interpellation): drafted by a person, sponsored through a private link,
/// checked by a moderator, then open for signing for a set duration. Its thresholds are snapshots of
/// the organization's settings at publishing, so a later change of settings does not move the goal posts.
/// </summary>
public class Petition : ITenantOwned, IParticipationSpace, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxRequest = 5_000;
    public const int MaxReasons = 10_000;
    public const int MaxAddressee = 200;
    public const int MaxRejectionReason = 2_000;
    public const int MaxCouncilDecision = 10_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    /// <summary>Guid.Empty once the author's account is erased: the petition stays, as "Participant supprimé".</summary>
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    /// <summary>What is asked.</summary>
    public required string Request { get; set; }
    /// <summary>Why.</summary>
    public required string Reasons { get; set; }
    /// <summary>Who is asked, e.g. "Le conseil municipal".</summary>
    public required string Addressee { get; set; }
    /// <summary>The secret of the private sponsoring link.</summary>
    public string SponsorToken { get; set; } = NewSponsorToken();
    public PetitionStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>CGCT art. L1112-16: signers are verified electors; snapshot of the organization's setting when submitted.</summary>
    public bool ElectorMode { get; set; }
    /// <summary>What signing asks; VerifiedElector in elector mode.</summary>
    public ParticipationLevel SignLevel { get; set; } = ParticipationLevel.AnyoneWithConfirmedEmail;
    public int ResponseThreshold { get; set; }
    public int? AgendaThreshold { get; set; }
    public int ResponseDeadlineDays { get; set; }
    public DateTime? ResponseThresholdReachedAt { get; set; }
    public DateTime? ResponseDueAt { get; set; }
    public DateTime? AgendaThresholdReachedAt { get; set; }
    /// <summary>In elector mode: the acknowledgement of receipt of the request was issued.</summary>
    public DateTime? AcknowledgedAt { get; set; }
    public string? CouncilDecision { get; set; }
    public DateTime? CouncilDecisionAt { get; set; }
    public DateOnly? CouncilMeetingOn { get; set; }
    public DateTime? FirstAnsweredAt { get; set; }

    public ActionRequirement RequirementFor(ParticipationAction action) => action == ParticipationAction.Sign
        ? new(SignLevel, null)
        : new(ParticipationLevel.ConfirmedAccount, null);

    /// <summary>Anyone may read it: published, open or closed.</summary>
    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Petition, Id, Title, Request + "\n\n" + Reasons, TerritoryId, PublishedAt ?? CreatedAt);

    public bool IsPublic => Status is PetitionStatus.Open or PetitionStatus.Closed;

    public static string NewSponsorToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Validate(string? title, string? request, string? reasons, string? addressee)
    {
        if (string.IsNullOrWhiteSpace(title)) return "Donnez un titre à la pétition.";
        if (title.Length > MaxTitle) return $"Le titre dépasse {MaxTitle} caractères.";
        if (string.IsNullOrWhiteSpace(request)) return "Écrivez ce que demande la pétition.";
        if (request.Length > MaxRequest) return $"La demande dépasse {MaxRequest} caractères.";
        if (string.IsNullOrWhiteSpace(reasons)) return "Expliquez pourquoi vous lancez cette pétition.";
        if (reasons.Length > MaxReasons) return $"Les motifs dépassent {MaxReasons} caractères.";
        if (string.IsNullOrWhiteSpace(addressee)) return "Indiquez à qui s'adresse la pétition.";
        if (addressee.Length > MaxAddressee) return $"Le destinataire dépasse {MaxAddressee} caractères.";
        return null;
    }

    /// <summary>Changes the text while the petition is a draft; the caller validated it.</summary>
    public void Edit(string title, string request, string reasons, string addressee, int territoryId)
    {
        if (Status != PetitionStatus.Draft) throw new DomainException("Seul un brouillon peut être modifié.");
        Title = title.Trim();
        Request = request.Trim();
        Reasons = reasons.Trim();
        Addressee = addressee.Trim();
        TerritoryId = territoryId;
    }

    /// <summary>Takes the organization's signing rules: the petition keeps them once submitted.</summary>
    public void TakeRules(PetitionSettings settings)
    {
        if (Status != PetitionStatus.Draft) return;
        ElectorMode = settings.ElectorMode;
        SignLevel = settings.EffectiveSignLevel;
    }

    /// <summary>Whether <paramref name="userId"/> may sponsor this petition (elector mode is checked by the caller).</summary>
    public void EnsureSponsorable(Guid userId)
    {
        if (Status != PetitionStatus.Draft) throw new DomainException("Cette pétition ne recherche plus de parrains.");
        if (userId == AuthorId) throw new DomainException("Vous ne pouvez pas parrainer votre propre pétition.");
    }

    public void Submit(int sponsorCount, int minimumSponsors, DateTime now)
    {
        if (Status != PetitionStatus.Draft) throw new DomainException("Cette pétition a déjà été envoyée à la modération.");
        if (sponsorCount < minimumSponsors)
            throw DomainException.WithValues("Il faut au moins {0} parrains pour envoyer la pétition à la modération ; elle en a {1}.", minimumSponsors, sponsorCount);
        Status = PetitionStatus.AwaitingModeration;
        SubmittedAt = now;
    }

    public void Publish(DateTime now, int openMonths, int responseThreshold, int? agendaThreshold, int responseDeadlineDays)
    {
        if (Status != PetitionStatus.AwaitingModeration) throw new DomainException("Cette pétition n'attend pas de modération.");
        if (responseThreshold < 1) throw new DomainException("Le seuil de réponse doit être d'au moins une signature.");
        Status = PetitionStatus.Open;
        PublishedAt = now;
        ClosesAt = now.AddMonths(openMonths);
        ResponseThreshold = responseThreshold;
        AgendaThreshold = agendaThreshold;
        ResponseDeadlineDays = responseDeadlineDays;
        RejectionReason = null;
    }

    public void Reject(string? reason, DateTime now)
    {
        if (Status != PetitionStatus.AwaitingModeration) throw new DomainException("Cette pétition n'attend pas de modération.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif du refus : il est montré à l'auteur.");
        if (reason.Length > MaxRejectionReason) throw new DomainException($"Le motif dépasse {MaxRejectionReason} caractères.");
        Status = PetitionStatus.Rejected;
        RejectionReason = reason.Trim();
        ClosedAt = now;
    }

    public void Close(DateTime now)
    {
        if (Status != PetitionStatus.Open) throw new DomainException("Cette pétition n'est pas ouverte.");
        Status = PetitionStatus.Closed;
        ClosedAt = now;
    }

    public bool IsOpenForSigning(DateTime now) => Status == PetitionStatus.Open && (ClosesAt is null || now < ClosesAt);

    public void EnsureOpenForSigning(DateTime now)
    {
        if (Status is PetitionStatus.Draft or PetitionStatus.AwaitingModeration or PetitionStatus.Rejected)
            throw new DomainException("Cette pétition n'est pas publiée : on ne peut pas encore la signer.");
        if (Status == PetitionStatus.Closed) throw new DomainException("Cette pétition est close : elle ne reçoit plus de signatures.");
        if (ClosesAt is { } closes && now >= closes) throw new DomainException("La période de signature de cette pétition est terminée.");
    }

    /// <summary>
    /// Notes the thresholds met by <paramref name="confirmedCount"/> for the first time and returns them.
    /// The caller makes the consequences happen once (a conditional update guards against two nodes).
    /// </summary>
    public IReadOnlyList<PetitionThreshold> RecordCount(long confirmedCount, DateTime now)
    {
        var crossed = new List<PetitionThreshold>();
        if (!IsPublic || ResponseThreshold < 1) return crossed;
        if (ResponseThresholdReachedAt is null && confirmedCount >= ResponseThreshold)
        {
            ResponseThresholdReachedAt = now;
            ResponseDueAt = now.AddDays(ResponseDeadlineDays);
            crossed.Add(PetitionThreshold.Response);
        }
        if (AgendaThreshold is { } agenda && AgendaThresholdReachedAt is null && confirmedCount >= agenda)
        {
            AgendaThresholdReachedAt = now;
            if (ElectorMode) AcknowledgedAt = now;
            crossed.Add(PetitionThreshold.Agenda);
        }
        return crossed;
    }

    public void RecordCouncilDecision(string? decision, DateOnly? meetingOn, DateTime now)
    {
        if (!IsPublic) throw new DomainException("Cette pétition n'est pas publiée.");
        if (string.IsNullOrWhiteSpace(decision)) throw new DomainException("Écrivez la décision du conseil.");
        if (decision.Length > MaxCouncilDecision) throw new DomainException($"La décision dépasse {MaxCouncilDecision} caractères.");
        CouncilDecision = decision.Trim();
        CouncilMeetingOn = meetingOn;
        CouncilDecisionAt = now;
    }
}

/// <summary>A person who vouches for a draft before it goes to moderation.</summary>
public class PetitionSponsor : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One of <see cref="Count"/> slices of a petition's confirmed-signature count: signers add to a random
/// shard, so a petition going viral does not make every signature wait on one row.
/// </summary>
public class PetitionCountShard : ITenantOwned
{
    public const int Shards = 16;
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }
    public int Shard { get; set; }
    public long Count { get; set; }
}

public enum AgendaItemStatus { ToSchedule, Scheduled, Decided }

/// <summary>The item a petition puts on the council's agenda once it reaches the agenda threshold (one per petition).</summary>
public class PetitionAgendaItem : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public AgendaItemStatus Status { get; set; }
    /// <summary>The council meeting it is put to, once known.</summary>
    public DateOnly? MeetingOn { get; set; }
}

public enum CollectivityKind { Commune, Other }

/// <summary>The organization's petition rules (owned by <see cref="Organization"/>).</summary>
public class PetitionSettings
{
    public const int MaxSponsors = 100;
    public const int MaxOpenMonths = 24;
    public const int MaxDeadlineDays = 365;

    public int SponsorsRequired { get; set; } = 5;
    public int OpenMonths { get; set; } = 6;
    public int ResponseThreshold { get; set; } = 1000;
    public int ResponseDeadlineDays { get; set; } = 90;
    public int? AgendaThreshold { get; set; } = 5000;
    /// <summary>CGCT art. L1112-16: verified electors only, one request per quarter, threshold from the electoral list.</summary>
    public bool ElectorMode { get; set; }
    public CollectivityKind CollectivityKind { get; set; } = CollectivityKind.Commune;
    /// <summary>Registered electors; when null in elector mode, the elector entries of the current electoral list.</summary>
    public int? RegisteredElectors { get; set; }
    public ParticipationLevel SignLevel { get; set; } = ParticipationLevel.AnyoneWithConfirmedEmail;

    public ParticipationLevel EffectiveSignLevel => ElectorMode ? ParticipationLevel.VerifiedElector : SignLevel;

    /// <summary>A tenth of the registered electors for a commune, a twentieth for other collectivités (L1112-16).</summary>
    public int ElectorThreshold(int registered) =>
        (int)Math.Ceiling(registered / (CollectivityKind == CollectivityKind.Commune ? 10.0 : 20.0));

    public string? Validate()
    {
        if (SponsorsRequired is < 0 or > MaxSponsors) return $"Le nombre de parrains doit être entre 0 et {MaxSponsors}.";
        if (OpenMonths is < 1 or > MaxOpenMonths) return $"La durée d'ouverture doit être entre 1 et {MaxOpenMonths} mois.";
        if (ResponseThreshold < 1) return "Le seuil de réponse écrite doit être d'au moins une signature.";
        if (ResponseDeadlineDays is < 1 or > MaxDeadlineDays) return $"Le délai de réponse doit être entre 1 et {MaxDeadlineDays} jours.";
        if (AgendaThreshold is { } agenda && agenda <= ResponseThreshold)
            return "Le seuil d'inscription à l'ordre du jour doit être supérieur au seuil de réponse écrite.";
        if (RegisteredElectors is < 1) return "Le nombre d'électeurs inscrits doit être positif.";
        if (SignLevel is ParticipationLevel.Anyone) return "Une signature demande au moins une adresse e-mail confirmée.";
        return null;
    }
}
