using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.News;

/// <summary>The public list's and the feeds' filters: a territory (and what is under it), a project, a theme.</summary>
public sealed record NewsFilter(int? TerritoryId, int? ProjectId, ProjectTheme? Theme);

/// <summary>A post in a list or a feed.</summary>
public sealed record NewsCard(int Id, string Title, string Summary, DateTime PublishAt, DateTime UpdatedAt, Guid? CoverFileId,
    string? CoverAltText, ProjectTheme? Theme, string? Territory, int? ProjectId, string? Project);

/// <summary>A visible comment and its author's pseudonym (null when the account is gone).</summary>
public sealed record NewsCommentView(long Id, string Body, DateTime CreatedAt, string? Author);

/// <summary>
/// What the public reads of posts: only those whose publication date has come, compared with now in every query,
/// so a scheduled post shows at its time with no job, and never before.
/// </summary>
public sealed class NewsQueries(ParvisDbContext db, TimeProvider clock)
{
    public const int PageSize = 12;
    public const int FeedSize = 30;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The public posts, newest first; the territory filter takes the territories under it.</summary>
    public async Task<IQueryable<NewsPost>> PublicAsync(NewsFilter filter)
    {
        var now = Now;
        var query = db.NewsPosts.AsNoTracking().Where(PublicItems.NewsPostsAt(now));
        if (filter.ProjectId is { } project) query = query.Where(p => p.ProjectId == project);
        if (filter.Theme is { } theme) query = query.Where(p => p.Theme == theme);
        if (filter.TerritoryId is { } territory)
        {
            var under = await TerritoryTree.SelfAndDescendantsAsync(db, territory);
            query = query.Where(p => p.TerritoryId != null && under.Contains(p.TerritoryId.Value));
        }
        return query.OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id);
    }

    /// <summary>One page of the list and whether another follows.</summary>
    public async Task<(List<NewsCard> Items, bool More)> PageAsync(NewsFilter filter, int page, int size = PageSize)
    {
        var query = await PublicAsync(filter);
        var rows = await CardsAsync(query.Skip((Math.Clamp(page, 1, 10_000) - 1) * size).Take(size + 1));
        return (rows.Take(size).ToList(), rows.Count > size);
    }

    public async Task<List<NewsCard>> LatestAsync(NewsFilter filter, int count) => await CardsAsync((await PublicAsync(filter)).Take(count));

    /// <summary>A post as the public reads it (null before its date, as for a post of another organization).</summary>
    public Task<NewsPost?> PublicPostAsync(int id)
    {
        var now = Now;
        return db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.PublishAt != null && p.PublishAt <= now);
    }

    public async Task<(string? Territory, string? Project)> PlacesAsync(NewsPost post)
    {
        var territory = post.TerritoryId is { } t ? await db.Territories.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var project = post.ProjectId is { } p
            ? await db.Projects.Where(x => x.Id == p && x.PublishedAt != null).Select(x => x.Title).FirstOrDefaultAsync()
            : null;
        return (territory, project);
    }

    public async Task<List<NewsCommentView>> CommentsAsync(int postId)
    {
        var rows = await db.NewsComments.AsNoTracking().Where(c => c.NewsPostId == postId && c.State == ModerationState.Published)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(500)
            .Select(c => new { c.Id, c.Body, c.CreatedAt, Author = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault() })
            .ToListAsync();
        return rows.Select(r => new NewsCommentView(r.Id, r.Body, r.CreatedAt, r.Author)).ToList();
    }

    public async Task<string?> TerritoryNameAsync(int id) => await db.Territories.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync();

    public async Task<string?> PublishedProjectTitleAsync(int id) =>
        await db.Projects.Where(p => p.Id == id && p.PublishedAt != null).Select(p => p.Title).FirstOrDefaultAsync();

    public Task<List<(int Id, string Label)>> TerritoryOptionsAsync() => TerritoryTree.OptionsAsync(db);

    public async Task<List<(int Id, string Title)>> ProjectOptionsAsync() =>
        (await db.Projects.AsNoTracking().Where(p => p.PublishedAt != null).OrderBy(p => p.Title).Take(500)
            .Select(p => new { p.Id, p.Title }).ToListAsync()).Select(p => (p.Id, p.Title)).ToList();

    private async Task<List<NewsCard>> CardsAsync(IQueryable<NewsPost> query)
    {
        var rows = await query.Select(p => new
        {
            p.Id,
            p.Title,
            p.Summary,
            p.PublishAt,
            p.UpdatedAt,
            p.CoverFileId,
            p.CoverAltText,
            p.Theme,
            p.ProjectId,
            Territory = db.Territories.Where(t => t.Id == p.TerritoryId).Select(t => t.Name).FirstOrDefault(),
            Project = db.Projects.Where(x => x.Id == p.ProjectId && x.PublishedAt != null).Select(x => x.Title).FirstOrDefault(),
        }).ToListAsync();
        return rows.Select(r => new NewsCard(r.Id, r.Title, r.Summary, r.PublishAt!.Value, r.UpdatedAt, r.CoverFileId, r.CoverAltText,
            r.Theme, r.Territory, r.Project is null ? null : r.ProjectId, r.Project)).ToList();
    }
}
