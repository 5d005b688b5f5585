using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Proposals;

[RateLimited(RateLimits.Posting)]
public class DetailsModel(ParvisDbContext db, ProposalQueries queries, ProposalCommands commands, ProposalFollowUp followUp, AuthorDisplay authors,
    Identity.Verifications verifications, TimeProvider clock, ProposalFlags flags) : PageModel, IRedisplaysBrokenRules
{
    public Proposal Proposal { get; private set; } = null!;
    public ProposalSpace Space { get; private set; } = null!;
    public AuthorView Author { get; private set; } = null!;
    public string? CategoryName { get; private set; }
    public string? TerritoryName { get; private set; }
    public bool SpaceOpen { get; private set; }
    public bool Supporting { get; private set; }
    public Identity.ParticipationNeeds? SupportNeeds { get; private set; }
    public List<ProposalStateChange> History { get; private set; } = [];
    public List<OfficialResponse> Responses { get; private set; } = [];
    public bool CanFollow { get; private set; }
    public bool CanModerate { get; private set; }
    public Files.FileView? Photo { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        // A merged duplicate sends its readers, and search engines, to the proposal it joined.
        var mergedInto = await db.Proposals.Where(p => p.Id == id && p.Status == ProposalState.Merged && p.Space!.PublishedAt != null).Select(p => p.MergedIntoId).FirstOrDefaultAsync();
        if (mergedInto is { } target) return RedirectPermanent($"/propositions/{target}");
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSupportAsync(int id) =>
        Act(id, async () =>
        {
            var receipt = await commands.SupportAsync(User, id);
            TempData["Message"] = receipt is not null ? "Merci, votre soutien est enregistré." : "Vous soutenez déjà cette proposition.";
            TempData["Receipt"] = receipt;
        });

    public Task<IActionResult> OnPostWithdrawAsync(int id) =>
        Act(id, async () =>
        {
            await commands.WithdrawAsync(User, id);
            TempData["Message"] = "Votre soutien est retiré.";
        });

    // The rate limiter counts this handler against the flags' allowance (handler name "Flag").
    public async Task<IActionResult> OnPostFlagAsync(int id, string? reason)
    {
        var result = await Act(id, async () =>
        {
            await flags.FlagAsync(User, id, reason);
            TempData["Message"] = "Merci : la modération examinera ce signalement.";
        });
        // Flags may have hidden it pending review: the person goes back to the space.
        if (result is RedirectResult && !await db.Proposals.AnyAsync(p => p.Id == id && p.State == ModerationState.Published))
            return Redirect($"/propositions/espaces/{await db.Proposals.Where(p => p.Id == id).Select(p => p.SpaceId).FirstAsync()}");
        return result;
    }

    public async Task<IActionResult> OnPostChangeStateAsync(int id, ProposalState? status, string? reason, string? response) =>
        !await MayAsync(id, (proposal, space) => followUp.CanFollowAsync(User, space)) ? Forbid() : await Act(id, async () =>
        {
            await followUp.ChangeStateAsync(User, id, status, reason, response);
            TempData["Message"] = string.IsNullOrWhiteSpace(response)
                ? "L'état de la proposition est changé ; son auteur et ses soutiens sont prévenus."
                : "L'état est changé ; la réponse officielle attend la validation d'un élu.";
        });

    public async Task<IActionResult> OnPostHideAsync(int id, string? reason) =>
        !await MayAsync(id, (proposal, _) => followUp.CanModerateAsync(User, proposal)) ? Forbid() : await Act(id, async () =>
        {
            await followUp.HideAsync(User, id, reason);
            TempData["Message"] = "La proposition est masquée.";
        });

    public async Task<IActionResult> OnPostRestoreAsync(int id) =>
        !await MayAsync(id, (proposal, _) => followUp.CanModerateAsync(User, proposal)) ? Forbid() : await Act(id, async () =>
        {
            await followUp.RestoreAsync(User, id);
            TempData["Message"] = "La proposition est publiée.";
        });

    public async Task<IActionResult> OnPostMergeAsync(int id, int? targetId)
    {
        if (!await MayAsync(id, (proposal, _) => followUp.CanModerateAsync(User, proposal))) return Forbid();
        var result = await Act(id, async () =>
        {
            await followUp.MergeAsync(User, id, targetId);
            TempData["Message"] = "Les propositions sont fusionnées : les soutiens sont réunis.";
        });
        return result is RedirectResult ? Redirect($"/propositions/{targetId}") : result;
    }

    // Staff forms are refused outright to those who do not hold the power (the commands check again).
    private async Task<bool> MayAsync(int id, Func<Proposal, ProposalSpace, Task<bool>> check)
    {
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Space).FirstOrDefaultAsync(p => p.Id == id);
        return proposal?.Space is not null && await check(proposal, proposal.Space);
    }

    private async Task<IActionResult> Act(int id, Func<Task> action)
    {
        ModelState.Clear();
        await action();
        return Redirect($"/propositions/{id}");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Space!).ThenInclude(s => s.Territory).FirstOrDefaultAsync(p => p.Id == id);
        if (proposal?.Space is null || proposal.Space.PublishedAt is null) return false;
        var me = User.UserId();
        CanModerate = await followUp.CanModerateAsync(User, proposal);
        CanFollow = await followUp.CanFollowAsync(User, proposal.Space);
        var mine = proposal.AuthorId is not null && proposal.AuthorId == me;
        if (!proposal.IsVisible && !mine && !CanModerate) return false;
        Proposal = proposal;
        Space = proposal.Space;
        Author = await authors.ForAsync(ProposalQueries.AuthorOf(proposal.AuthorId, proposal.DisplayAs, proposal.Badges), Space.DisplayRules);
        CategoryName = proposal.CategoryId is { } c ? await db.ProposalCategories.Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync() : null;
        TerritoryName = await db.Territories.Where(t => t.Id == proposal.TerritoryId).Select(t => t.Name).FirstOrDefaultAsync();
        SpaceOpen = Space.IsOpenAt(clock.GetUtcNow().UtcDateTime);
        if (me is { } userId) Supporting = await db.ProposalSupports.AnyAsync(s => s.ProposalId == id && s.UserId == userId);
        // Visitors who must sign in get a link, not a form: the page then carries no per-visitor token and can be cached.
        if (await commands.RefusalAsync(User, Space, ParticipationAction.React) is { } refusal)
            SupportNeeds = verifications.NeedsFor("Pour soutenir", refusal, $"/propositions/{id}");
        History = await queries.HistoryAsync(id);
        Responses = await queries.ResponsesAsync(id, includeDrafts: CanFollow);
        if (proposal.PhotoFileId is { } photoId)
            Photo = await db.StoredFiles.AsNoTracking().Where(f => f.Id == photoId).Select(f => new Files.FileView(f.Id, f.Title, f.ContentType, f.Size)).FirstOrDefaultAsync();
        ViewData["NoIndex"] = Author.NoIndex || !proposal.IsVisible;
        if (proposal.Latitude is not null) ViewData["Scripts"] = "map";
        return true;
    }
}
