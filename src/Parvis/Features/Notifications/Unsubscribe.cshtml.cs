using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Notifications;

/// <summary>
/// One-click unsubscribe (RFC 8058): the link of every notification e-mail. A mail client POSTs to it without a session
/// or a form token ("List-Unsubscribe=One-Click"); the signed token in the address says who and which kinds. A person
/// who opens the link gets a button, so a link scanner that follows it changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(ParvisDbContext db, NotificationMail mail) : PageModel
{
    public NotificationKind[] Kinds { get; private set; } = [];
    public bool Valid { get; private set; }
    public bool Done { get; private set; }

    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    public IActionResult OnGet()
    {
        Read();
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Read() is not { } userId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await NotificationPreferencesStore.SetAsync(db, userId, Kinds.ToDictionary(k => k, _ => NotificationDelivery.None));
        Done = true;
        return Page();
    }

    private Guid? Read()
    {
        if (mail.Read(db.TenantId, Token) is not { } read) return null;
        (Valid, Kinds) = (true, read.Kinds);
        return read.UserId;
    }
}
