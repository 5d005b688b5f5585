using System.Security.Claims;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Infrastructure.Web;

/// <summary>Writes the audit entry of a staff action into the action's own unit of work.</summary>
public sealed class AuditLog(ParvisDbContext db, IHttpContextAccessor http, TimeProvider clock, Cluster.ICacheInvalidation caches)
{
    private bool _evictionPlanned;

    public void Record(string action, string targetType, object targetId, string? details = null)
    {
        var user = http.HttpContext?.User;
        var actorId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        Add(actorId, user?.FindFirstValue(ParvisClaims.DisplayName) ?? "système", action, targetType, targetId, details);
    }

    /// <summary>An entry that names nobody: the erasure of an account keeps no trace of who it was.</summary>
    public void RecordWithoutActor(string actorName, string action, string targetType, object targetId, string? details = null) =>
        Add(null, actorName, action, targetType, targetId, details);

    private void Add(Guid? actorId, string actorName, string action, string targetType, object targetId, string? details)
    {
        PlanPageEviction();
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            TargetType = targetType,
            TargetId = Convert.ToString(targetId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            At = clock.GetUtcNow().UtcDateTime,
        });
    }

    // A staff action (hiding, answering, settings…) shows on anonymous pages at once, on every node:
    // the organization's cached pages go before the answer leaves, after the action has been saved.
    private void PlanPageEviction()
    {
        if (_evictionPlanned || http.HttpContext is not { } context || db.TenantId == 0) return;
        _evictionPlanned = true;
        var tag = AnonymousPagePolicy.OrganizationTag(db.TenantId);
        context.Response.OnStarting(() => caches.EvictPagesAsync(tag));
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
