namespace Parvis.Domain;

public enum MeetingKind { PublicMeeting, Workshop, Permanence, Exhibition, Walk }

/// <summary>Where people take part: in a room, online, or both at once.</summary>
public enum MeetingFormat { InPerson, Online, Hybrid }

/// <summary>
/// A réunion publique, an atelier, a permanence, an exposition or a balade: when and where, what is on the agenda,
/// the registrations when the organizer asks for them, and the minutes afterwards. Registrations are counted in
/// <see cref="ConfirmedCount"/>, moved only by conditional updates so that the capacity holds under concurrency.
/// </summary>
public class Meeting : ITenantOwned, IParticipationSpace, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxAddress = 300;
    public const int MaxRoom = 200;
    public const int MaxOnlineUrl = 500;
    public const int MaxContact = 300;
    public const int MaxAgenda = 20_000;
    public const int MaxMinutes = 50_000;
    public const int MaxCapacity = 100_000;
    public const int MaxReason = 1_000;
    /// <summary>The online link appears to registered people this long before the start.</summary>
    public static readonly TimeSpan OnlineLinkLead = TimeSpan.FromHours(1);

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public MeetingKind Kind { get; set; }
    public MeetingFormat Format { get; set; }
    public DateTime StartsAt { get; set; }
    /// <summary>The end; an exhibition runs over days or weeks.</summary>
    public DateTime EndsAt { get; set; }
    public int? ConsultationId { get; set; }
    public int? TerritoryId { get; set; }
    /// <summary>The council whose session this is, if any: its members are invited and its page lists it.</summary>
    public int? CouncilId { get; set; }

    public string? Address { get; set; }
    public string? Room { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Shown to registered people only, from <see cref="OnlineLinkLead"/> before the start.</summary>
    public string? OnlineUrl { get; set; }

    public bool StepFreeAccess { get; set; }
    public bool InductionLoop { get; set; }
    public bool SignLanguage { get; set; }
    public bool Childcare { get; set; }
    /// <summary>Who to ask about access or a need before coming (a name, a phone, an address).</summary>
    public string? AccessibilityContact { get; set; }

    public string? AgendaMarkdown { get; set; }
    public string? MinutesMarkdown { get; set; }
    public DateTime? MinutesPublishedAt { get; set; }

    public bool RegistrationRequired { get; set; }
    public ParticipationLevel RegistrationLevel { get; set; } = ParticipationLevel.Anyone;
    /// <summary>Null: no limit.</summary>
    public int? Capacity { get; set; }
    public int ConfirmedCount { get; set; }

    public DateTime? PublishedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>The day-before reminders went out (set once, with the e-mails, by a conditional update).</summary>
    public DateTime? RemindersSentAt { get; set; }
    public DateTime CreatedAt { get; set; }

    int IParticipationSpace.TerritoryId => TerritoryId ?? 0;

    public ActionRequirement RequirementFor(ParticipationAction action) =>
        action == ParticipationAction.RegisterToMeeting ? new(RegistrationLevel, null) : new(ParticipationLevel.ConfirmedAccount, null);

    /// <summary>The agenda, and the minutes once published (never before: their words would find the meeting).</summary>
    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Meeting, Id, Title, (AgendaMarkdown ?? "") + (MinutesPublishedAt is null ? "" : "\n\n" + MinutesMarkdown),
            TerritoryId, PublishedAt ?? CreatedAt);

    public bool IsCancelled => CancelledAt is not null;
    public bool IsInPerson => Format != MeetingFormat.Online;
    public bool IsOnline => Format != MeetingFormat.InPerson;
    public bool HasEnded(DateTime now) => EndsAt <= now;
    public bool IsFull => Capacity is { } c && ConfirmedCount >= c;
    public int? SeatsLeft => Capacity is { } c ? Math.Max(0, c - ConfirmedCount) : null;

    /// <summary>A registered person sees the link from an hour before the start to the end.</summary>
    public bool ShowsOnlineLinkAt(DateTime now) =>
        IsOnline && !IsCancelled && OnlineUrl is not null && now >= StartsAt - OnlineLinkLead && now < EndsAt;

    /// <summary>The organizer's choices, checked together; null when they hold.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Title)) return "Le titre est obligatoire.";
        if (Title.Length > MaxTitle) return $"Le titre dépasse {MaxTitle} caractères.";
        if (!Enum.IsDefined(Kind)) return "Choisissez un type de rencontre.";
        if (!Enum.IsDefined(Format)) return "Choisissez si la rencontre a lieu sur place, en ligne ou les deux.";
        if (EndsAt <= StartsAt) return "La fin doit venir après le début.";
        if (Kind != MeetingKind.Exhibition && EndsAt - StartsAt > TimeSpan.FromDays(1))
            return "Seule une exposition dure plus d'une journée : raccourcissez la rencontre ou choisissez « Exposition ».";
        if (IsInPerson && string.IsNullOrWhiteSpace(Address)) return "Indiquez l'adresse du lieu.";
        if (IsOnline && string.IsNullOrWhiteSpace(OnlineUrl)) return "Indiquez le lien de la rencontre en ligne.";
        if (OnlineUrl is { } url && !IsWebAddress(url)) return "Le lien en ligne doit commencer par https:// ou http://.";
        if ((Latitude is null) != (Longitude is null)) return "Indiquez la latitude et la longitude, ou aucune des deux.";
        if (Latitude is < -90 or > 90 || Longitude is < -180 or > 180) return "Ces coordonnées ne désignent aucun point.";
        if (Capacity is < 1 or > MaxCapacity) return $"La capacité va de 1 à {MaxCapacity} places.";
        if (!RegistrationRequired && Capacity is not null) return "Une capacité n'a de sens qu'avec une inscription.";
        if (!Enum.IsDefined(RegistrationLevel) || RegistrationLevel == ParticipationLevel.AnyoneWithConfirmedEmail)
            return "Choisissez qui peut s'inscrire.";
        if (RegistrationLevel == ParticipationLevel.VerifiedResident && TerritoryId is null)
            return "Une inscription réservée aux habitants demande un territoire.";
        if (Address is { Length: > MaxAddress } || Room is { Length: > MaxRoom } || OnlineUrl is { Length: > MaxOnlineUrl }
            || AccessibilityContact is { Length: > MaxContact })
            return "Un des champs du lieu ou de l'accessibilité est trop long.";
        if (AgendaMarkdown is { Length: > MaxAgenda }) return $"L'ordre du jour dépasse {MaxAgenda} caractères.";
        return null;
    }

    /// <summary>A lower capacity than the people already confirmed would push someone out: refused.</summary>
    public void EnsureCapacityKeeps(int? capacity)
    {
        if (capacity is { } c && c < ConfirmedCount)
            throw DomainException.WithValues("{0} personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous.", ConfirmedCount);
    }

    public void EnsureOpenForRegistration(DateTime now)
    {
        if (RegistrationClosedReason(now) is { } reason) throw reason;
    }

    /// <summary>Why registration is closed now, or null when it is open (the page says it without catching).</summary>
    public DomainException? RegistrationClosedReason(DateTime now)
    {
        if (PublishedAt is null || IsCancelled) return new DomainException("Cette rencontre est annulée ou n'est pas publiée.");
        if (!RegistrationRequired) return new DomainException("Cette rencontre est sans inscription : venez librement.");
        // An exhibition is visited until it closes; any other meeting takes registrations until it starts.
        var closes = Kind == MeetingKind.Exhibition ? EndsAt : StartsAt;
        return now >= closes ? new DomainException("Les inscriptions sont closes.") : null;
    }

    public void Cancel(string? reason, DateTime now)
    {
        if (IsCancelled) throw new DomainException("Cette rencontre est déjà annulée.");
        if (HasEnded(now)) throw new DomainException("Une rencontre passée ne peut plus être annulée.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif de l'annulation : il est affiché et envoyé aux inscrits.");
        if (reason.Length > MaxReason) throw new DomainException($"Le motif dépasse {MaxReason} caractères.");
        CancelledAt = now;
        CancellationReason = reason.Trim();
    }

    /// <summary>Minutes are written once the meeting has begun; publishing them again replaces the text.</summary>
    public void PublishMinutes(string? markdown, DateTime now)
    {
        if (IsCancelled) throw new DomainException("Une rencontre annulée n'a pas de compte rendu.");
        if (now < StartsAt) throw new DomainException("Le compte rendu se publie une fois la rencontre commencée.");
        if (string.IsNullOrWhiteSpace(markdown)) throw new DomainException("Le compte rendu est vide.");
        if (markdown.Length > MaxMinutes) throw new DomainException($"Le compte rendu dépasse {MaxMinutes} caractères.");
        MinutesMarkdown = markdown.Trim();
        MinutesPublishedAt ??= now;
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

public enum RegistrationStatus { Confirmed, Waiting, Cancelled }

/// <summary>
/// A seat asked for: confirmed, on the waiting list, or cancelled. The cancellation link carries a random token of
/// which only the SHA-256 is kept. One active registration per address and meeting (a filtered unique index).
/// </summary>
public class MeetingRegistration : ITenantOwned
{
    public const int MaxName = 200;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int MeetingId { get; set; }
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-cased; where the confirmation, the promotion and the reminder go.</summary>
    public required string Email { get; set; }
    public RegistrationStatus Status { get; set; }
    public required string CancelTokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PromotedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    /// <summary>Marked by the organizer on the day; null: not marked yet.</summary>
    public bool? Attended { get; set; }

    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Indiquez votre nom : il figure sur la feuille d'émargement.";
        if (name.Trim().Length > MaxName) return $"Le nom dépasse {MaxName} caractères.";
        return null;
    }
}
