using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;

namespace Parvis.Features.PersonalData;

public sealed record ExportRequest(int Id, string Category, string Description, string? Address, double? Latitude, double? Longitude,
    string? ReporterName, string Status, DateTime SubmittedAt, string Url);

public sealed record ExportRequestFollow(int RequestId, string Category, DateTime Since, string Url);

/// <summary>
/// A person's requests (signalements) and follows: in their download; at the erasure of the account the
/// requests stay (the service's work and the public history) without their author, the follows go; the
/// retention job deletes reports never confirmed by e-mail and forgets reporters' addresses of long-closed ones.
/// </summary>
public static class RequestPersonalData
{
    public static async Task<(List<ExportRequest> Requests, List<ExportRequestFollow> Follows)> ExportAsync(ParvisDbContext db, Guid userId)
    {
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => r.AuthorId == userId).OrderBy(r => r.SubmittedAt)
            .Select(r => new { r.Id, Category = r.Category!.Name, r.Description, r.Address, r.Latitude, r.Longitude, r.ReporterName, r.Status, r.SubmittedAt })
            .ToListAsync();
        var follows = await db.RequestFollowers.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Since)
            .Join(db.ServiceRequests, f => f.RequestId, r => r.Id, (f, r) => new ExportRequestFollow(r.Id, r.Category!.Name, f.Since, "/signalements/" + r.Id))
            .ToListAsync();
        return (requests.Select(r => new ExportRequest(r.Id, r.Category, r.Description, r.Address, r.Latitude, r.Longitude, r.ReporterName,
            ServiceRequest.Label(r.Status), r.SubmittedAt, $"/signalements/{r.Id}")).ToList(), follows);
    }

    /// <summary>Inside the eraser's transaction: the requests lose their author, the follows go with their counts.</summary>
    public static async Task EraseAsync(ParvisDbContext db, Guid userId)
    {
        await db.ServiceRequests.Where(r => r.AuthorId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AuthorId, (Guid?)null)
            .SetProperty(r => r.ReporterName, (string?)null)
            .SetProperty(r => r.ReporterEmail, (string?)null));
        await db.ServiceRequests.Where(r => db.RequestFollowers.Any(f => f.RequestId == r.Id && f.UserId == userId) && r.FollowerCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FollowerCount, r => r.FollowerCount - 1));
        await db.RequestFollowers.Where(f => f.UserId == userId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Days after closing when a reporter's address and name (without an account) are forgotten, with the address
    /// followers of the request: long enough for the "est-ce réglé ?" question and a reopening.
    /// </summary>
    public static int ReporterDays(Organization organization) =>
        Math.Max(organization.Retention.AnonymousEmailDays, organization.Requests.AskIfFixedAfterDays + 30);

    public static async Task RetainAsync(ParvisDbContext db, IFileStorage storage, Organization organization, DateTime now, CancellationToken token)
    {
        // Sent without an account and never confirmed: never seen by anyone, nothing to keep once the link is dead.
        var before = now - Requests.Reporting.ReportCommands.LinkLifetime - TimeSpan.FromDays(1);
        var stale = db.ServiceRequests.Where(r => r.AwaitingEmail && r.SubmittedAt < before);
        var files = await db.StoredFiles.Where(f => db.RequestPhotos.Any(p => p.FileId == f.Id && stale.Any(r => r.Id == p.RequestId))).ToListAsync(token);
        // All rows or none, then the bytes: an interrupted run leaves nothing without its request.
        await using (var transaction = await db.Database.BeginTransactionAsync(token))
        {
            await db.RequestAnswers.Where(a => stale.Any(r => r.Id == a.RequestId)).ExecuteDeleteAsync(token);
            await db.RequestPhotos.Where(p => stale.Any(r => r.Id == p.RequestId)).ExecuteDeleteAsync(token);
            await stale.ExecuteDeleteAsync(token);
            var ids = files.Select(f => f.Id).ToList();
            await db.StoredFiles.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(token);
            await transaction.CommitAsync(token);
        }
        foreach (var file in files) await storage.DeleteAsync(file.StorageKey, token);

        var closedBefore = now.AddDays(-ReporterDays(organization));
        var closed = db.ServiceRequests.Where(r => r.ClosedAt != null && r.ClosedAt < closedBefore);
        var followed = await db.RequestFollowers.Where(f => f.Email != null && closed.Any(r => r.Id == f.RequestId)).Select(f => f.RequestId).Distinct().ToListAsync(token);
        await db.RequestFollowers.Where(f => f.Email != null && followed.Contains(f.RequestId)).ExecuteDeleteAsync(token);
        await db.ServiceRequests.Where(r => followed.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FollowerCount, r => db.RequestFollowers.Count(f => f.RequestId == r.Id)), token);
        await closed.Where(r => r.ReporterEmail != null || r.ReporterName != null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ReporterEmail, (string?)null)
            .SetProperty(r => r.ReporterName, (string?)null), token);
    }
}
