using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils;

/// <summary>The agenda items residents proposed to a council: its secretary, its animators or an administrator accepts or declines each, with a reason.</summary>
public class AgendaModel(ParvisDbContext db, CouncilAgenda agenda) : CouncilPage, IRedisplaysBrokenRules
{
    public List<CouncilAgendaItem> Waiting { get; private set; } = [];
    public List<CouncilAgendaItem> Answered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await EnterAsync(id, Policies.DecideCouncilAgenda) ?? await ShowAsync();

    public Task<IActionResult> OnPostAcceptAsync(int id, int itemId, string? reason) => DecideAsync(id, itemId, accept: true, reason);

    public Task<IActionResult> OnPostDeclineAsync(int id, int itemId, string? reason) => DecideAsync(id, itemId, accept: false, reason);

    private async Task<IActionResult> DecideAsync(int id, int itemId, bool accept, string? reason)
    {
        ModelState.Clear();
        if (await EnterAsync(id, Policies.DecideCouncilAgenda) is { } refused) return refused;
        await agenda.DecideAsync(User, id, itemId, accept, reason);
        TempData["Message"] = accept ? "Le point est retenu ; son auteur en est informé." : "Le point n'est pas retenu ; son auteur reçoit le motif.";
        return Redirect($"/conseils/{id}/animation/ordre-du-jour");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await ShowAsync();
        return true;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var items = db.CouncilAgendaItems.AsNoTracking().Where(i => i.CouncilId == Council.Id);
        Waiting = await items.Where(i => i.Status == CouncilItemStatus.Proposed).OrderBy(i => i.CreatedAt).Take(200).ToListAsync();
        Answered = await items.Where(i => i.Status != CouncilItemStatus.Proposed).OrderByDescending(i => i.DecidedAt).Take(50).ToListAsync();
        return Page();
    }
}
