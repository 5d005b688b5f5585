using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Sortition.Manage;

/// <summary>One draw for staff: quotas and pool while it is prepared, then each round committed and run, the
/// selected people with their names, declining and replacing.</summary>
[Authorize(Policy = Policies.Administer)]
public class DrawModel(ParvisDbContext db, DrawCommands commands, DrawSeating seating) : PageModel, IRedisplaysBrokenRules
{
    public Draw Draw { get; private set; } = null!;
    public List<DrawQuota> Quotas { get; private set; } = [];
    public List<DrawRound> Rounds { get; private set; } = [];
    public List<DrawPerson> Selected { get; private set; } = [];
    public int PoolSize { get; private set; }
    /// <summary>The colleges of the organization's councils the panel can be seated in.</summary>
    public List<SeatChoice> SeatChoices { get; private set; } = [];
    public int AwaitingSeat => Selected.Count(p => p.Sits && p.SeatedAt is null);

    public bool Prepared => Rounds.Count == 0;
    public bool AwaitingRun => Rounds.Count > 0 && !Rounds[^1].IsDrawn;
    public int Sitting => Selected.Count(p => p.Sits);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostQuotasAsync(int id, IFormFile? file)
    {
        if (file is null || file.Length == 0) return await Invalid(id, "file", "Choisissez un fichier CSV.");
        await using var stream = file.OpenReadStream();
        await commands.ImportQuotasAsync(id, stream);
        TempData["Message"] = "Quotas importés.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPoolAsync(int id, IFormFile? file)
    {
        if (file is null || file.Length == 0) return await Invalid(id, "file", "Choisissez un fichier CSV.");
        await using var stream = file.OpenReadStream();
        await commands.ImportPoolAsync(id, stream);
        TempData["Message"] = "Vivier importé.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCommitAsync(int id, string? seed)
    {
        await commands.CommitAsync(id, seed);
        TempData["Message"] = "Tour engagé : l'empreinte de sa graine est publiée.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRunAsync(int id)
    {
        await commands.RunAsync(id);
        TempData["Message"] = "Tour tiré : le panel et la graine sont publiés.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id, int personId)
    {
        await commands.DeclineAsync(id, personId);
        TempData["Message"] = "Désistement enregistré : engagez un tour de remplacement.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSeatAsync(int id, int? collegeId)
    {
        if (collegeId is null) return await Invalid(id, "collegeId", "Choisissez un collège d'un conseil de cette collectivité.");
        await seating.SeatAsync(id, collegeId.Value);
        TempData["Message"] = "Les personnes tirées siègent désormais au conseil : son historique public les nomme.";
        return RedirectToPage(new { id });
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await LoadAsync(this.RouteId() ?? 0);

    private async Task<IActionResult> Invalid(int id, string field, string message)
    {
        ModelState.AddModelError(field, message);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var draw = await db.Draws.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id);
        if (draw is null) return false;
        Draw = draw;
        Quotas = await db.DrawQuotas.AsNoTracking().Where(q => q.DrawId == id).OrderBy(q => q.Id).ToListAsync();
        Rounds = await db.DrawRounds.AsNoTracking().Where(r => r.DrawId == id).OrderBy(r => r.Number).ToListAsync();
        Selected = await db.DrawPeople.AsNoTracking().Where(p => p.DrawId == id && p.SelectedInRound != null)
            .OrderBy(p => p.SelectedInRound).ThenBy(p => p.Code).ToListAsync();
        PoolSize = await db.DrawPeople.CountAsync(p => p.DrawId == id);
        // The councils are read only while someone drawn still waits for a seat.
        if (AwaitingSeat > 0) SeatChoices = await seating.ChoicesAsync();
        return true;
    }
}
