using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Proposals;

/// <summary>The moderators' view of proposals: flagged ones first with their reasons, those waiting or hidden, and merging a duplicate into the proposal it repeats.</summary>
[Authorize(Policy = Policies.Moderate)]
public class ModerationModel(ProposalFollowUp followUp, ProposalFlags flags, Moderation.ModerationCommands moderation) : PageModel, IRedisplaysBrokenRules
{
    public List<ProposalQueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostHideAsync(int id, string? reason) => Act(() => followUp.HideAsync(User, id, reason), "La proposition est masquée.");

    public Task<IActionResult> OnPostRestoreAsync(int id, string? reason) => Act(() => followUp.RestoreAsync(User, id, reason), "La proposition est publiée.");

    public Task<IActionResult> OnPostDismissAsync(int id, string? reason) => Act(() => followUp.DismissFlagsAsync(User, id, reason), "Signalements classés sans suite : la proposition reste visible.");

    private async Task<IActionResult> Act(Func<Task> action, string success)
    {
        await action();
        TempData["Message"] = success;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMergeAsync(int? sourceId, int? targetId)
    {
        if (sourceId is null) throw new DomainException("Indiquez le numéro du doublon.");
        await followUp.MergeAsync(User, sourceId.Value, targetId);
        TempData["Message"] = "Les propositions sont fusionnées : les soutiens sont réunis.";
        return Redirect($"/propositions/{targetId}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync() => Items = await flags.QueueAsync(await moderation.ScopeAsync(User));
}
