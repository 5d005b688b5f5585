using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

public sealed record ApiProjectPhase(int Id, string Name, string Kind, DateOnly StartsOn, DateOnly? EndsOn, string Description);

public sealed record ApiProject(int Id, string Title, string Summary, string Description, string Theme, int? TerritoryId,
    double? Latitude, double? Longitude, string? ServiceName, decimal? BudgetEuros, IReadOnlyList<ApiProjectPhase> Phases,
    DateTime PublishedAt, DateTime UpdatedAt, string Url);

/// <param name="ProjectId">The project the post is about, when that project is public.</param>
public sealed record ApiNewsPost(int Id, string Title, string Summary, string Body, int? TerritoryId, int? ProjectId, string? Theme,
    DateTime PublishedAt, DateTime UpdatedAt, string Url);

/// <summary>Published projects with their timelines, and news posts whose publication time has come (never a scheduled one).</summary>
public sealed class ProjectsApi(ParvisDbContext db, PublicLinks links, TimeProvider clock)
{
    public async Task<ApiPage<ApiProject>> ProjectsAsync(PageRequest page, int? id = null)
    {
        var query = db.Projects.AsNoTracking().Where(PublicItems.Projects).Where(p => p.Id > page.AfterId);
        if (id is not null) query = query.Where(p => p.Id == id);
        if (page.UpdatedSince is { } since) query = query.Where(p => p.PublishedAt >= since || p.UpdatedAt >= since);
        var rows = await query.OrderBy(p => p.Id).Take(page.Limit + 1).ToListAsync();
        var ids = rows.Select(p => p.Id).ToList();
        var phases = (await db.ProjectPhases.AsNoTracking().Where(f => ids.Contains(f.ProjectId)).ToListAsync())
            .OrderBy(f => f.StartsOn).ThenBy(f => f.Id).ToLookup(f => f.ProjectId);
        return page.PageOf(rows.Select(p => new ApiProject(p.Id, p.Title, p.Summary, p.DescriptionMarkdown, p.Theme.ToString(),
            p.TerritoryId, p.Latitude, p.Longitude, p.ServiceName, p.BudgetEuros,
            phases[p.Id].Select(f => new ApiProjectPhase(f.Id, f.Name, f.Kind.ToString(), f.StartsOn, f.EndsOn, f.Description)).ToList(),
            p.PublishedAt!.Value, p.UpdatedAt, links.To($"/projets/{p.Id}"))).ToList(), p => p.Id);
    }

    public async Task<ApiPage<ApiNewsPost>> NewsAsync(PageRequest page, int? id = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.NewsPosts.AsNoTracking().Where(PublicItems.NewsPostsAt(now)).Where(p => p.Id > page.AfterId);
        if (id is not null) query = query.Where(p => p.Id == id);
        if (page.UpdatedSince is { } since) query = query.Where(p => p.PublishAt >= since || p.UpdatedAt >= since);
        var projects = db.Projects.Where(PublicItems.Projects);
        var rows = await query.OrderBy(p => p.Id).Take(page.Limit + 1)
            .Select(p => new { Post = p, PublicProject = projects.Any(x => x.Id == p.ProjectId) }).ToListAsync();
        return page.PageOf(rows.Select(r => new ApiNewsPost(r.Post.Id, r.Post.Title, r.Post.Summary, r.Post.BodyMarkdown, r.Post.TerritoryId,
            r.PublicProject ? r.Post.ProjectId : null, r.Post.Theme?.ToString(), r.Post.PublishAt!.Value, r.Post.UpdatedAt,
            links.To($"/actualites/{r.Post.Id}"))).ToList(), p => p.Id);
    }
}
