namespace Parvis.Domain;

/// <summary>
/// An account or address stopped by a rate limit, kept for the moderators: who, which limit, when it
/// started and how many requests were refused. Refusals of the same person within an hour add up.
/// </summary>
public class RateLimitEvent : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Limit { get; set; }
    public Guid? UserId { get; set; }
    public string? IpAddress { get; set; }
    public DateTime FirstAt { get; set; }
    public DateTime LastAt { get; set; }
    public int RefusedCount { get; set; }
}
