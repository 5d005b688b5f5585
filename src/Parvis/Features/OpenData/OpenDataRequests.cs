using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Api;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.OpenData;

/// <summary>A public request as its page shows it: never the reporter's name or e-mail, never an internal note.</summary>
public sealed record OpenRequest(int Id, string Category, string Service, string Status, string Description, string? Address,
    double? Latitude, double? Longitude, int? TerritoryId, DateTime SubmittedAt, DateTime UpdatedAt, DateTime? ClosedAt, string Url);

/// <summary>
/// The requests of the open data page, page by page in id order like the API's collections. The caller offers them
/// only where the organization's requests are public (<see cref="RequestSettings.PublicRequests"/>).
/// </summary>
public sealed class OpenDataRequests(ParvisDbContext db, PublicLinks links)
{
    public async Task<ApiPage<OpenRequest>> RequestsAsync(PageRequest page)
    {
        var rows = await db.ServiceRequests.AsNoTracking().Where(PublicItems.ServiceRequests).Where(r => r.Id > page.AfterId)
            .OrderBy(r => r.Id).Take(page.Limit + 1)
            .Select(r => new
            {
                r.Id,
                Category = r.Category!.Name,
                r.ServiceName,
                r.Status,
                r.Description,
                r.Address,
                r.Latitude,
                r.Longitude,
                r.TerritoryId,
                r.SubmittedAt,
                r.UpdatedAt,
                r.ClosedAt,
            }).ToListAsync();
        return page.PageOf(rows.Select(r => new OpenRequest(r.Id, r.Category, r.ServiceName, r.Status.ToString(), r.Description, r.Address,
            r.Latitude, r.Longitude, r.TerritoryId, r.SubmittedAt, r.UpdatedAt, r.ClosedAt, links.To($"/signalements/{r.Id}"))).ToList(), r => r.Id);
    }
}
