using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Admin;

/// <summary>
/// The keys the organization issues to the clients of its APIs (administrators, as the whole folder): the reusers of
/// the public API and, with the Open311 use, the applications that send reports. Issue one, whose secret this answer
/// shows once and never again, or revoke one, at once on every node (the public API and Open311 alike). Both audited.
/// </summary>
public class ApiKeysModel(ParvisDbContext db, AuditLog audit, TimeProvider clock, TenantContext tenant, ICacheInvalidation caches,
    RateLimitRules limits) : PageModel, IRedisplaysBrokenRules
{
    public List<ApiKey> Keys { get; private set; } = [];
    public int AnonymousReadsPerMinute { get; private set; }

    /// <summary>The key just issued and its secret: on the answer to the form only.</summary>
    public (ApiKey Key, string Secret)? Issued { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ReadsPerMinute { get; set; } = ApiKey.DefaultReadsPerMinute.ToString(CultureInfo.InvariantCulture);
    /// <summary>The key may also send reports through Open311 (off unless ticked: a reuser only reads).</summary>
    [BindProperty] public bool Open311 { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostIssueAsync()
    {
        int? reads = int.TryParse(ReadsPerMinute, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;
        var issued = ApiKey.Issue(Name, reads, Open311, User.UserId(), clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(issued.Key);
        audit.Record("api-key.issue", nameof(ApiKey), issued.Key.Prefix,
            $"« {issued.Key.Name} », {issued.Key.ReadsPerMinute} lectures par minute{(issued.Key.Open311 ? ", signalements Open311" : "")}");
        await db.SaveChangesAsync();
        Issued = issued;
        ModelState.Clear();
        (Name, ReadsPerMinute, Open311) = (null, ApiKey.DefaultReadsPerMinute.ToString(CultureInfo.InvariantCulture), false);
        // The secret is on this page only: no cache, no copy kept by the browser's history.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id) ?? throw new DomainException("Cette clé n'existe pas ou plus.");
        key.Revoke(clock.GetUtcNow().UtcDateTime);
        audit.Record("api-key.revoke", nameof(ApiKey), key.Prefix, $"« {key.Name} »");
        await db.SaveChangesAsync();
        await caches.ForgetAsync([ApiKeyLookup.CacheKey(tenant.Organization.Id, key.SecretHash)]);
        TempData["Message"] = "La clé est révoquée : les requêtes qui la présentent sont refusées.";
        return Redirect("/admin/cles-api");
    }

    public string BrokenRuleField(string? handler) => handler == "Issue" ? nameof(Name) : "";

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync();
        AnonymousReadsPerMinute = limits[RateLimits.PublicApi].Permits;
    }
}
