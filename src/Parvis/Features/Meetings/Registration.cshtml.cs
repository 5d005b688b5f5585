using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Meetings;

/// <summary>
/// The page of the link in the confirmation e-mail: the person's registration, the online link when it is time, and
/// the cancellation, all without signing in. A GET shows a button; only the POST cancels (mail scanners follow links).
/// </summary>
public class RegistrationModel(ParvisDbContext db, MeetingRegistrations registrations, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public Meeting Meeting { get; private set; } = null!;
    public MeetingRegistration? Registration { get; private set; }
    public int? WaitingPosition { get; private set; }
    public bool ShowsOnlineLink { get; private set; }
    public bool HasEnded { get; private set; }

    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var cancelled = await registrations.CancelByTokenAsync(id, Token);
        TempData["Message"] = cancelled.Status == RegistrationStatus.Waiting
            ? "Vous avez quitté la liste d'attente."
            : "Votre inscription est annulée : votre place ira à la personne suivante de la liste d'attente, s'il y en a une.";
        return Redirect($"/reunions/{id}/inscription?jeton={Uri.EscapeDataString(Token ?? "")}");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId() ?? 0);

    private async Task<bool> LoadAsync(int id)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.PublishedAt != null);
        if (meeting is null) return false;
        Meeting = meeting;
        var now = clock.GetUtcNow().UtcDateTime;
        HasEnded = meeting.HasEnded(now);
        Registration = await registrations.ByTokenAsync(id, Token);
        if (Registration is { Status: RegistrationStatus.Waiting } waiting) WaitingPosition = await registrations.WaitingPositionAsync(waiting);
        ShowsOnlineLink = Registration is { Status: RegistrationStatus.Confirmed } && meeting.ShowsOnlineLinkAt(now);
        return true;
    }
}
