using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Notifications;

/// <summary>An erased account's follows, notices (with their pending e-mails) and settings go with it.</summary>
public static class NotificationPersonalData
{
    public static async Task EraseAsync(ParvisDbContext db, Guid userId)
    {
        await db.Follows.Where(f => f.UserId == userId).ExecuteDeleteAsync();
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync();
        await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync();
        await db.NotificationSettings.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    }
}
