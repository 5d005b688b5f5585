using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Moderation;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.News;

/// <summary>A comment waiting for a moderator, or flagged: its post and what it says.</summary>
public sealed record NewsCommentQueueItem(long Id, int PostId, string Post, string Body, ModerationState State, string? Author, DateTime CreatedAt);

/// <summary>
/// Comments on posts: written by signed-in people where the post takes them, shown at once or after a moderator's
/// look as the post says; decided by moderators within their territories, each decision audited.
/// </summary>
public sealed class NewsCommentCommands(ParvisDbContext db, ModerationCommands moderation, AuditLog audit, TimeProvider clock)
{
    public const int QueueSize = 100;

    public async Task<NewsComment> WriteAsync(ClaimsPrincipal user, int postId, string? body)
    {
        if (user.UserId() is not { } author) throw new DomainException("Connectez-vous pour commenter.");
        var now = clock.GetUtcNow().UtcDateTime;
        var post = await db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId) ?? throw new ItemNotFoundException();
        var comment = NewsComment.Write(post, author, body, now);
        db.NewsComments.Add(comment);
        await db.SaveChangesAsync();
        return comment;
    }

    /// <summary>Comments waiting for a decision within the moderator's territories (all for an administrator).</summary>
    public async Task<List<NewsCommentQueueItem>> QueueAsync(ClaimsPrincipal user)
    {
        var scope = await moderation.ScopeAsync(user);
        var query = db.NewsComments.AsNoTracking().Where(c => c.State == ModerationState.PendingReview || c.OpenFlagCount > 0);
        if (scope is not null)
            query = query.Where(c => db.NewsPosts.Any(p => p.Id == c.NewsPostId && (p.TerritoryId == null || scope.Territories.Contains(p.TerritoryId.Value))));
        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(QueueSize)
            .Select(c => new
            {
                c.Id,
                c.NewsPostId,
                c.Body,
                c.State,
                c.CreatedAt,
                Post = db.NewsPosts.Where(p => p.Id == c.NewsPostId).Select(p => p.Title).First(),
                Author = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault(),
            }).ToListAsync();
        return rows.Select(r => new NewsCommentQueueItem(r.Id, r.NewsPostId, r.Post, r.Body, r.State, r.Author, r.CreatedAt)).ToList();
    }

    public Task PublishAsync(ClaimsPrincipal user, long id) =>
        DecideAsync(user, id, "news.comment.publish", null, c => c.Restore());

    public Task HideAsync(ClaimsPrincipal user, long id, string? reason) =>
        DecideAsync(user, id, "news.comment.hide", reason, c => c.Hide(reason ?? ""));

    // The decision applies to the state the moderator saw: two moderators at once change the comment once.
    private async Task DecideAsync(ClaimsPrincipal user, long id, string action, string? reason, Action<NewsComment> decide)
    {
        var comment = await db.NewsComments.FirstOrDefaultAsync(c => c.Id == id) ?? throw new DomainException("Ce commentaire n'existe pas.");
        var territory = await db.NewsPosts.Where(p => p.Id == comment.NewsPostId).Select(p => p.TerritoryId).FirstAsync();
        if (await moderation.ScopeAsync(user) is { } scope && territory is { } t && !scope.Territories.Contains(t))
            throw new DomainException("Ce commentaire est hors de votre périmètre de modération.");
        var before = comment.State;
        decide(comment);
        var (state, why) = (comment.State, comment.ModerationReason);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.NewsComments.Where(c => c.Id == id && c.State == before).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, state).SetProperty(c => c.ModerationReason, why).SetProperty(c => c.OpenFlagCount, 0));
        if (changed == 0) throw new DomainException("Ce commentaire vient d'être traité par une autre personne : rechargez la file.");
        audit.Record(action, nameof(NewsComment), id, reason);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
