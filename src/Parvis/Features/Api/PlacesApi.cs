using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

/// <param name="Boundary">A GeoJSON geometry (Polygon or MultiPolygon, longitude first), or null.</param>
public sealed record ApiTerritory(int Id, int? ParentId, string Name, string Kind, JsonElement? Boundary);

public sealed record ApiOutcomeLink(string Kind, int SubjectId, string Title, string Url);

public sealed record ApiOutcome(int Id, string Title, string Description, string Status, int ProgressPercent, decimal? BudgetEuros,
    DateOnly DecidedOn, DateOnly? StartedOn, DateOnly? ExpectedOn, DateOnly? DoneOn, int TerritoryId, int? ProjectId, string? ServiceName,
    IReadOnlyList<ApiOutcomeLink> Links, DateTime UpdatedAt, string Url);

/// <summary>Territories (with their boundaries) and outcomes ("vous avez dit, nous avons fait") with what they answer.</summary>
public sealed class PlacesApi(ParvisDbContext db, PublicLinks links, Outcomes.OutcomeSubjects subjects)
{
    /// <summary>Territories have no date of change: updated_since is not offered on them.</summary>
    public async Task<ApiPage<ApiTerritory>> TerritoriesAsync(PageRequest page, int? id = null)
    {
        var query = db.Territories.AsNoTracking().Where(t => t.Id > page.AfterId);
        if (id is not null) query = query.Where(t => t.Id == id);
        var rows = await query.OrderBy(t => t.Id).Take(page.Limit + 1)
            .Select(t => new { t.Id, t.ParentId, t.Name, t.Kind, t.BoundaryGeoJson }).ToListAsync();
        return page.PageOf(rows.Select(t => new ApiTerritory(t.Id, t.ParentId, t.Name, t.Kind.ToString(), Geometry(t.BoundaryGeoJson))).ToList(),
            t => t.Id);
    }

    private static JsonElement? Geometry(string? geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson)) return null;
        using var document = JsonDocument.Parse(geoJson);
        return document.RootElement.Clone();
    }

    public async Task<ApiPage<ApiOutcome>> OutcomesAsync(PageRequest page, int? id = null)
    {
        var query = db.Outcomes.AsNoTracking().Where(PublicItems.Outcomes).Where(o => o.Id > page.AfterId);
        if (id is not null) query = query.Where(o => o.Id == id);
        if (page.UpdatedSince is { } since) query = query.Where(o => o.UpdatedAt >= since || o.PublishedAt >= since);
        var rows = await query.OrderBy(o => o.Id).Take(page.Limit + 1).ToListAsync();
        var ids = rows.Select(o => o.Id).ToList();
        var outcomeLinks = (await db.OutcomeLinks.AsNoTracking().Where(l => ids.Contains(l.OutcomeId)).OrderBy(l => l.Id).ToListAsync())
            .ToLookup(l => l.OutcomeId);
        // Only the linked items the public may see, as on the outcome's page.
        var visible = await subjects.DescribeAsync(outcomeLinks.SelectMany(g => g).Select(l => (l.Kind, l.SubjectId)).ToList(), forStaff: false);
        return page.PageOf(rows.Select(o => new ApiOutcome(o.Id, o.Title, o.DescriptionMarkdown, o.Status.ToString(), o.ProgressPercent,
            o.BudgetEuros, o.DecidedOn, o.StartedOn, o.ExpectedOn, o.DoneOn, o.TerritoryId, o.ProjectId, o.ServiceName,
            outcomeLinks[o.Id].Where(l => visible.ContainsKey((l.Kind, l.SubjectId)))
                .Select(l => visible[(l.Kind, l.SubjectId)]).Select(v => new ApiOutcomeLink(v.Kind.ToString(), v.Id, v.Title, links.To(v.Url))).ToList(), o.UpdatedAt,
            links.To($"/nous-avons-fait/resultats/{o.Id}"))).ToList(), o => o.Id);
    }
}
