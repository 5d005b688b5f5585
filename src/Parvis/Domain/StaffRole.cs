namespace Parvis.Domain;

public enum StaffRole { Moderator, Agent, ElectedOfficial, Administrator }

/// <summary>What one service carries (a consultation, a proposal space, a request, an outcome): its agents act on it.</summary>
public interface IServiceOwned
{
    string? ServiceName { get; }
}

/// <summary>A staff role granted to a person in one organization, optionally scoped.</summary>
public class RoleAssignment : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public StaffRole Role { get; set; }
    /// <summary>For moderators: the territory (and everything under it) they moderate; null is everywhere.</summary>
    public int? TerritoryId { get; set; }
    /// <summary>For moderators: the one consultation (space) they moderate; null is not limited to a space.</summary>
    public int? ConsultationId { get; set; }
    /// <summary>For agents: the service they answer for, shown as the signature of official responses.</summary>
    public string? ServiceName { get; set; }
    public DateTime GrantedAt { get; set; }
}

/// <summary>Every staff action, kept for administrators.</summary>
public class AuditEntry : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string TargetType { get; set; }
    public required string TargetId { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
}
