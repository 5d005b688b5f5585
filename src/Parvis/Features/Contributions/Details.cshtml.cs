using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Responses;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;
using Parvis.Resources;

namespace Parvis.Features.Contributions;

[RateLimited(RateLimits.Posting)]
public class DetailsModel(ParvisDbContext db, ContributionQueries queries, ParticipationCommands commands, ResponseCommands responses,
    IAuthorizationService authorization, AuthorDisplay authors, Identity.Verifications verifications, Files.FileCommands files, Moderation.ModerationCommands moderation) : PageModel, IRedisplaysBrokenRules
{
    public Contribution Contribution { get; private set; } = null!;
    public Consultation Consultation { get; private set; } = null!;
    public AuthorView Author { get; private set; } = null!;
    /// <summary>Set when the person may not react or comment here yet: what is missing and how to get it.</summary>
    public Identity.ParticipationNeeds? ReactNeeds { get; private set; }
    public Identity.ParticipationNeeds? CommentNeeds { get; private set; }
    public ReactionKind? MyReaction { get; private set; }
    /// <summary>Only where the author shows a pseudonym: a profile must not tie a pseudonym to a name.</summary>
    public Guid? ProfileId => Author.ProfileId;
    public List<Files.FileView> Attachments { get; private set; } = [];
    public List<CommentNode> Thread { get; private set; } = [];
    /// <summary>Where the next batch of the thread starts (null: this is its end); whether this batch is its start.</summary>
    public ListCursor? NextComments { get; private set; }
    public bool ThreadStart { get; private set; } = true;
    [BindProperty(SupportsGet = true, Name = "commentaires")] public string? CommentsAfter { get; set; }
    /// <summary>A comment linked from elsewhere (moderation, personal data, after posting): its batch is shown.</summary>
    [BindProperty(SupportsGet = true, Name = "commentaire")] public long? LinkedComment { get; set; }
    public List<ResponseView> Responses { get; private set; } = [];
    public bool IsAgent { get; private set; }
    public bool IsModerator { get; private set; }
    public Guid? Me => User.UserId();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostReactAsync(int id, ReactionKind? kind) =>
        Act(id, () => commands.ReactAsync(User, id, kind), "Votre réaction est enregistrée.", "reactions");

    public Task<IActionResult> OnPostCommentAsync(int id, long? parentId, string? body, Stance? stance) =>
        ActOnComment(id, async () => (await commands.CommentAsync(User, id, parentId, body, stance)).Id, "Votre commentaire est publié.");

    public Task<IActionResult> OnPostEditCommentAsync(int id, long commentId, string? body) =>
        ActOnComment(id, async () => { await commands.EditCommentAsync(User, commentId, body); return commentId; }, "Votre commentaire est modifié.");

    public Task<IActionResult> OnPostDeleteCommentAsync(int id, long commentId) =>
        ActOnComment(id, async () => { await commands.DeleteCommentAsync(User, commentId); return commentId; }, "Votre commentaire est supprimé.");

    public Task<IActionResult> OnPostFlagCommentAsync(int id, long commentId, string? reason) =>
        ActOnComment(id, async () => { await commands.FlagCommentAsync(User, commentId, reason); return commentId; },
            "Merci : la modération examinera ce signalement.");

    /// <summary>The page of a contribution showing one of its comments (the batch holding it), scrolled to it.</summary>
    public static string CommentLink(int contributionId, long commentId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"/contributions/{contributionId}?commentaire={commentId}#commentaire-{commentId}");

    /// <summary>Back to the item, unless this flag hid it (the flags' threshold): then to its consultation.</summary>
    public async Task<IActionResult> OnPostFlagAsync(int id, string? reason)
    {
        var result = await Act(id, () => commands.FlagAsync(User, id, reason), "Merci : la modération examinera ce signalement.", null);
        if (result is not RedirectResult) return result;
        var item = await db.Contributions.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.ConsultationId, c.State }).FirstAsync();
        return item.State == ModerationState.Published ? result : Redirect($"/concertations/{item.ConsultationId}");
    }

    public async Task<IActionResult> OnPostDraftResponseAsync(int id, string? body)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded) return Forbid();
        return await Act(id, () => responses.DraftAsync(User, id, body), "La réponse est enregistrée en brouillon : un élu ou un validateur doit l'approuver.", "reponse");
    }

    private async Task<IActionResult> Act(int id, Func<Task> action, string success, string? anchor)
    {
        ModelState.Clear();
        await action();
        TempData["Message"] = success;
        return Redirect($"/contributions/{id}" + (anchor is null ? "" : "#" + anchor));
    }

    // Back to the comment in its batch of the thread, which may not be the first.
    private async Task<IActionResult> ActOnComment(int id, Func<Task<long>> action, string success)
    {
        ModelState.Clear();
        var commentId = await action();
        TempData["Message"] = success;
        return Redirect(CommentLink(id, commentId));
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        IsAgent = (await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded;
        IsModerator = (await authorization.AuthorizeAsync(User, Policies.Moderate)).Succeeded;
        var contribution = await db.Contributions.AsNoTracking().Include(c => c.Consultation).FirstOrDefaultAsync(c => c.Id == id);
        if (contribution?.Consultation is null) return false;
        var mine = contribution.AuthorId is not null && contribution.AuthorId == Me;
        // A moderator sees what is hidden only within the territories they moderate.
        if (IsModerator && await moderation.ScopeAsync(User) is { } scope && !scope.Includes(contribution.TerritoryId, contribution.ConsultationId)) IsModerator = false;
        if (!contribution.IsVisible && !mine && !IsModerator) return false;
        // Unconfirmed by its author's e-mail, it does not exist yet, for moderators too.
        if (contribution.State == ModerationState.AwaitingEmail) return false;
        Contribution = contribution;
        Consultation = contribution.Consultation;
        Author = await authors.ForAsync(new AuthorSource(contribution.AuthorId, contribution.DisplayAs, contribution.OfflineAuthorName, contribution.Badges), Consultation.Rules);
        // Visitors who must sign in get a link, not a form: the page then carries no per-visitor token and can be cached.
        var here = $"/contributions/{id}";
        if (await commands.RefusalAsync(User, Consultation, ParticipationAction.React) is { } noReact) ReactNeeds = verifications.NeedsFor("Pour réagir", noReact, here);
        if (await commands.RefusalAsync(User, Consultation, ParticipationAction.Comment) is { } noComment) CommentNeeds = verifications.NeedsFor("Pour commenter", noComment, here);
        if (Me is { } me) MyReaction = await db.Reactions.Where(r => r.ContributionId == id && r.UserId == me).Select(r => (ReactionKind?)r.Kind).FirstOrDefaultAsync();
        Attachments = await files.ForContributionAsync(id);
        var from = LinkedComment is { } linked ? await queries.BatchOfAsync(id, linked, Me, IsModerator) : null;
        var batch = await queries.ThreadAsync(id, Consultation.Rules, Me, IsModerator, from is null ? ListCursor.Parse(CommentsAfter) : null, from);
        (Thread, NextComments, ThreadStart) = (batch.Roots, batch.Next, batch.IsStart);
        Responses = await queries.ResponsesAsync(id, includeDrafts: IsAgent);
        ViewData["NoIndex"] = Author.NoIndex;
        return true;
    }
}
