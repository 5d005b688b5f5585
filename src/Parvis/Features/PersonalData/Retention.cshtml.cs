using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PersonalData;

/// <summary>How long the organization keeps what it no longer needs; the retention job applies it.</summary>
[Authorize(Policy = Policies.Administer)]
public class RetentionModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, Infrastructure.Cluster.ICacheInvalidation cache) : PageModel
{
    [BindProperty] public int? InactiveAccountMonths { get; set; }
    [BindProperty] public int? FraudIpDays { get; set; }
    [BindProperty] public int? AnonymousEmailDays { get; set; }

    public void OnGet()
    {
        var r = tenant.Organization.Retention;
        (InactiveAccountMonths, FraudIpDays, AnonymousEmailDays) = (r.InactiveAccountMonths, r.FraudIpDays, r.AnonymousEmailDays);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A missing or unreadable number is refused like one out of bounds, never taken as zero.
        ModelState.Clear();
        var asked = new RetentionSettings
        {
            InactiveAccountMonths = InactiveAccountMonths ?? 0,
            FraudIpDays = FraudIpDays ?? 0,
            AnonymousEmailDays = AnonymousEmailDays ?? 0,
        };
        if (asked.Validate() is { } error)
        {
            ModelState.AddModelError("", error);
            return Page();
        }
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var r = o.Retention;
        var changes = new List<string>();
        if (r.InactiveAccountMonths != asked.InactiveAccountMonths) changes.Add($"comptes inactifs : {r.InactiveAccountMonths} → {asked.InactiveAccountMonths} mois");
        if (r.FraudIpDays != asked.FraudIpDays) changes.Add($"adresses IP : {r.FraudIpDays} → {asked.FraudIpDays} jours");
        if (r.AnonymousEmailDays != asked.AnonymousEmailDays) changes.Add($"e-mails sans compte : {r.AnonymousEmailDays} → {asked.AnonymousEmailDays} jours");
        if (changes.Count == 0)
        {
            TempData["Message"] = "Aucune modification.";
            return RedirectToPage();
        }
        (r.InactiveAccountMonths, r.FraudIpDays, r.AnonymousEmailDays) = (asked.InactiveAccountMonths, asked.FraudIpDays, asked.AnonymousEmailDays);
        audit.Record("organization.retention", nameof(Organization), o.Id, string.Join(", ", changes));
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = "Durées de conservation enregistrées.";
        return RedirectToPage();
    }
}
