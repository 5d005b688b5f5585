using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Petitions.Signing;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Moderation;

/// <summary>Where a petition's signatures come from (addresses, e-mail domains), and the bulk invalidation of a scripted run.</summary>
public class PetitionSourcesModel(ParvisDbContext db, SignatureModeration moderation, ModerationCommands scopes) : PageModel, IRedisplaysBrokenRules
{
    public Petition Petition { get; private set; } = null!;
    public List<TrendingPeriod> Periods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostInvalidateAsync(int id, SourceKind kind, string? value, string? period, string? reason)
    {
        var territory = await db.Petitions.Where(p => p.Id == id).Select(p => (int?)p.TerritoryId).FirstOrDefaultAsync();
        if (territory is null) return NotFound();
        if (!await scopes.CoversTerritoryAsync(User, territory.Value)) return Forbid();
        var (confirmed, pending) = await moderation.InvalidateAsync(id, kind, value, period ?? "", reason);
        TempData["Message"] = $"{confirmed + pending} signatures annulées ({confirmed} confirmées, retirées du compte ; {pending} en attente).";
        return RedirectToPage(new { id });
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        // Addresses and domains are shown only to moderators who cover the petition's territory.
        if (petition is null || !await scopes.CoversTerritoryAsync(User, petition.TerritoryId)) return false;
        Petition = petition;
        foreach (var key in SignatureModeration.Periods.Keys) Periods.Add(await moderation.TrendingAsync(id, key));
        return true;
    }
}
