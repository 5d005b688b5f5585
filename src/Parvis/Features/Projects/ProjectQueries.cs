using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Files;
using Parvis.Features.Outcomes;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Projects;

/// <summary>The public list's filters: a territory (and what is under it), a theme, the kind of the phase under way.</summary>
public sealed record ProjectFilter(int? TerritoryId, ProjectTheme? Theme, ProjectPhaseKind? Phase);

/// <summary>A project in the list and on the map.</summary>
public sealed record ProjectCard(int Id, string Title, string Summary, ProjectTheme Theme, string? Territory, ProjectPhase? Current,
    double? Latitude, double? Longitude);

/// <summary>A photo of a project with what it shows.</summary>
public sealed record ProjectPhoto(FileView File, string AltText);

/// <summary>A visible request near a project's point.</summary>
public sealed record NearbyProjectRequest(int Id, string Category, RequestStatus Status, int Metres, string? Address);

/// <summary>A project's public page: the current phase first, the timeline, and everything about it the public may see.</summary>
public sealed record ProjectPage(Project Project, string? Territory, List<ProjectPhase> Phases, ProjectPhase? Current, ProjectPhase? Next,
    List<ProjectPhoto> Photos, List<FileView> Documents, List<(OutcomeSubjectKind Kind, List<SubjectView> Items)> Linked,
    List<FedOutcome> Outcomes, List<NearbyProjectRequest> Nearby);

public sealed class ProjectQueries(ParvisDbContext db, OutcomeSubjects subjects, TenantContext tenant, TimeProvider clock)
{
    public const int MaxListed = 500;
    /// <summary>How far from a project's point a request counts as nearby.</summary>
    public const int NearbyMetres = 500;
    private const int NearbyCandidates = 200;

    /// <summary>Today in the organization's time zone: what decides the phase under way.</summary>
    public DateOnly Today => DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));

    public Task<List<(int Id, string Label)>> TerritoryOptionsAsync() => TerritoryTree.OptionsAsync(db);

    /// <summary>Published projects, filtered; territory and theme in the database, the phase under way from the timeline.</summary>
    public async Task<List<ProjectCard>> PublishedAsync(ProjectFilter filter)
    {
        var query = db.Projects.AsNoTracking().Where(PublicItems.Projects);
        if (filter.Theme is { } theme) query = query.Where(p => p.Theme == theme);
        if (filter.TerritoryId is { } territory)
        {
            var under = await TerritoryTree.SelfAndDescendantsAsync(db, territory);
            query = query.Where(p => p.TerritoryId != null && under.Contains(p.TerritoryId.Value));
        }
        var projects = await query.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(MaxListed).ToListAsync();
        var cards = await CardsAsync(projects);
        return filter.Phase is { } phase ? cards.Where(c => c.Current?.Kind == phase).ToList() : cards;
    }

    /// <summary>One project's page; a draft only for staff (null otherwise, as for a project of another organization).</summary>
    public async Task<ProjectPage?> PageAsync(int id, bool forStaff)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && (forStaff || p.PublishedAt != null));
        if (project is null) return null;
        var phases = ProjectPhase.InOrder(await db.ProjectPhases.AsNoTracking().Where(p => p.ProjectId == id).ToListAsync());
        var today = Today;
        var current = ProjectPhase.Current(phases, today);
        var next = phases.FirstOrDefault(p => p.StartsOn > today);
        var territory = project.TerritoryId is { } t ? await db.Territories.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var files = await db.ProjectFiles.AsNoTracking().Where(f => f.ProjectId == id).OrderBy(f => f.Id)
            .Join(db.StoredFiles, f => f.FileId, s => s.Id, (f, s) => new { f.IsPhoto, f.AltText, View = new FileView(s.Id, s.Title, s.ContentType, s.Size) })
            .ToListAsync();
        var links = await db.ProjectLinks.AsNoTracking().Where(l => l.ProjectId == id).OrderBy(l => l.Id).ToListAsync();
        // Only what the public may see, whoever reads: the page is the public's.
        var views = await subjects.DescribeAsync(links.Select(l => (l.Kind, l.SubjectId)), forStaff: false);
        var linked = ProjectLink.Kinds
            .Select(k => (k, links.Where(l => l.Kind == k).Select(l => views.GetValueOrDefault((l.Kind, l.SubjectId))).OfType<SubjectView>().ToList()))
            .ToList();
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.ProjectId == id && o.PublishedAt != null)
            .OrderByDescending(o => o.DecidedOn).ThenByDescending(o => o.Id)
            .Select(o => new FedOutcome(o.Id, o.Title, o.Status, o.ProgressPercent)).Take(50).ToListAsync();
        return new ProjectPage(project, territory, phases, current, next,
            files.Where(f => f.IsPhoto).Select(f => new ProjectPhoto(f.View, f.AltText ?? "")).ToList(),
            files.Where(f => !f.IsPhoto).Select(f => f.View).ToList(), linked, outcomes,
            await NearbyAsync(project.Latitude, project.Longitude));
    }

    /// <summary>Visible requests within <see cref="NearbyMetres"/> of the point, nearest first; none where requests are not public.</summary>
    public async Task<List<NearbyProjectRequest>> NearbyAsync(double? latitude, double? longitude)
    {
        if (!tenant.Organization.Requests.PublicRequests || latitude is not { } lat || longitude is not { } lon) return [];
        // The bounding box narrows in the database (as the report form's "déjà signalé ?" does), the distance sorts.
        var dLat = NearbyMetres / 111_320.0;
        var dLon = NearbyMetres / (111_320.0 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
        var candidates = await db.ServiceRequests.AsNoTracking()
            .Where(r => !r.IsHidden && !r.AwaitingEmail && r.Latitude >= lat - dLat && r.Latitude <= lat + dLat
                && r.Longitude >= lon - dLon && r.Longitude <= lon + dLon)
            .OrderByDescending(r => r.SubmittedAt).Take(NearbyCandidates)
            .Select(r => new { r.Id, Category = r.Category!.Name, r.Status, r.Latitude, r.Longitude, r.Address })
            .ToListAsync();
        return candidates
            .Select(r => new NearbyProjectRequest(r.Id, r.Category, r.Status,
                (int)Math.Round(ServiceRequest.MetresBetween(lat, lon, r.Latitude!.Value, r.Longitude!.Value)), r.Address))
            .Where(r => r.Metres <= NearbyMetres).OrderBy(r => r.Metres).Take(10).ToList();
    }

    /// <summary>The published projects an item belongs to, for a link back from its page.</summary>
    public async Task<List<(int Id, string Title)>> ProjectsOfAsync(OutcomeSubjectKind kind, int id)
    {
        var projectIds = db.ProjectLinks.Where(l => l.Kind == kind && l.SubjectId == id).Select(l => l.ProjectId);
        // Anonymous rows, then tuples: Npgsql reads a tuple built in SQL as a row value.
        var rows = await db.Projects.AsNoTracking().Where(p => p.PublishedAt != null && projectIds.Contains(p.Id))
            .OrderBy(p => p.Title).Take(20).Select(p => new { p.Id, p.Title }).ToListAsync();
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }

    private async Task<List<ProjectCard>> CardsAsync(List<Project> projects)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var phases = (await db.ProjectPhases.AsNoTracking().Where(p => ids.Contains(p.ProjectId)).ToListAsync()).ToLookup(p => p.ProjectId);
        var territoryIds = projects.Where(p => p.TerritoryId != null).Select(p => p.TerritoryId!.Value).Distinct().ToList();
        var territories = await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        var today = Today;
        return projects.Select(p => new ProjectCard(p.Id, p.Title, p.Summary, p.Theme,
            p.TerritoryId is { } t ? territories.GetValueOrDefault(t) : null, ProjectPhase.Current(phases[p.Id], today),
            p.Latitude, p.Longitude)).ToList();
    }
}
