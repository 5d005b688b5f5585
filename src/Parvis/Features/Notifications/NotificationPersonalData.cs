using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Notifications;

/// <summary>An item the person follows, by hand or because they contributed to it.</summary>
public sealed record ExportFollow(string Kind, int Id, bool Automatic, DateTime Since, string Url);

/// <summary>A notice the site holds for the person, as they read it in "Notifications".</summary>
public sealed record ExportNotice(string Kind, string Title, DateTime CreatedAt, DateTime? ReadAt, DateTime? MailedAt, string Url);

/// <summary>
/// A person's follows and notices: in their download; at the erasure of the account they go, with the pending
/// e-mails and the settings.
/// </summary>
public static class NotificationPersonalData
{
    public static async Task<(List<ExportFollow> Follows, List<ExportNotice> Notices)> ExportAsync(ParvisDbContext db, Guid userId)
    {
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Id).ToListAsync();
        var notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
        return (follows.Select(f => new ExportFollow(FollowSubjects.Label(f.SubjectKind), f.SubjectId, f.Automatic, f.CreatedAt,
                FollowSubjects.PathOf(f.SubjectKind, f.SubjectId))).ToList(),
            notices.Select(n => new ExportNotice(Notification.Label(n.Kind), n.Title, n.CreatedAt, n.ReadAt, n.MailedAt, n.Path)).ToList());
    }

    public static async Task EraseAsync(ParvisDbContext db, Guid userId)
    {
        await db.Follows.Where(f => f.UserId == userId).ExecuteDeleteAsync();
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync();
        await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync();
        await db.NotificationSettings.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    }
}
