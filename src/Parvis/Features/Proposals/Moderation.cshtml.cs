using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Proposals;

/// <summary>The moderators' view of proposals: those waiting or hidden, and merging a duplicate into the proposal it repeats.</summary>
[Authorize(Policy = Policies.Moderate)]
public class ModerationModel(ParvisDbContext db, ProposalFollowUp followUp, Moderation.ModerationCommands moderation, TenantContext tenant) : PageModel
{
    public sealed record Item(int Id, string Title, ModerationState State, string? Reason, int SpaceId);

    public List<Item> Items { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMergeAsync(int? sourceId, int? targetId)
    {
        try
        {
            if (sourceId is null) throw new DomainException("Indiquez le numéro du doublon.");
            await followUp.MergeAsync(User, sourceId.Value, targetId, $"{Request.Scheme}://{tenant.PublicHost(Request)}");
            TempData["Message"] = "Les propositions sont fusionnées : les soutiens sont réunis.";
            return Redirect($"/propositions/{targetId}");
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
        var query = db.Proposals.AsNoTracking().Where(p => p.State == ModerationState.PendingReview || p.State == ModerationState.Hidden);
        if (await moderation.ScopeAsync(User) is { } scope) query = query.Where(p => scope.Territories.Contains(p.TerritoryId));
        Items = await query.OrderBy(p => p.CreatedAt).Take(100)
            .Select(p => new Item(p.Id, p.Title, p.State, p.ModerationReason, p.SpaceId)).ToListAsync();
    }
}
