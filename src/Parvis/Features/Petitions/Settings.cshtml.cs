using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>The organization's petition rules; the thresholds apply to petitions published afterwards.</summary>
[Authorize(Policy = Policies.Administer)]
public class SettingsModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, Infrastructure.Cluster.ICacheInvalidation cache) : PageModel
{
    [BindProperty] public int? SponsorsRequired { get; set; }
    [BindProperty] public int? OpenMonths { get; set; }
    [BindProperty] public int? ResponseThreshold { get; set; }
    [BindProperty] public int? ResponseDeadlineDays { get; set; }
    [BindProperty] public int? AgendaThreshold { get; set; }
    [BindProperty] public bool ElectorMode { get; set; }
    [BindProperty] public CollectivityKind CollectivityKind { get; set; }
    [BindProperty] public int? RegisteredElectors { get; set; }
    [BindProperty] public ParticipationLevel SignLevel { get; set; }
    public int ElectorsOnList { get; private set; }
    public int ElectorThreshold { get; private set; }

    public static readonly ParticipationLevel[] SignLevels =
        [ParticipationLevel.AnyoneWithConfirmedEmail, ParticipationLevel.ConfirmedAccount, ParticipationLevel.VerifiedResident, ParticipationLevel.VerifiedElector];

    public async Task OnGetAsync()
    {
        var s = tenant.Organization.Petitions;
        (SponsorsRequired, OpenMonths, ResponseThreshold, ResponseDeadlineDays, AgendaThreshold) = (s.SponsorsRequired, s.OpenMonths, s.ResponseThreshold, s.ResponseDeadlineDays, s.AgendaThreshold);
        (ElectorMode, CollectivityKind, RegisteredElectors, SignLevel) = (s.ElectorMode, s.CollectivityKind, s.RegisteredElectors, s.SignLevel);
        await LoadAsync(s);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A missing number is refused like one out of bounds, never taken as zero.
        ModelState.Clear();
        var asked = new PetitionSettings
        {
            SponsorsRequired = SponsorsRequired ?? -1,
            OpenMonths = OpenMonths ?? 0,
            ResponseThreshold = ResponseThreshold ?? 0,
            ResponseDeadlineDays = ResponseDeadlineDays ?? 0,
            AgendaThreshold = AgendaThreshold,
            ElectorMode = ElectorMode,
            CollectivityKind = Enum.IsDefined(CollectivityKind) ? CollectivityKind : CollectivityKind.Commune,
            RegisteredElectors = RegisteredElectors,
            SignLevel = SignLevels.Contains(SignLevel) ? SignLevel : ParticipationLevel.Anyone,
        };
        if (asked.Validate() is { } error)
        {
            ModelState.AddModelError("", error);
            await LoadAsync(asked);
            return Page();
        }
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var before = Describe(o.Petitions);
        o.Petitions = asked;
        var after = Describe(asked);
        if (before == after)
        {
            TempData["Message"] = "Aucune modification.";
            return RedirectToPage();
        }
        audit.Record("organization.petitions", nameof(Organization), o.Id, $"{before} → {after}");
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = "Réglages des pétitions enregistrés.";
        return RedirectToPage();
    }

    private async Task LoadAsync(PetitionSettings settings)
    {
        ElectorsOnList = await PetitionCommands.ElectorsOnListAsync(db);
        ElectorThreshold = settings.ElectorThreshold(settings.RegisteredElectors ?? ElectorsOnList);
    }

    private static string Describe(PetitionSettings s) =>
        $"parrains {s.SponsorsRequired}, {s.OpenMonths} mois, réponse à {s.ResponseThreshold} sous {s.ResponseDeadlineDays} j, ordre du jour à {s.AgendaThreshold?.ToString() ?? "—"}, " +
        $"CGCT {(s.ElectorMode ? "oui" : "non")} ({s.CollectivityKind}, inscrits {s.RegisteredElectors?.ToString() ?? "liste"}), signature {s.SignLevel}";
}
