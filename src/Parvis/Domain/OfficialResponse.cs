namespace Parvis.Domain;

public enum ResponseStatus { Draft, Published }

/// <summary>
/// An answer in the institution's name: an agent drafts it, an elected official or administrator
/// validates it, and it is signed with the service's label, never the agent's name (droit de réserve).
/// </summary>
public class OfficialResponse : ITenantOwned
{
    public const int MaxBody = 10_000;
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContributionId { get; set; }
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

    public void Publish(Guid validatorId, Contribution contribution, DateTime now)
    {
        if (Status == ResponseStatus.Published) throw new DomainException("Cette réponse est déjà publiée.");
        if (validatorId == DraftedById) throw new DomainException("Une réponse est validée par une autre personne que celle qui l'a rédigée.");
        Status = ResponseStatus.Published;
        ValidatedById = validatorId;
        PublishedAt = now;
        contribution.FirstAnsweredAt ??= now;
    }
}
