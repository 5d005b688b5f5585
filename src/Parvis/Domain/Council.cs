namespace Parvis.Domain;

public enum CouncilKind { Neighbourhood, Development, Citizens, Youth, Other }

/// <summary>
/// A standing body of residents (conseil de quartier, de développement, citoyen, des jeunes…): its colleges and
/// their seats, its members' mandates, its animators, the agenda items residents propose and the opinions it adopts.
/// Candidacies and agenda proposals go through the participation rules like any other space.
/// </summary>
public class Council : ITenantOwned, IParticipationSpace, ISearchable
{
    public const int MaxName = 200;
    public const int MaxDescription = 10_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    public CouncilKind Kind { get; set; }
    public int TerritoryId { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Who may apply for a seat (e.g. verified residents of the territory); never below an account.</summary>
    public ParticipationLevel CandidacyLevel { get; set; } = ParticipationLevel.VerifiedResident;
    public bool AcceptsCandidacies { get; set; }
    /// <summary>Who may propose an agenda item; never below an account, so the answer reaches its author.</summary>
    public ParticipationLevel AgendaProposalLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public DateTime CreatedAt { get; set; }

    public SearchDocument ToSearchDocument() => new(SearchKind.Council, Id, Name, DescriptionMarkdown, TerritoryId, CreatedAt);

    public ActionRequirement RequirementFor(ParticipationAction action) => action switch
    {
        ParticipationAction.Apply => new(AtLeastAccount(CandidacyLevel), null),
        ParticipationAction.Propose => new(AtLeastAccount(AgendaProposalLevel), null),
        _ => new(ParticipationLevel.ConfirmedAccount, null),
    };

    /// <summary>Sets what staff describe, every rule checked first: nothing changes when one is broken.</summary>
    public void Describe(string? name, CouncilKind kind, int territoryId, string? descriptionMarkdown,
        ParticipationLevel candidacyLevel, bool acceptsCandidacies, ParticipationLevel agendaProposalLevel, DateTime now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Le nom du conseil est obligatoire.");
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom du conseil dépasse {0} caractères.", MaxName);
        if (descriptionMarkdown is { Length: > MaxDescription }) throw DomainException.WithValues("La présentation dépasse {0} caractères.", MaxDescription);
        if (!Enum.IsDefined(kind)) throw new DomainException("Choisissez le type de conseil.");
        if (!Enum.IsDefined(candidacyLevel) || !Enum.IsDefined(agendaProposalLevel)) throw new DomainException("Choisissez un niveau de participation de la liste.");
        Name = trimmed;
        Kind = kind;
        TerritoryId = territoryId;
        DescriptionMarkdown = descriptionMarkdown?.Trim() ?? "";
        CandidacyLevel = AtLeastAccount(candidacyLevel);
        AcceptsCandidacies = acceptsCandidacies;
        AgendaProposalLevel = AtLeastAccount(agendaProposalLevel);
        if (CreatedAt == default) CreatedAt = now;
    }

    private static ParticipationLevel AtLeastAccount(ParticipationLevel level) =>
        level < ParticipationLevel.ConfirmedAccount ? ParticipationLevel.ConfirmedAccount : level;
}

/// <summary>A college of a council (habitants, associations, élus…) and how many seats it has.</summary>
public class CouncilCollege : ITenantOwned
{
    public const int MaxName = 100;
    public const int MaxSeats = 500;
    /// <summary>The colleges most councils have, offered when a college is added (any other name is allowed).</summary>
    public static readonly string[] Usual = ["Habitants", "Associations", "Acteurs économiques", "Élus", "Personnalités qualifiées"];

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public required string Name { get; set; }
    public int Seats { get; set; }
    public int Position { get; set; }

    public void Describe(string? name, int? seats)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Le nom du collège est obligatoire.");
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom du collège dépasse {0} caractères.", MaxName);
        if (seats is not { } s || s < 1 || s > MaxSeats) throw DomainException.WithValues("Un collège compte de 1 à {0} sièges.", MaxSeats);
        Name = trimmed;
        Seats = s;
    }

    /// <summary>
    /// Checks that a new mandate fits: a free seat in this college on its first day, one president and one
    /// secretary at a time in the council, and the same account not seated twice at once.
    /// </summary>
    public void EnsureRoomFor(IReadOnlyCollection<CouncilMandate> councilMandatesOnStart, MandateRole role, Guid? userId, int newcomers = 1)
    {
        var seated = councilMandatesOnStart.Count(m => m.CollegeId == Id);
        if (seated + newcomers > Seats)
            throw DomainException.WithValues("Le collège {0} n'a plus de siège libre à cette date.", Name);
        if (role != MandateRole.Member && councilMandatesOnStart.Any(m => m.Role == role))
            throw new DomainException(role == MandateRole.President
                ? "Le conseil a déjà un président ou une présidente à cette date : terminez son mandat d'abord."
                : "Le conseil a déjà un ou une secrétaire à cette date : terminez son mandat d'abord.");
        if (userId is not null && councilMandatesOnStart.Any(m => m.UserId == userId))
            throw new DomainException("Cette personne siège déjà au conseil à cette date.");
    }
}

/// <summary>
/// A person who manages one council: its sessions, agenda, minutes, members and opinions, nothing else
/// (checked by the one <c>CouncilAnimationHandler</c>). Not a staff role: it gives no power in the organization.
/// </summary>
public class CouncilAnimator : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public Guid UserId { get; set; }
    public DateTime GrantedAt { get; set; }
}
