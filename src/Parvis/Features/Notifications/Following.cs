using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Notifications;

/// <summary>Following an item by hand (a button on its page) or by contributing to it (unless the person turned that off).</summary>
public sealed class Following(ParvisDbContext db, FollowSubjects subjects, TimeProvider clock)
{
    public async Task<bool> FollowAsync(ClaimsPrincipal user, FollowSubjectKind kind, int id)
    {
        var me = user.UserId() ?? throw new DomainException("Connectez-vous pour suivre.");
        if (await subjects.FindAsync(kind, id) is null) throw new ItemNotFoundException();
        var added = await InsertAsync(me, kind, id, automatic: false, onlyIfAutoFollow: false) == 1;
        await RememberLanguageAsync(me);
        return added;
    }

    public async Task<bool> UnfollowAsync(ClaimsPrincipal user, FollowSubjectKind kind, int id)
    {
        var me = user.UserId() ?? throw new DomainException("Connectez-vous pour suivre.");
        return await db.Follows.Where(f => f.UserId == me && f.SubjectKind == kind && f.SubjectId == id).ExecuteDeleteAsync() > 0;
    }

    public Task<bool> IsFollowingAsync(Guid me, FollowSubjectKind kind, int id) =>
        db.Follows.AnyAsync(f => f.UserId == me && f.SubjectKind == kind && f.SubjectId == id);

    /// <summary>
    /// The one call every contribution makes: its author follows what they contributed to, unless they turned that off.
    /// One statement; a follow already there stays as it is.
    /// </summary>
    public Task AutoFollowAsync(Guid? userId, FollowSubjectKind kind, int id) =>
        userId is { } me ? InsertAsync(me, kind, id, automatic: true, onlyIfAutoFollow: true) : Task.CompletedTask;

    private Task<int> InsertAsync(Guid me, FollowSubjectKind kind, int id, bool automatic, bool onlyIfAutoFollow)
    {
        var organizationId = db.TenantId;
        var stored = kind.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var checkSetting = !onlyIfAutoFollow;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Follows" ("OrganizationId", "UserId", "SubjectKind", "SubjectId", "Automatic", "CreatedAt")
            SELECT {organizationId}, {me}, {stored}, {id}, {automatic}, {now}
            WHERE {checkSetting} OR NOT EXISTS (SELECT 1 FROM "NotificationSettings" s
                WHERE s."OrganizationId" = {organizationId} AND s."UserId" = {me} AND s."AutoFollow" = {false})
            ON CONFLICT ("OrganizationId", "UserId", "SubjectKind", "SubjectId") DO NOTHING
            """);
    }

    /// <summary>E-mails go out in the language the person reads the site in when they follow or choose their settings.</summary>
    public async Task RememberLanguageAsync(Guid me)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";
        var settings = await SettingsAsync(me);
        settings.Language = language;
        await db.SaveChangesAsync();
    }

    /// <summary>The person's settings row, created (and tracked) when they have none yet.</summary>
    public async Task<NotificationSettings> SettingsAsync(Guid me)
    {
        var settings = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == me);
        if (settings is null)
        {
            settings = new NotificationSettings { UserId = me };
            db.NotificationSettings.Add(settings);
        }
        return settings;
    }
}
