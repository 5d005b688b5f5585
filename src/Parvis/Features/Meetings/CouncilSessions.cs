using Microsoft.EntityFrameworkCore;
using Parvis.Features.Councils;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Meetings;

/// <summary>A council's sessions are its published meetings: newest first, each with whether its minutes are out.</summary>
public sealed class CouncilSessions(ParvisDbContext db) : ICouncilSessions
{
    public Task<List<CouncilSessionView>> OfCouncilAsync(int councilId) =>
        db.Meetings.AsNoTracking()
            .Where(m => m.CouncilId == councilId && m.PublishedAt != null)
            .OrderByDescending(m => m.StartsAt)
            .Select(m => new CouncilSessionView(m.Id, m.Title, m.StartsAt, "/reunions/" + m.Id, m.MinutesPublishedAt != null))
            .ToListAsync();
}
