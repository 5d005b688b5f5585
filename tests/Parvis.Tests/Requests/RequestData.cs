using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Infrastructure.Files;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Categories and requests of one test, seeded directly, so that lists and figures never mix with another test's.</summary>
internal static class RequestData
{
    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A new active category of its own service (or the given one), with a single-choice question "taille".</summary>
    public static Task<RequestCategory> NewCategoryAsync(this ParvisFactory app, int targetHours = 72, string? service = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var name = Unique("Catégorie");
            var category = new RequestCategory
            {
                Code = "c-" + Guid.NewGuid().ToString("N")[..12],
                Name = name,
                Group = "Groupe de test",
                ServiceName = service ?? Unique("Service"),
                TargetHours = targetHours,
                Questions = [new CategoryQuestion { Code = "taille", Prompt = "Taille du trou", Kind = QuestionKind.SingleChoice, Position = 1, Choices = "petit=Moins de 20 cm\ngrand=Plus de 50 cm" }],
            };
            db.RequestCategories.Add(category);
            await db.SaveChangesAsync();
            return category;
        });

    /// <summary>A request of the category submitted <paramref name="submittedHoursAgo"/> hours ago (due after the category's target), changed by <paramref name="change"/>.</summary>
    public static Task<ServiceRequest> AddRequestAsync(this ParvisFactory app, RequestCategory category, double submittedHoursAgo = 1, int? territoryId = null,
        Action<ServiceRequest>? change = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var submitted = DateTime.UtcNow.AddHours(-submittedHoursAgo);
            var request = new ServiceRequest
            {
                CategoryId = category.Id,
                ServiceName = category.ServiceName,
                Description = Unique("Description"),
                Latitude = 48.85,
                Longitude = 2.35,
                Address = "12 rue Victor-Hugo",
                TerritoryId = territoryId,
                Status = RequestStatus.Submitted,
                SubmittedAt = submitted,
                UpdatedAt = submitted,
                DueAt = submitted.AddHours(category.TargetHours),
            };
            change?.Invoke(request);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            return request;
        });

    /// <summary>A request acknowledged after <paramref name="acknowledgedAfterHours"/> and closed with <paramref name="closedAs"/> after <paramref name="closedAfterHours"/> (or left open).</summary>
    public static Task<ServiceRequest> AddHandledAsync(this ParvisFactory app, RequestCategory category, int territoryId, double submittedHoursAgo,
        double? acknowledgedAfterHours, double? closedAfterHours = null, RequestStatus closedAs = RequestStatus.Resolved, Action<ServiceRequest>? change = null) =>
        app.AddRequestAsync(category, submittedHoursAgo, territoryId, r =>
        {
            r.AcknowledgedAt = acknowledgedAfterHours is { } ack ? r.SubmittedAt.AddHours(ack) : null;
            r.Status = acknowledgedAfterHours is null ? RequestStatus.Submitted : RequestStatus.Acknowledged;
            if (closedAfterHours is { } closed)
            {
                r.Status = closedAs;
                r.ClosedAt = r.SubmittedAt.AddHours(closed);
            }
            change?.Invoke(r);
        });

    /// <summary>A photo of the request, stored like an upload (a tiny PNG).</summary>
    public static Task<Guid> AddPhotoAsync(this ParvisFactory app, int requestId, bool hidden = false) =>
        app.InOrganizationAsync(app.OrganizationA, async (db, services) =>
        {
            var id = Guid.NewGuid();
            var key = $"{db.TenantId}/{id:N}.png";
            await services.GetRequiredService<IFileStorage>().SaveAsync(key, Convert.FromBase64String(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
            db.StoredFiles.Add(new StoredFile { Id = id, Kind = FileKind.Photo, Title = "Photo", FileName = "photo.png", ContentType = "image/png", Size = 68, StorageKey = key, UploadedAt = DateTime.UtcNow });
            var position = await db.RequestPhotos.CountAsync(p => p.RequestId == requestId);
            db.RequestPhotos.Add(new RequestPhoto { RequestId = requestId, FileId = id, Position = position, IsHidden = hidden });
            await db.SaveChangesAsync();
            return id;
        });

    public static async Task SetRequestsPublicAsync(this ParvisFactory app, bool isPublic)
    {
        await app.InAAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == app.OrganizationA.Id);
            org.Requests.PublicRequests = isPublic;
            return await db.SaveChangesAsync();
        });
        app.ForgetOrganizationCache(ParvisFactory.HostA);
        // As a settings change by an administrator does (through the audit log), anonymous pages kept in memory go.
        await app.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
            .EvictByTagAsync(Parvis.Infrastructure.Web.AnonymousPagePolicy.OrganizationTag(app.OrganizationA.Id), default);
    }
}
