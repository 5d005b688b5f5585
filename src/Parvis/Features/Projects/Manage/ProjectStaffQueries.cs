using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Outcomes;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Projects.Manage;

/// <summary>What the staff pages of projects read: the list in scope, a project's phases, links and outcomes.</summary>
public sealed class ProjectStaffQueries(ParvisDbContext db, OutcomeSubjects subjects, TenantContext tenant, TimeProvider clock)
{
    public const int MaxRows = 500;

    public sealed record Row(int Id, string Title, ProjectTheme Theme, string? ServiceName, bool Published, DateTime UpdatedAt);

    public DateOnly Today => DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));

    public Task<ProjectForm.Choices> ChoicesAsync(bool isAdministrator) => ProjectForm.ChoicesAsync(db, isAdministrator);

    /// <summary>The projects this person manages: all for an administrator, their service's and those without a service for an agent.</summary>
    public Task<List<Row>> ListAsync(bool all, string? service)
    {
        var query = db.Projects.AsNoTracking();
        if (!all) query = query.Where(p => p.ServiceName == null || p.ServiceName == service);
        return query.OrderByDescending(p => p.UpdatedAt).Take(MaxRows)
            .Select(p => new Row(p.Id, p.Title, p.Theme, p.ServiceName, p.PublishedAt != null, p.UpdatedAt)).ToListAsync();
    }

    public async Task<List<ProjectPhase>> PhasesAsync(int projectId) =>
        ProjectPhase.InOrder(await db.ProjectPhases.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync());

    /// <summary>The links as staff manage them: the link's id and the item (null when it no longer exists).</summary>
    public async Task<List<(int LinkId, OutcomeSubjectKind Kind, int SubjectId, SubjectView? View)>> LinksAsync(int projectId)
    {
        var links = await db.ProjectLinks.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Kind).ThenBy(l => l.Id).ToListAsync();
        var views = await subjects.DescribeAsync(links.Select(l => (l.Kind, l.SubjectId)), forStaff: true);
        return links.Select(l => (l.Id, l.Kind, l.SubjectId, views.GetValueOrDefault((l.Kind, l.SubjectId)))).ToList();
    }

    public async Task<List<(int Id, string Title, bool Published)>> OutcomesAsync(int projectId) =>
        (await db.Outcomes.AsNoTracking().Where(o => o.ProjectId == projectId).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Title, Published = o.PublishedAt != null }).ToListAsync())
            .Select(o => (o.Id, o.Title, o.Published)).ToList();
}
