using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Manage;

/// <summary>How the organization takes requests (public or not, anonymous or not, delays) and its categories by group.</summary>
[Authorize(Policy = Policies.Administer)]
public class SettingsModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, Infrastructure.Cluster.ICacheInvalidation cache) : PageModel
{
    [BindProperty] public bool PublicRequests { get; set; }
    [BindProperty] public bool AllowAnonymous { get; set; }
    [BindProperty] public int? AskIfFixedAfterDays { get; set; }
    [BindProperty] public int? NearbyMetres { get; set; }

    public sealed record CategoryRow(int Id, string Code, string Name, string Group, string ServiceName, int TargetHours, bool IsActive, int Questions, int Requests);
    public List<IGrouping<string, CategoryRow>> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var s = tenant.Organization.Requests;
        (PublicRequests, AllowAnonymous, AskIfFixedAfterDays, NearbyMetres) = (s.PublicRequests, s.AllowAnonymous, s.AskIfFixedAfterDays, s.NearbyMetres);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A missing number is refused like one out of bounds, never taken as zero.
        ModelState.Clear();
        var asked = new RequestSettings
        {
            PublicRequests = PublicRequests,
            AllowAnonymous = AllowAnonymous,
            AskIfFixedAfterDays = AskIfFixedAfterDays ?? 0,
            NearbyMetres = NearbyMetres ?? 0,
        };
        if (asked.Validate() is { } error)
        {
            ModelState.AddModelError("", error);
            await LoadAsync();
            return Page();
        }
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var before = Describe(o.Requests);
        var after = Describe(asked);
        if (before == after)
        {
            TempData["Message"] = "Aucune modification.";
            return RedirectToPage();
        }
        o.Requests = asked;
        audit.Record("organization.requests", nameof(Organization), o.Id, $"{before} → {after}");
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = "Réglages des signalements enregistrés.";
        return RedirectToPage();
    }

    private static string Describe(RequestSettings s) =>
        $"publics {(s.PublicRequests ? "oui" : "non")}, anonymes {(s.AllowAnonymous ? "oui" : "non")}, « est-ce réglé ? » après {s.AskIfFixedAfterDays} j, proches {s.NearbyMetres} m";

    private async Task LoadAsync()
    {
        var rows = await db.RequestCategories.AsNoTracking()
            .OrderBy(c => c.Group).ThenBy(c => c.Position).ThenBy(c => c.Name)
            .Select(c => new CategoryRow(c.Id, c.Code, c.Name, c.Group, c.ServiceName, c.TargetHours, c.IsActive, c.Questions.Count,
                db.ServiceRequests.Count(r => r.CategoryId == c.Id)))
            .ToListAsync();
        Groups = rows.GroupBy(r => r.Group).ToList();
    }

    /// <summary>"48 heures" or "7 jours": the target as the form asked it.</summary>
    public static (int Amount, string Unit) Target(int hours) => hours % 24 == 0 ? (hours / 24, "jours") : (hours, "heures");
}
