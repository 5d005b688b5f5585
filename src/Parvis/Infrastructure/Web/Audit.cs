using System.Security.Claims;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Infrastructure.Web;

/// <summary>Writes the audit entry of a staff action into the action's own unit of work.</summary>
public sealed class AuditLog(ParvisDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string targetType, object targetId, string? details = null)
    {
        var user = http.HttpContext?.User;
        var actorId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = actorId,
            ActorName = user?.FindFirstValue(ParvisClaims.DisplayName) ?? "système",
            Action = action,
            TargetType = targetType,
            TargetId = Convert.ToString(targetId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            At = clock.GetUtcNow().UtcDateTime,
        });
    }
}

public static class ParvisClaims
{
    public const string DisplayName = "parvis:name";
    public const string TwoFactor = "parvis:2fa";
    public const string PlatformOperator = "parvis:operator";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClaimTypes.Role);
}
