using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Moderation;

/// <summary>A comment waiting for a decision; <see cref="Author"/> is null when the account was deleted.</summary>
public sealed record CommentQueueItem(long Id, int ContributionId, string Consultation, string Body, ModerationState State, string? Reason, int OpenFlags,
    List<string> FlagReasons, string? Author, DateTime CreatedAt);

/// <summary>Moderation of comments: the same queue, scope and decisions as for contributions.</summary>
public sealed class CommentModeration(ParvisDbContext db, ModerationCommands contributions, AuditLog audit, TimeProvider clock,
    Notifications.Notifier notifier)
{
    /// <summary>One page of the queue, its total and the open flags' reasons in one statement.</summary>
    public async Task<(List<CommentQueueItem> Items, int Total)> QueueAsync(ModerationScope? scope, int page = 1)
    {
        var query = db.Comments.AsNoTracking().Where(c => c.DeletedAt == null && (c.State == ModerationState.PendingReview || c.OpenFlagCount > 0));
        if (scope is not null) query = query.Where(c => db.Contributions.Any(x => x.Id == c.ContributionId && (scope.Territories.Contains(x.TerritoryId) || scope.Consultations.Contains(x.ConsultationId))));
        var items = await query.OrderByDescending(c => c.OpenFlagCount).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((Math.Max(page, 1) - 1) * ModerationCommands.QueuePageSize).Take(ModerationCommands.QueuePageSize)
            .Select(c => new
            {
                c.Id,
                c.ContributionId,
                Consultation = db.Contributions.Where(x => x.Id == c.ContributionId).Select(x => x.Consultation!.Title).First(),
                c.Body,
                c.State,
                c.ModerationReason,
                c.OpenFlagCount,
                c.CreatedAt,
                Author = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault(),
                Total = query.Count(),
                Reasons = db.CommentFlags.Where(f => f.CommentId == c.Id && f.ResolvedAt == null).OrderBy(f => f.Id).Select(f => f.Reason).ToList(),
            }).ToListAsync();
        // Past the last page no row carries the total.
        var total = items.Count > 0 ? items[0].Total : page <= 1 ? 0 : await query.CountAsync();
        return (items.Select(i => new CommentQueueItem(i.Id, i.ContributionId, i.Consultation, i.Body, i.State, i.ModerationReason, i.OpenFlagCount,
            i.Reasons, i.Author, i.CreatedAt)).ToList(), total);
    }

    private async Task<Comment> InScopeAsync(ClaimsPrincipal user, long id)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == id) ?? throw new DomainException("Ce commentaire n'existe pas.");
        var scope = await contributions.ScopeAsync(user);
        var place = await db.Contributions.Where(c => c.Id == comment.ContributionId).Select(c => new { c.TerritoryId, c.ConsultationId }).FirstAsync();
        if (scope is not null && !scope.Includes(place.TerritoryId, place.ConsultationId)) throw new DomainException("Ce commentaire est hors de votre périmètre de modération.");
        return comment;
    }

    private async Task ResolveFlagsAsync(long commentId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.CommentFlags.Where(f => f.CommentId == commentId && f.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(f => f.ResolvedAt, now));
    }

    // The decision applies to the state the moderator saw: a double click, or two moderators at once,
    // change the comment (and the published count) once.
    private async Task DecideAsync(ClaimsPrincipal user, long id, string action, string? reason, Action<Comment> decide)
    {
        var comment = await InScopeAsync(user, id);
        var (before, wasVisible, firstReview) = (comment.State, comment.IsVisible, comment.AwaitsFirstReview);
        decide(comment);
        var (state, why, flags) = (comment.State, comment.ModerationReason, comment.OpenFlagCount);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.Comments.Where(c => c.Id == id && c.State == before).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, state).SetProperty(c => c.ModerationReason, why).SetProperty(c => c.OpenFlagCount, flags));
        if (changed == 0) throw new DomainException("Ce commentaire vient d'être traité par une autre personne : rechargez la file.");
        audit.Record(action, nameof(Comment), id, reason);
        await db.SaveChangesAsync();
        await ResolveFlagsAsync(id);
        var delta = (comment.IsVisible ? 1 : 0) - (wasVisible ? 1 : 0);
        if (delta != 0)
            await db.Contributions.Where(c => c.Id == comment.ContributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + delta));
        // A pre-moderated comment published: the contribution's followers hear of it now, as without pre-moderation.
        if (firstReview && comment.IsVisible)
            await notifier.RecordAsync(NotificationKind.NewComment, FollowSubjectKind.Contribution, comment.ContributionId, comment.AuthorId);
        await transaction.CommitAsync();
    }

    public Task HideAsync(ClaimsPrincipal user, long id, string? reason) =>
        DecideAsync(user, id, "comment.hide", reason, c => c.Hide(reason ?? ""));

    public Task RestoreAsync(ClaimsPrincipal user, long id, string? reason) =>
        DecideAsync(user, id, "comment.restore", reason, c => c.Restore());

    public Task DismissFlagsAsync(ClaimsPrincipal user, long id, string? reason) =>
        DecideAsync(user, id, "comment.flags.dismiss", reason, c =>
        {
            if (c.ModerationReason == ModeratedItem.AutoHiddenReason) c.Restore();
            c.OpenFlagCount = 0;
        });
}
