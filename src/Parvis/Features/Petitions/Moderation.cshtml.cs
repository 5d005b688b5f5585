using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Petitions;

/// <summary>Petitions awaiting moderation: checked against the charter and the collectivité's competences.</summary>
[Authorize(Policy = Policies.Moderate)]
public class ModerationModel(ParvisDbContext db, PetitionCommands commands, Features.Moderation.ModerationCommands moderation) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Row(Petition Petition, int Sponsors);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPublishAsync(int id) =>
        await InScopeAsync(id) ? await Act(() => commands.PublishAsync(id), "La pétition est publiée et ouverte à la signature.") : Forbid();

    public async Task<IActionResult> OnPostRejectAsync(int id, string? reason) =>
        await InScopeAsync(id) ? await Act(() => commands.RejectAsync(id, reason), "La pétition est refusée ; son auteur reçoit le motif.") : Forbid();

    /// <summary>A moderator limited to a territory (or a consultation) acts only on the petitions of the territories they cover.</summary>
    private async Task<bool> InScopeAsync(int id) =>
        await db.Petitions.Where(p => p.Id == id).Select(p => (int?)p.TerritoryId).FirstOrDefaultAsync() is not { } territory
        || await moderation.CoversTerritoryAsync(User, territory);

    private async Task<IActionResult> Act(Func<Task> action, string success)
    {
        ModelState.Clear();
        await action();
        TempData["Message"] = success;
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        var query = db.Petitions.AsNoTracking().Include(p => p.Territory).Where(p => p.Status == PetitionStatus.AwaitingModeration);
        if (await moderation.ScopeAsync(User) is { } scope) query = query.Where(p => scope.Territories.Contains(p.TerritoryId));
        var petitions = await query.OrderBy(p => p.SubmittedAt).Take(100).ToListAsync();
        var ids = petitions.Select(p => p.Id).ToList();
        var sponsors = await db.PetitionSponsors.Where(s => ids.Contains(s.PetitionId)).GroupBy(s => s.PetitionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Rows = petitions.Select(p => new Row(p, sponsors.GetValueOrDefault(p.Id))).ToList();
    }
}
