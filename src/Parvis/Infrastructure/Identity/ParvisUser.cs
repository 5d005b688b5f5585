using Microsoft.AspNetCore.Identity;
using Parvis.Domain;

namespace Parvis.Infrastructure.Identity;

/// <summary>An account belongs to one organization: the same e-mail may hold accounts in two.</summary>
public class ParvisUser : IdentityUser<Guid>, ITenantOwned
{
    public int OrganizationId { get; set; }
    public required string Pseudonym { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Set at each sign-in (<see cref="SignInTracker"/>); inactivity is counted from it, or from the creation.</summary>
    public DateTime? LastSignInAt { get; set; }
    /// <summary>When the retention job warned that the inactive account will be anonymised; a sign-in clears it.</summary>
    public DateTime? InactivityWarnedAt { get; set; }
    public DateTime? BlockedAt { get; set; }
    public string? BlockedReason { get; set; }
    /// <summary>Runs the installation: creates organizations and binds their host names.</summary>
    public bool IsPlatformOperator { get; set; }
    /// <summary>The short code the person shows at the town hall desk ("K7M4-QX2P"); unique in the organization, made on first need.</summary>
    public string? InPersonCode { get; set; }

    public string DisplayName(DisplayIdentity mode) => AuthorName.Format(mode, Pseudonym, FirstName, LastName);
}
