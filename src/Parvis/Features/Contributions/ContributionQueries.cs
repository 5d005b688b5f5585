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

public sealed record ResponseView(int Id, string Body, string Signature, ResponseStatus Status, DateTime DraftedAt, DateTime? PublishedAt);

public sealed class ContributionQueries(ParvisDbContext db, Shared.AuthorDisplay authorDisplay)
{
    /// <summary>
    /// The thread as a tree; deleted and hidden comments keep their place (without their text) so replies
    /// still make sense. Comments awaiting pre-moderation are shown to their author and to moderators only.
    /// </summary>
    public async Task<List<CommentNode>> ThreadAsync(int contributionId, ParticipationRules rules, Guid? viewer, bool moderator)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.ContributionId == contributionId && (c.State != ModerationState.PendingReview || c.AuthorId == viewer || moderator))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.ParentId,
                c.Depth,
                c.AuthorId,
                c.Body,
                c.Stance,
                c.CreatedAt,
                c.EditedAt,
                c.DeletedAt,
                c.State,
            })
            .ToListAsync();
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
        return roots;
    }

    public Task<List<ResponseView>> ResponsesAsync(int contributionId, bool includeDrafts) =>
        db.OfficialResponses.AsNoTracking()
            .Where(r => r.ContributionId == contributionId && (includeDrafts || r.Status == ResponseStatus.Published))
            .OrderBy(r => r.DraftedAt)
            .Select(r => new ResponseView(r.Id, r.Body, r.SignatureLabel, r.Status, r.DraftedAt, r.PublishedAt)).ToListAsync();
}
