using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Notifications;

/// <summary>The person's notifications, newest first, unread marked; read one by one or all at once.</summary>
[Authorize]
public class IndexModel(ParvisDbContext db, TenantContext tenant, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public List<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public bool More { get; private set; }
    public long? Before { get; private set; }
    public Organization Organization => tenant.Organization;

    public async Task OnGetAsync(long? avant)
    {
        var me = User.UserId()!.Value;
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        Unread = await mine.CountAsync(n => n.ReadAt == null);
        var page = avant is { } before ? mine.Where(n => n.Id < before) : mine;
        Items = await page.OrderByDescending(n => n.Id).Take(PageSize + 1).ToListAsync();
        More = Items.Count > PageSize;
        if (More)
        {
            Items.RemoveAt(PageSize);
            Before = Items[^1].Id;
        }
    }

    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        var me = User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var me = User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        TempData["Message"] = count == 0 ? "Aucune notification à marquer comme lue." : "Toutes vos notifications sont marquées comme lues.";
        return RedirectToPage();
    }
}
