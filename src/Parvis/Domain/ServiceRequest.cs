namespace Parvis.Domain;

/// <summary>
/// Where a request stands. Open311 sees the first three as "open" and the others as "closed".
/// </summary>
public enum RequestStatus { Submitted, Acknowledged, InProgress, Resolved, NotOurCompetence, Duplicate, Rejected }

/// <summary>
/// A request or problem report (signalement): "un lampadaire ne marche plus rue Victor-Hugo". Routed to
/// the service of its category, followed to resolution in public; an Open311 service request.
/// </summary>
public class ServiceRequest : ITenantOwned, IServiceOwned, ISearchable
{
    public const int MaxDescription = 4_000, MaxAddress = 300, MaxEmail = 256, MaxName = 100, MaxReason = 2_000;
    public const int MaxPhotos = 3;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CategoryId { get; set; }
    public RequestCategory? Category { get; set; }
    /// <summary>The service answering it: the category's at submission, changed by a reassignment.</summary>
    public required string ServiceName { get; set; }
    /// <summary>The deepest territory holding the location; null when the location is outside every boundary.</summary>
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public required string Description { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Address { get; set; }

    /// <summary>The account that reported it, if any.</summary>
    public Guid? AuthorId { get; set; }
    /// <summary>Where follow-up e-mails go (an account's address is read from the account instead); never shown.</summary>
    public string? ReporterEmail { get; set; }
    public string? ReporterName { get; set; }
    /// <summary>Sent without an account where an e-mail must be confirmed: unseen and unrouted until then.</summary>
    public bool AwaitingEmail { get; set; }
    /// <summary>The API key (with the Open311 use) of the client that sent it, if it came through Open311.</summary>
    public int? ApiKeyId { get; set; }
    /// <summary>The Open311 token given to the client at submission (tokens/{token} answers with the id).</summary>
    public string? ApiToken { get; set; }
    /// <summary>A photo given by URL through Open311 (never fetched by the server).</summary>
    public string? MediaUrl { get; set; }

    public RequestStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the service first answered (any move out of "submitted").</summary>
    public DateTime? AcknowledgedAt { get; set; }
    /// <summary>When it was last closed (resolved, not ours, duplicate, rejected); null while open.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>Submission + the category's target: Open311's expected_datetime.</summary>
    public DateTime DueAt { get; set; }
    public int? DuplicateOfId { get; set; }
    /// <summary>The "est-ce réglé ?" e-mail went out (cleared by a reopening).</summary>
    public DateTime? FixCheckSentAt { get; set; }
    public int ReopenCount { get; set; }
    public int FollowerCount { get; set; }

    /// <summary>Hidden by a moderator: kept for the service, out of every public list, page and API answer.</summary>
    public bool IsHidden { get; set; }
    public string? HiddenReason { get; set; }
    /// <summary>Staff replaced personal data in the description; the original is in the audit trail.</summary>
    public DateTime? RedactedAt { get; set; }

    public List<RequestAnswer> Answers { get; set; } = [];
    public List<RequestPhoto> Photos { get; set; } = [];
    public List<RequestUpdate> Updates { get; set; } = [];

    /// <summary>What the public page shows of it (the category is the page's title, not the request's text).</summary>
    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Request, Id, "", Description + (Address is null ? "" : "\n\n" + Address), TerritoryId, SubmittedAt);

    public bool IsOpen => Status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.InProgress;
    public bool IsOverdue(DateTime now) => IsOpen && now > DueAt;

    public static bool IsOpenStatus(RequestStatus status) => status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.InProgress;

    public static string? Validate(string? description, double? latitude, double? longitude, string? address)
    {
        if (string.IsNullOrWhiteSpace(description)) return "Décrivez ce que vous signalez.";
        if (description.Trim().Length > MaxDescription) return $"La description dépasse {MaxDescription} caractères.";
        if (latitude is null != longitude is null) return "Indiquez la latitude et la longitude, ou aucune des deux.";
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180 || latitude is double.NaN || longitude is double.NaN)
            return "Cette position n'existe pas : la latitude est entre -90 et 90, la longitude entre -180 et 180.";
        if (address is { Length: > MaxAddress }) return $"L'adresse dépasse {MaxAddress} caractères.";
        if (latitude is null && string.IsNullOrWhiteSpace(address)) return "Indiquez où : une adresse, ou un point sur la carte.";
        return null;
    }

    /// <summary>The moves a service may make; a reporter's reopening is <see cref="Reopen"/>.</summary>
    public static bool CanMove(RequestStatus from, RequestStatus to) => from != to && (from, to) switch
    {
        (_, RequestStatus.Submitted) => false,
        (RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.InProgress, _) => true,
        // A closed request may be taken up again by its service.
        (_, RequestStatus.Acknowledged or RequestStatus.InProgress) => true,
        _ => false,
    };

    /// <summary>
    /// Moves the request; a rejection or "not our competence" needs a public reason, a duplicate the
    /// request it repeats (open or not, but not itself nor a duplicate). Returns the history entry.
    /// </summary>
    public RequestUpdate MoveTo(RequestStatus to, DateTime now, Guid? staffId, string signature, string? publicText, string? internalNote, ServiceRequest? duplicateOf = null)
    {
        if (AwaitingEmail) throw new DomainException("Ce signalement attend la confirmation de l'adresse e-mail de son auteur.");
        if (!CanMove(Status, to)) throw DomainException.WithValues("Un signalement ne passe pas de « {0} » à « {1} ».", Label(Status), Label(to));
        var text = Clean(publicText, "Le message public");
        var note = Clean(internalNote, "La note interne");
        if (to is RequestStatus.Rejected or RequestStatus.NotOurCompetence && text is null)
            throw new DomainException("Expliquez publiquement pourquoi ce signalement n'est pas traité.");
        if (to == RequestStatus.Duplicate)
        {
            if (duplicateOf is null) throw new DomainException("Indiquez le signalement dont celui-ci est un doublon.");
            if (duplicateOf.Id == Id) throw new DomainException("Un signalement n'est pas le doublon de lui-même.");
            if (duplicateOf.Status == RequestStatus.Duplicate) throw new DomainException("Ce signalement est lui-même un doublon : indiquez l'original.");
            DuplicateOfId = duplicateOf.Id;
        }
        else DuplicateOfId = null;
        Status = to;
        UpdatedAt = now;
        AcknowledgedAt ??= now;
        if (IsOpen) { ClosedAt = null; FixCheckSentAt = null; }
        else ClosedAt = now;
        var update = new RequestUpdate { OrganizationId = OrganizationId, At = now, Status = to, PublicText = text, InternalNote = note, StaffId = staffId, Signature = signature };
        Updates.Add(update);
        return update;
    }

    /// <summary>A public message or internal note without a change of status.</summary>
    public RequestUpdate Comment(DateTime now, Guid staffId, string signature, string? publicText, string? internalNote)
    {
        var text = Clean(publicText, "Le message public");
        var note = Clean(internalNote, "La note interne");
        if (text is null && note is null) throw new DomainException("Écrivez un message public ou une note interne.");
        UpdatedAt = now;
        var update = new RequestUpdate { OrganizationId = OrganizationId, At = now, Status = null, PublicText = text, InternalNote = note, StaffId = staffId, Signature = signature };
        Updates.Add(update);
        return update;
    }

    /// <summary>The reporter says "ce n'est pas réglé": the request goes back to the service.</summary>
    public RequestUpdate Reopen(DateTime now, string? reason)
    {
        if (Status != RequestStatus.Resolved) throw new DomainException("Seul un signalement résolu peut être rouvert.");
        var text = Clean(reason, "Votre message");
        Status = RequestStatus.Acknowledged;
        ClosedAt = null;
        FixCheckSentAt = null;
        ReopenCount++;
        UpdatedAt = now;
        var update = new RequestUpdate { OrganizationId = OrganizationId, At = now, Status = RequestStatus.Acknowledged, PublicText = text, IsReopening = true, Signature = "Auteur du signalement" };
        Updates.Add(update);
        return update;
    }

    public void Reassign(string serviceName, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(serviceName)) throw new DomainException("Choisissez le service.");
        if (serviceName.Trim().Length > RequestCategory.MaxServiceName) throw DomainException.WithValues("Le nom du service dépasse {0} caractères.", RequestCategory.MaxServiceName);
        if (serviceName.Trim() == ServiceName) throw new DomainException("Ce signalement est déjà confié à ce service.");
        ServiceName = serviceName.Trim();
        UpdatedAt = now;
    }

    private static string? Clean(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length > MaxReason) throw DomainException.WithValues("{0} dépasse {1} caractères.", what, MaxReason);
        return text;
    }

    /// <summary>The French label of a status (translated in views).</summary>
    public static string Label(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "Envoyé",
        RequestStatus.Acknowledged => "Pris en compte",
        RequestStatus.InProgress => "En cours",
        RequestStatus.Resolved => "Résolu",
        RequestStatus.NotOurCompetence => "Hors compétence",
        RequestStatus.Duplicate => "Doublon",
        _ => "Rejeté",
    };

    /// <summary>Distance in metres between two points (haversine); enough for "within 250 m".</summary>
    public static double MetresBetween(double lat1, double lon1, double lat2, double lon2)
    {
        const double earth = 6_371_000;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earth * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>The answer to one of the category's extra questions.</summary>
public class RequestAnswer : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int RequestId { get; set; }
    public int QuestionId { get; set; }
    public CategoryQuestion? Question { get; set; }
    public required string Value { get; set; }
}

/// <summary>A photo of the request (resized, metadata stripped); a moderator may hide it.</summary>
public class RequestPhoto : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int RequestId { get; set; }
    public Guid FileId { get; set; }
    public int Position { get; set; }
    public bool IsHidden { get; set; }
}

/// <summary>
/// One line of a request's history: a change of status and/or a public message (signed by the service)
/// and/or an internal note (never public, never in the API).
/// </summary>
public class RequestUpdate : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int RequestId { get; set; }
    public DateTime At { get; set; }
    /// <summary>The status it moved to; null for a message without a change.</summary>
    public RequestStatus? Status { get; set; }
    public string? PublicText { get; set; }
    public string? InternalNote { get; set; }
    public Guid? StaffId { get; set; }
    /// <summary>Who speaks publicly: the service's name, never the agent's (droit de réserve).</summary>
    public required string Signature { get; set; }
    public bool IsReopening { get; set; }
    public bool IsPublic => Status is not null || PublicText is not null;
}

/// <summary>Someone told of each public update: an account, or an e-mail address once confirmed.</summary>
public class RequestFollower : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int RequestId { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>For a follower without an account: the canonical address (unique per request).</summary>
    public string? Email { get; set; }
    public DateTime Since { get; set; }
}
