namespace Parvis.Domain;

public enum ResponseStatus { Draft, Published }

/// <summary>What an official response answers: a contribution, a proposal, a petition or a council's opinion.</summary>
public enum ResponseSubjectKind { Contribution, Proposal, Petition, Opinion }

public readonly record struct ResponseSubject(ResponseSubjectKind Kind, int Id)
{
    public static ResponseSubject Contribution(int id) => new(ResponseSubjectKind.Contribution, id);
    public static ResponseSubject Proposal(int id) => new(ResponseSubjectKind.Proposal, id);
    public static ResponseSubject Petition(int id) => new(ResponseSubjectKind.Petition, id);
    public static ResponseSubject Opinion(int id) => new(ResponseSubjectKind.Opinion, id);
}

/// <summary>
/// An answer in the institution's name: an agent drafts it, an elected official or administrator
/// validates it, and it is signed with the service's label, never the agent's name (droit de réserve).
/// </summary>
public class OfficialResponse : ITenantOwned
{
    public const int MaxBody = 10_000;
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    // Exactly one of the four is set (see Subject).
    public int? ContributionId { get; set; }
    public int? ProposalId { get; set; }
    public int? PetitionId { get; set; }
    public int? CouncilOpinionId { get; set; }
    public required string Body { get; set; }
    public required string SignatureLabel { get; set; }
    public Guid DraftedById { get; set; }
    public DateTime DraftedAt { get; set; }
    public ResponseStatus Status { get; set; }
    public Guid? ValidatedById { get; set; }
    public DateTime? PublishedAt { get; set; }

    public static string? Validate(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "La réponse est vide.";
        if (body.Length > MaxBody) return $"La réponse dépasse {MaxBody} caractères.";
        return null;
    }

    public ResponseSubject Subject
    {
        get => ContributionId is { } c ? ResponseSubject.Contribution(c)
            : ProposalId is { } p ? ResponseSubject.Proposal(p)
            : CouncilOpinionId is { } o ? ResponseSubject.Opinion(o)
            : ResponseSubject.Petition(PetitionId ?? 0);
        init
        {
            ContributionId = value.Kind == ResponseSubjectKind.Contribution ? value.Id : null;
            ProposalId = value.Kind == ResponseSubjectKind.Proposal ? value.Id : null;
            PetitionId = value.Kind == ResponseSubjectKind.Petition ? value.Id : null;
            CouncilOpinionId = value.Kind == ResponseSubjectKind.Opinion ? value.Id : null;
        }
    }

    /// <summary>Publishes the draft; the caller records the first-answer time on what it answers.</summary>
    public void Publish(Guid validatorId, DateTime now)
    {
        if (Status == ResponseStatus.Published) throw new DomainException("Cette réponse est déjà publiée.");
        if (validatorId == DraftedById) throw new DomainException("Une réponse est validée par une autre personne que celle qui l'a rédigée.");
        Status = ResponseStatus.Published;
        ValidatedById = validatorId;
        PublishedAt = now;
    }
}
