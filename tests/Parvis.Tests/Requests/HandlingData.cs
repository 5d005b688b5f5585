using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Requests made for one test: its own reporter, its own words, in the demo categories (routed to the Service voirie by default).</summary>
public static class HandlingData
{
    public const string Voirie = "Service voirie", Proprete = "Service propreté";

    /// <summary>A new request of organization A (or the given one); the reporter is an account (by e-mail) or a plain address.</summary>
    public static Task<int> AddRequestAsync(this ParvisFactory app, string description, string? authorEmail = null, string? reporterEmail = null,
        string categoryCode = "eclairage", Organization? organization = null, Action<ServiceRequest>? change = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var category = await db.RequestCategories.SingleAsync(c => c.Code == categoryCode);
            var authorId = authorEmail is null ? (Guid?)null : await db.Users.Where(u => u.Email == authorEmail).Select(u => u.Id).SingleAsync();
            var now = DateTime.UtcNow;
            var territories = await db.Territories.AsNoTracking().Where(t => t.BoundaryGeoJson != null).ToListAsync();
            var request = new ServiceRequest
            {
                CategoryId = category.Id,
                ServiceName = category.ServiceName,
                Description = description,
                Latitude = 48.85,
                Longitude = 2.35,
                Address = "3 place de la Mairie",
                TerritoryId = Territory.Locate(territories, 2.35, 48.85)?.Id,
                AuthorId = authorId,
                ReporterEmail = reporterEmail,
                Status = RequestStatus.Submitted,
                SubmittedAt = now,
                UpdatedAt = now,
                DueAt = now.AddHours(category.TargetHours),
            };
            change?.Invoke(request);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    public static Task FollowAsync(this ParvisFactory app, int requestId, string email) =>
        app.InAAsync(async db =>
        {
            db.RequestFollowers.Add(new RequestFollower { RequestId = requestId, Email = email, Since = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

    public static Task<ServiceRequest> RequestAsync(this ParvisFactory app, int id) =>
        app.InAAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Updates).SingleAsync(r => r.Id == id));

    public static Task<List<AuditEntry>> AuditOfRequestAsync(this ParvisFactory app, int id) =>
        app.InAAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TargetType == nameof(ServiceRequest) && a.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());

    public static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..8]}";
}
