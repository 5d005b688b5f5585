using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Platform;

/// <summary>The installation's organizations, for the platform operator.</summary>
[Authorize(Policy = Policies.OperatePlatform)]
public class IndexModel(ParvisDbContext db, OrganizationCreator creator) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Row(int Id, string Name, string Hosts, int Consultations, int Accounts);

    public List<Row> Organizations { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? HostNames { get; set; }
    [BindProperty] public string? AdministratorEmail { get; set; }

    public async Task OnGetAsync()
    {
        // Counting across organizations is the operator's job, and the only place filters are lifted.
        var consultations = await db.Consultations.IgnoreQueryFilters().GroupBy(c => c.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var accounts = await db.Users.IgnoreQueryFilters().GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var organizations = await db.Organizations.AsNoTracking().Include(o => o.Hosts).OrderBy(o => o.Name).ToListAsync();
        Organizations = organizations.Select(o => new Row(o.Id, o.Name, string.Join(", ", o.Hosts.Select(h => h.HostName)),
            consultations.GetValueOrDefault(o.Id), accounts.GetValueOrDefault(o.Id))).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await creator.CreateAsync(new NewOrganization(Name, HostNames, AdministratorEmail),
            User.FindFirst(ParvisClaims.DisplayName)?.Value ?? "opérateur");
        TempData["Message"] = "La collectivité est créée ; son administrateur a reçu un lien pour choisir son mot de passe.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await OnGetAsync();
        return true;
    }
}
