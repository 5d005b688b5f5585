using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Notifications;

/// <summary>
/// Tells an item's followers that something happened on it: one statement (INSERT … SELECT from the follows), whatever
/// their number, each row carrying when its e-mail is due by the person's choice for that kind. Called in the action's
/// transaction, so a notice exists if and only if the action happened; <see cref="NotificationMailJob"/> sends the e-mails.
/// </summary>
public sealed class Notifier(ParvisDbContext db, FollowSubjects subjects, Following following, TimeProvider clock)
{
    /// <summary>
    /// A person contributed (<paramref name="kind"/>) on an item: they follow it from now on (unless they turned that
    /// off), and its other followers are told when it is public.
    /// </summary>
    public async Task ContributedAsync(Guid? author, NotificationKind kind, FollowSubjectKind subjectKind, int subjectId, bool visible)
    {
        await following.AutoFollowAsync(author, subjectKind, subjectId);
        if (visible) await RecordAsync(kind, subjectKind, subjectId, author);
    }

    /// <summary>The author follows what they made (a contribution, a proposal, a petition), unless they turned that off.</summary>
    public Task AutoFollowAsync(Guid? author, FollowSubjectKind subjectKind, int subjectId) =>
        following.AutoFollowAsync(author, subjectKind, subjectId);

    /// <summary>Records the notices; <paramref name="actor"/> (who did it) is not told of their own act. Returns how many.</summary>
    public async Task<int> RecordAsync(NotificationKind kind, FollowSubjectKind subjectKind, int subjectId, Guid? actor = null)
    {
        if (await subjects.FindAsync(subjectKind, subjectId) is not { } subject) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var organizationId = db.TenantId;
        var storedKind = kind.ToString();
        var storedSubject = subjectKind.ToString();
        var fallback = Notification.DefaultDelivery(kind).ToString();
        var (immediate, daily, weekly) = (nameof(NotificationDelivery.Immediate), nameof(NotificationDelivery.Daily), nameof(NotificationDelivery.Weekly));
        var dailyAt = Notification.MailTime(NotificationDelivery.Daily, now);
        var weeklyAt = Notification.MailTime(NotificationDelivery.Weekly, now);
        var who = actor ?? Guid.Empty;
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Notifications" ("OrganizationId", "UserId", "Kind", "SubjectKind", "SubjectId", "Title", "Path",
                "CreatedAt", "Delivery", "MailAfter")
            SELECT d."OrganizationId", d."UserId", {storedKind}, {storedSubject}, {subjectId}, {subject.Title}, {subject.Path},
                {now}, d."Delivery",
                CASE d."Delivery" WHEN {immediate} THEN {now} WHEN {daily} THEN {dailyAt} WHEN {weekly} THEN {weeklyAt} END
            FROM (SELECT f."OrganizationId", f."UserId", COALESCE(p."Delivery", {fallback}) AS "Delivery"
                FROM "Follows" f
                LEFT JOIN "NotificationPreferences" p
                    ON p."OrganizationId" = f."OrganizationId" AND p."UserId" = f."UserId" AND p."Kind" = {storedKind}
                WHERE f."OrganizationId" = {organizationId} AND f."SubjectKind" = {storedSubject} AND f."SubjectId" = {subjectId}
                    AND f."UserId" <> {who}) d
            """);
    }
}
