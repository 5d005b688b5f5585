namespace Parvis.Domain;

/// <summary>
/// A boîte à idées of the organization (or of one territory): open permanently (no dates) or during a
/// period; citizens propose, others support, the service named studies and answers.
/// </summary>
public class ProposalSpace : ITenantOwned, IParticipationSpace, IServiceOwned
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 20_000;
    public const int MaxCommitment = 500;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    /// <summary>Both null: open permanently.</summary>
    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    /// <summary>The service that studies the proposals: its agents follow them beside the administrators.</summary>
    public string? ServiceName { get; set; }
    public int? SupportThreshold { get; set; }
    /// <summary>What the institution commits to at the threshold ("la collectivité s'engage à étudier la proposition").</summary>
    public string? ThresholdCommitment { get; set; }
    public ParticipationLevel ProposeLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? ProposeMinimumAge { get; set; }
    public ParticipationLevel SupportLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? SupportMinimumAge { get; set; }
    public DisplayIdentity DisplayIdentity { get; set; } = DisplayIdentity.Pseudonym;
    public DisplayChoices AllowedDisplays { get; set; } = DisplayChoices.Pseudonym;
    /// <summary>Nothing proposed appears before a moderator accepts it.</summary>
    public bool PreModeration { get; set; }
    public DateTime? PublishedAt { get; set; }
    public List<ProposalCategory> Categories { get; set; } = [];

    /// <summary>Proposing and supporting are counted per person: never below a confirmed account. A support is a <see cref="ParticipationAction.React"/>.</summary>
    public ActionRequirement RequirementFor(ParticipationAction action) => action switch
    {
        ParticipationAction.Propose => new(Max(ProposeLevel, ParticipationLevel.ConfirmedAccount), ProposeMinimumAge),
        ParticipationAction.React => new(Max(SupportLevel, ParticipationLevel.ConfirmedAccount), SupportMinimumAge),
        _ => new(ParticipationLevel.ConfirmedAccount, null),
    };

    /// <summary>The display rules in the shape the author display reads.</summary>
    public ParticipationRules DisplayRules => new() { DisplayIdentity = DisplayIdentity, AllowedDisplays = AllowedDisplays, PreModeration = PreModeration };

    public bool IsOpenAt(DateTime now) =>
        PublishedAt is not null && (OpensAt is null || now >= OpensAt) && (ClosesAt is null || now < ClosesAt);

    /// <param name="toLocal">Shows dates in the organization's time zone.</param>
    public void EnsureOpen(DateTime now, Func<DateTime, DateTime>? toLocal = null)
    {
        if (IsOpenAt(now)) return;
        if (PublishedAt is null) throw new DomainException("Cet espace de propositions n'est pas publié.");
        if (OpensAt is { } opens && now < opens)
            throw DomainException.WithValues("Cet espace ouvre le {0:dd/MM/yyyy} : il n'est pas encore possible de participer.", toLocal?.Invoke(opens) ?? opens);
        throw new DomainException("Cet espace de propositions est fermé : il n'est plus possible de proposer ni de soutenir.");
    }

    /// <summary>Checks what an administrator typed; null when it holds.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Title)) return "Donnez un titre à l'espace.";
        if (Title.Length > MaxTitle) return $"Le titre dépasse {MaxTitle} caractères.";
        if (DescriptionMarkdown.Length > MaxDescription) return $"La description dépasse {MaxDescription} caractères.";
        if (ThresholdCommitment is { Length: > MaxCommitment }) return $"L'engagement dépasse {MaxCommitment} caractères.";
        if (ServiceName is { Length: > 200 }) return "Le nom du service dépasse 200 caractères.";
        if (OpensAt is { } o && ClosesAt is { } c && c <= o) return "La fermeture doit suivre l'ouverture.";
        if (SupportThreshold is <= 0 or > 10_000_000) return "Le seuil de soutiens doit être un nombre positif.";
        if (!Enum.IsDefined(ProposeLevel) || !Enum.IsDefined(SupportLevel)) return "Ce niveau de participation n'existe pas.";
        var rules = DisplayRules;
        if (rules.Validate() is { } error) return error;
        foreach (var age in new[] { ProposeMinimumAge, SupportMinimumAge })
            if (age is { } a && !ParticipationRules.MinimumAges.Contains(a)) return "Choisissez un âge minimum de 16 ou 18 ans.";
        return null;
    }

    private static ParticipationLevel Max(ParticipationLevel a, ParticipationLevel b) => a > b ? a : b;
}

public class ProposalCategory : ITenantOwned
{
    public const int MaxName = 100;
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SpaceId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

public enum ProposalState { Published, UnderStudy, Accepted, AcceptedWithChanges, NotRetained, CarriedOut, Merged }

public class Proposal : ModeratedItem, ITenantOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxBody = 10_000;
    public const int MaxReason = 2_000;
    public const int MaxAddress = 300;
    public const int MaxAltText = 300;
    public const int MaxSearchTerms = 4_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SpaceId { get; set; }
    public ProposalSpace? Space { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public int TerritoryId { get; set; }
    public int? CategoryId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? AddressText { get; set; }
    public Guid? PhotoFileId { get; set; }
    public string? PhotoAltText { get; set; }
    /// <summary>Null once the author's account is erased and the answered proposal kept.</summary>
    public Guid? AuthorId { get; set; }
    public DisplayIdentity? DisplayAs { get; set; }
    public BadgeChoices Badges { get; set; }
    public ProposalState Status { get; set; }
    public string? StateReason { get; set; }
    public DateTime? StateChangedAt { get; set; }
    /// <summary>Moved only by database increments (and recomputed from the rows on a merge).</summary>
    public int SupportCount { get; set; }
    public int? MergedIntoId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FirstAnsweredAt { get; set; }
    public SearchDocument ToSearchDocument() => new(SearchKind.Proposal, Id, Title, Body, TerritoryId, CreatedAt);

    /// <summary>The normalised words of title and body, space-separated with a space at each end, for similar-proposal search.</summary>
    public string SearchTerms { get; set; } = " ";

    public static string? Validate(string? title, string? body, string? address, double? latitude, double? longitude)
    {
        if (string.IsNullOrWhiteSpace(title)) return "Donnez un titre à votre proposition.";
        if (title.Trim().Length > MaxTitle) return $"Le titre dépasse {MaxTitle} caractères.";
        if (string.IsNullOrWhiteSpace(body)) return "Décrivez votre proposition : le texte est vide.";
        if (body.Length > MaxBody) return $"Votre proposition dépasse {MaxBody} caractères.";
        if (address is { Length: > MaxAddress }) return $"L'adresse dépasse {MaxAddress} caractères.";
        if (latitude is null != longitude is null) return "Indiquez la latitude et la longitude, ou aucune des deux.";
        if (latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90)) return "La latitude doit être comprise entre -90 et 90.";
        if (longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180)) return "La longitude doit être comprise entre -180 et 180.";
        return null;
    }

    /// <summary>States that close the study: a proposal there takes no more state changes but "réalisée".</summary>
    public static bool NeedsReason(ProposalState to) => to is ProposalState.Accepted or ProposalState.AcceptedWithChanges or ProposalState.NotRetained;

    public static bool Allows(ProposalState from, ProposalState to) => (from, to) switch
    {
        (ProposalState.Published, ProposalState.UnderStudy) => true,
        (ProposalState.UnderStudy, ProposalState.Accepted or ProposalState.AcceptedWithChanges or ProposalState.NotRetained) => true,
        (ProposalState.Accepted or ProposalState.AcceptedWithChanges, ProposalState.CarriedOut) => true,
        _ => false,
    };

    /// <summary>The states a follower may move this proposal to now.</summary>
    public IEnumerable<ProposalState> NextStates() =>
        Enum.GetValues<ProposalState>().Where(s => s != ProposalState.Merged && Allows(Status, s));

    /// <summary>Moves along the study's graph; merging has its own path (<see cref="MergeInto"/>).</summary>
    public ProposalStateChange ChangeState(ProposalState to, string? reason, Guid by, DateTime now)
    {
        if (!Enum.IsDefined(to)) throw new DomainException("Cet état n'existe pas.");
        if (to == ProposalState.Merged) throw new DomainException("Une proposition n'est fusionnée que par la modération, avec la proposition qu'elle rejoint.");
        if (!Allows(Status, to)) throw new DomainException("Ce changement d'état n'est pas possible depuis l'état actuel de la proposition.");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (NeedsReason(to) && why is null) throw new DomainException("Indiquez le motif de cette décision : il est publié avec la proposition.");
        if (why is { Length: > MaxReason }) throw DomainException.WithValues("Le motif dépasse {0} caractères.", MaxReason);
        var change = new ProposalStateChange { ProposalId = Id, From = Status, To = to, Reason = why, At = now, ById = by };
        Status = to;
        StateReason = why;
        StateChangedAt = now;
        return change;
    }

    /// <summary>This proposal duplicates <paramref name="target"/>: it sends readers there and keeps no supports of its own.</summary>
    public ProposalStateChange MergeInto(Proposal target, Guid by, DateTime now)
    {
        if (target.Id == Id) throw new DomainException("Une proposition ne peut pas être fusionnée avec elle-même.");
        if (target.SpaceId != SpaceId) throw new DomainException("On ne fusionne que des propositions du même espace.");
        if (Status == ProposalState.Merged) throw new DomainException("Cette proposition est déjà fusionnée.");
        if (target.Status == ProposalState.Merged) throw new DomainException("La proposition choisie est elle-même fusionnée : choisissez celle qu'elle a rejointe.");
        var change = new ProposalStateChange { ProposalId = Id, From = Status, To = ProposalState.Merged, Reason = $"Fusionnée avec la proposition n° {target.Id}.", At = now, ById = by };
        Status = ProposalState.Merged;
        MergedIntoId = target.Id;
        StateChangedAt = now;
        return change;
    }
}

/// <summary>One person's support of one proposal; a unique index (proposal, person) makes it one.</summary>
public class ProposalSupport : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProposalId { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The <see cref="Receipt.EntryId"/> of the receipt given at supporting: the tally log's removal names it.</summary>
    public string? TallyId { get; set; }
}

/// <summary>The public history of a proposal's study: each state change, its reason and the official response drafted with it.</summary>
public class ProposalStateChange : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProposalId { get; set; }
    public ProposalState From { get; set; }
    public ProposalState To { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
    /// <summary>The staff member who changed it (never shown publicly).</summary>
    public Guid? ById { get; set; }
    public int? ResponseId { get; set; }
}

/// <summary>One person's report of an abusive proposal; a unique index (proposal, person) makes it one. Open until a moderator decides.</summary>
public class ProposalFlag : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ProposalId { get; set; }
    public Guid UserId { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
