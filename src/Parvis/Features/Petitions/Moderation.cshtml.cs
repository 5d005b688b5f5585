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
public class ModerationModel(ParvisDbContext db, PetitionCommands commands) : PageModel
{
    public sealed record Row(Petition Petition, int Sponsors);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostPublishAsync(int id) => Act(() => commands.PublishAsync(id), "La pétition est publiée et ouverte à la signature.");

    public Task<IActionResult> OnPostRejectAsync(int id, string? reason) => Act(() => commands.RejectAsync(id, reason), "La pétition est refusée ; son auteur reçoit le motif.");

    private async Task<IActionResult> Act(Func<Task> action, string success)
    {
        ModelState.Clear();
        try
        {
            await action();
            TempData["Message"] = success;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError("", e);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var petitions = await db.Petitions.AsNoTracking().Include(p => p.Territory)
            .Where(p => p.Status == PetitionStatus.AwaitingModeration).OrderBy(p => p.SubmittedAt).Take(100).ToListAsync();
        var ids = petitions.Select(p => p.Id).ToList();
        var sponsors = await db.PetitionSponsors.Where(s => ids.Contains(s.PetitionId)).GroupBy(s => s.PetitionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Rows = petitions.Select(p => new Row(p, sponsors.GetValueOrDefault(p.Id))).ToList();
    }
}
