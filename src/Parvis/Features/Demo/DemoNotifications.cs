using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>
/// `habitant@` follows the answered petition, the place de la Gare project and the first consultation, and has three
/// notices, one of them unread: the header shows its counter, /compte/notifications its list. Already mailed, so the
/// demo sends nothing on its first minute.
/// </summary>
public static class DemoNotifications
{
    public static async Task SeedAsync(ParvisDbContext db, DateTime now, ParvisUser resident)
    {
        var petition = await db.Petitions.Where(p => p.FirstAnsweredAt != null).OrderBy(p => p.Id).Select(p => new { p.Id, p.Title }).FirstAsync();
        var project = await db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => new { p.Id, p.Title }).FirstAsync();
        var consultation = await db.Consultations.Where(c => c.PublishedAt != null).OrderBy(c => c.Id).Select(c => new { c.Id, c.Title }).FirstAsync();
        void Follow(FollowSubjectKind kind, int id, bool automatic) =>
            db.Follows.Add(new Follow { UserId = resident.Id, SubjectKind = kind, SubjectId = id, Automatic = automatic, CreatedAt = now.AddDays(-20) });
        Follow(FollowSubjectKind.Petition, petition.Id, false);
        Follow(FollowSubjectKind.Project, project.Id, false);
        Follow(FollowSubjectKind.Consultation, consultation.Id, true);
        void Notice(NotificationKind kind, FollowSubjectKind subject, int id, string title, int daysAgo, bool read) =>
            db.Notifications.Add(new Notification
            {
                UserId = resident.Id,
                Kind = kind,
                SubjectKind = subject,
                SubjectId = id,
                Title = title,
                Path = Notifications.FollowSubjects.PathOf(subject, id),
                CreatedAt = now.AddDays(-daysAgo),
                ReadAt = read ? now.AddDays(-daysAgo + 1) : null,
                Delivery = NotificationDelivery.Immediate,
                MailAfter = now.AddDays(-daysAgo),
                MailedAt = now.AddDays(-daysAgo),
            });
        Notice(NotificationKind.PetitionThreshold, FollowSubjectKind.Petition, petition.Id, petition.Title, 30, true);
        Notice(NotificationKind.NewContribution, FollowSubjectKind.Consultation, consultation.Id, consultation.Title, 8, true);
        Notice(NotificationKind.OfficialResponse, FollowSubjectKind.Petition, petition.Id, petition.Title, 5, false);
        db.NotificationPreferences.Add(new NotificationPreference { UserId = resident.Id, Kind = NotificationKind.NewComment, Delivery = NotificationDelivery.Weekly });
        await db.SaveChangesAsync();
    }
}
