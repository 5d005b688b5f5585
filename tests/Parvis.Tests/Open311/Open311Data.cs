using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

/// <summary>Categories and requests written straight into the database, so each test reads only its own.</summary>
public static class Open311Data
{
    public const string ApiKey = Parvis.Features.Demo.DemoRequests.DemoApiKey;

    /// <summary>A key of the organization written straight into the database (with or without the Open311 use); its secret.</summary>
    public static Task<string> NewKeyAsync(this ParvisFactory app, bool open311, Organization? organization = null, bool revoked = false) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var (key, secret) = Parvis.Domain.ApiKey.Issue("Clé d'essai " + Guid.NewGuid().ToString("N")[..6], 1_000, open311, null, DateTime.UtcNow);
            if (revoked) key.Revoke(DateTime.UtcNow);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });

    public static Task<RequestCategory> NewCategoryAsync(this ParvisFactory app, Organization? organization = null, params CategoryQuestion[] questions) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var category = new RequestCategory
            {
                Code = "essai-" + Guid.NewGuid().ToString("N")[..10],
                Name = "Catégorie d'essai",
                Group = "Essais",
                ServiceName = "Service des essais",
                TargetHours = 48,
                Description = "Pour les tests.",
                Keywords = "essai,test",
                Questions = [.. questions],
            };
            db.RequestCategories.Add(category);
            await db.SaveChangesAsync();
            return category;
        });

    public static Task<ServiceRequest> NewRequestAsync(this ParvisFactory app, RequestCategory category, Action<ServiceRequest>? change = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var now = DateTime.UtcNow;
            var request = new ServiceRequest
            {
                CategoryId = category.Id,
                ServiceName = category.ServiceName,
                Description = "Signalement d'essai " + Guid.NewGuid().ToString("N")[..6],
                Latitude = 48.85,
                Longitude = 2.35,
                Address = "1 rue de l'Essai",
                ReporterEmail = "auteur-secret@example.org",
                ReporterName = "Nom Secret",
                Status = RequestStatus.Submitted,
                SubmittedAt = now.AddHours(-1),
                UpdatedAt = now.AddHours(-1),
                DueAt = now.AddHours(47),
            };
            change?.Invoke(request);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            return request;
        });

    public static Task<int> CountAsync(this ParvisFactory app, Func<Parvis.Infrastructure.Data.ParvisDbContext, Task<int>> count) => app.InAAsync(count);

    public static async Task<T> FirstAuditAsync<T>(this ParvisFactory app, string action, string targetId, Func<AuditEntry, T> read) =>
        await app.InAAsync(async db => read(await db.AuditEntries.Where(a => a.Action == action && a.TargetId == targetId).OrderByDescending(a => a.Id).FirstAsync()));
}
