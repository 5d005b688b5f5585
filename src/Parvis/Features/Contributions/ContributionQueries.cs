using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Resources;

namespace Parvis.Features.Contributions;

public sealed record CommentNode(long Id, long? ParentId, int Depth, Guid AuthorId, string Author, string? Body, Stance Stance, DateTime CreatedAt, bool Edited, bool Deleted,
    ModerationState State = ModerationState.Published)
{
    public List<CommentNode> Replies { get; } = [];
}

/// <summary>A page of a thread: its top-level comments with their replies, where the next batch starts (null: none),
/// and whether it is the thread's start.</summary>
public sealed record ThreadBatch(List<CommentNode> Roots, Consultations.ListCursor? Next, bool IsStart);

public sealed record ResponseView(int Id, string Body, string Signature, ResponseStatus Status, DateTime DraftedAt, DateTime? PublishedAt);

public sealed class ContributionQueries(ParvisDbContext db, Shared.AuthorDisplay authorDisplay)
{
    /// <summary>How many top-level comments a page of a thread shows, each with all its replies.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// A batch of the thread as a tree: <see cref="BatchSize"/> top-level comments in order, starting after
    /// <paramref name="after"/> (or at <paramref name="from"/>, included), with their replies; only that batch is read.
    /// Deleted and hidden comments keep their place (without their text) so replies still make sense. Comments
    /// awaiting pre-moderation are shown to their author and to moderators only.
    /// </summary>
    public async Task<ThreadBatch> ThreadAsync(int contributionId, ParticipationRules rules, Guid? viewer, bool moderator,
        Consultations.ListCursor? after = null, Consultations.ListCursor? from = null)
    {
        var visible = db.Comments.AsNoTracking()
            .Where(c => c.ContributionId == contributionId && (c.State != ModerationState.PendingReview || c.AuthorId == viewer || moderator));
        var tops = visible.Where(c => c.ParentId == null);
        // A cursor that is not a time and an id (typed by hand) starts the thread over.
        var start = (after ?? from) is { Time: not null } cursor ? cursor : null;
        if (start?.Time is { } at)
        {
            var id = start.Id;
            // A range of IX_Comments_ContributionId_ParentId_CreatedAt_Id, the ties at the cursor's time dropped after.
            tops = start == after ? tops.Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id > id))
                : tops.Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.Id >= id));
        }
        var rows = await Rows(tops.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(BatchSize + 1));
        var more = rows.Count > BatchSize;
        if (more) rows.RemoveAt(BatchSize);
        var next = more ? Consultations.ListCursor.At(rows[^1].CreatedAt, rows[^1].Id) : null;
        // Replies, one level at a time, of this batch's comments only.
        var parents = rows.Select(r => (long?)r.Id).ToList();
        for (var depth = 2; depth <= Comment.MaxDepth && parents.Count > 0; depth++)
        {
            var level = await Rows(visible.Where(c => parents.Contains(c.ParentId)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id));
            rows.AddRange(level);
            parents = level.Select(r => (long?)r.Id).ToList();
        }
        // Comments show their authors the space's default way.
        var shown = await authorDisplay.ForAsync(rows.Select(r => new Shared.AuthorSource(r.AuthorId, null, null)).ToList(), rules);
        var nodes = rows.Select((r, i) => new CommentNode(r.Id, r.ParentId, r.Depth, r.AuthorId, shown[i].Name,
            r.DeletedAt is null && (r.State != ModerationState.Hidden || moderator) ? r.Body : null, r.Stance, r.CreatedAt, r.EditedAt is not null, r.DeletedAt is not null, r.State))
            .ToDictionary(n => n.Id);
        var roots = new List<CommentNode>();
        foreach (var node in nodes.Values)
        {
            if (node.ParentId is { } p && nodes.TryGetValue(p, out var parent)) parent.Replies.Add(node);
            else roots.Add(node);
        }
        return new ThreadBatch(roots, next, start is null);
    }

    /// <summary>Where the batch showing a comment starts: its top-level comment. Null if the viewer cannot see it here.</summary>
    public async Task<Consultations.ListCursor?> BatchOfAsync(int contributionId, long commentId, Guid? viewer, bool moderator)
    {
        long? id = commentId;
        for (var depth = 0; depth < Comment.MaxDepth && id is not null; depth++)
        {
            var current = id.Value;
            var row = await db.Comments.AsNoTracking()
                .Where(c => c.Id == current && c.ContributionId == contributionId
                    && (c.State != ModerationState.PendingReview || c.AuthorId == viewer || moderator))
                .Select(c => new { c.ParentId, c.CreatedAt }).FirstOrDefaultAsync();
            if (row is null) return null;
            if (row.ParentId is null) return Consultations.ListCursor.At(row.CreatedAt, current);
            id = row.ParentId;
        }
        return null;
    }

    private static Task<List<CommentRow>> Rows(IQueryable<Comment> query) =>
        query.Select(c => new CommentRow(c.Id, c.ParentId, c.Depth, c.AuthorId, c.Body, c.Stance, c.CreatedAt, c.EditedAt, c.DeletedAt, c.State))
            .ToListAsync();

    private sealed record CommentRow(long Id, long? ParentId, int Depth, Guid AuthorId, string Body, Stance Stance, DateTime CreatedAt,
        DateTime? EditedAt, DateTime? DeletedAt, ModerationState State);

    public Task<List<ResponseView>> ResponsesAsync(int contributionId, bool includeDrafts) =>
        db.OfficialResponses.AsNoTracking()
            .Where(r => r.ContributionId == contributionId && (includeDrafts || r.Status == ResponseStatus.Published))
            .OrderBy(r => r.DraftedAt)
            .Select(r => new ResponseView(r.Id, r.Body, r.SignatureLabel, r.Status, r.DraftedAt, r.PublishedAt)).ToListAsync();
}
