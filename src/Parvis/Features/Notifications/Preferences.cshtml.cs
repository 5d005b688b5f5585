using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Notifications;

/// <summary>How each kind of notification reaches the person, and whether contributing to an item follows it.</summary>
[Authorize]
public class PreferencesModel(ParvisDbContext db, Following following) : PageModel
{
    public Dictionary<NotificationKind, NotificationDelivery> Deliveries { get; private set; } = [];

    [BindProperty] public Dictionary<NotificationKind, NotificationDelivery> Choices { get; set; } = [];
    [BindProperty] public bool AutoFollow { get; set; } = true;

    public async Task OnGetAsync()
    {
        var me = User.UserId()!.Value;
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == me).ToDictionaryAsync(p => p.Kind, p => p.Delivery);
        Deliveries = Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => chosen.GetValueOrDefault(k, Notification.DefaultDelivery(k)));
        AutoFollow = await db.NotificationSettings.Where(s => s.UserId == me).Select(s => (bool?)s.AutoFollow).FirstOrDefaultAsync() ?? true;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || Choices.Any(c => !Enum.IsDefined(c.Key) || !Enum.IsDefined(c.Value))) return BadRequest();
        var me = User.UserId()!.Value;
        await NotificationPreferencesStore.SetAsync(db, me, Choices);
        var settings = await following.SettingsAsync(me);
        settings.AutoFollow = AutoFollow;
        await db.SaveChangesAsync();
        await following.RememberLanguageAsync(me);
        TempData["Message"] = "Vos préférences de notification sont enregistrées.";
        return RedirectToPage();
    }
}

/// <summary>Writes a person's choices per kind (the preferences page and the one-click unsubscribe).</summary>
public static class NotificationPreferencesStore
{
    public static async Task SetAsync(ParvisDbContext db, Guid userId, IReadOnlyDictionary<NotificationKind, NotificationDelivery> choices)
    {
        var rows = await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync();
        foreach (var (kind, delivery) in choices)
        {
            if (rows.FirstOrDefault(r => r.Kind == kind) is { } row) row.Delivery = delivery;
            else db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Delivery = delivery });
        }
        // Notices still waiting for a digest or a mail follow the new choice: an unsubscribed kind sends nothing more.
        foreach (var (kind, delivery) in choices.Where(c => c.Value == NotificationDelivery.None))
            await db.Notifications.Where(n => n.UserId == userId && n.Kind == kind && n.MailedAt == null && n.MailAfter != null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailAfter, (DateTime?)null).SetProperty(n => n.Delivery, delivery));
        await db.SaveChangesAsync();
    }
}
