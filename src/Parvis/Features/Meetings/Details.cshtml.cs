using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Meetings;

/// <summary>
/// A meeting's page: when and where (always, with or without registration), access, the agenda, registering and the
/// person's own registration, and afterwards the minutes with their files and what was said on site.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class DetailsModel(ParvisDbContext db, MeetingQueries queries, MeetingRegistrations registrations, IAuthorizationService authorization,
    Identity.Verifications verifications, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public Meeting Meeting { get; private set; } = null!;
    public string? TerritoryName { get; private set; }
    public string? ConsultationTitle { get; private set; }
    public MeetingRegistration? Mine { get; private set; }
    public int? MyWaitingPosition { get; private set; }
    public bool CanRegister { get; private set; }
    public DomainException? RegistrationClosed { get; private set; }
    public Identity.ParticipationNeeds? RegistrationNeeds { get; private set; }
    public bool CanManage { get; private set; }
    public bool ShowsOnlineLink { get; private set; }
    public List<Files.FileView> MinutesFiles { get; private set; } = [];
    public List<OnSiteContribution> Contributions { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    [BindProperty] public RegistrationInput Input { get; set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(int id)
    {
        ModelState.Clear();
        var result = await registrations.RegisterAsync(User, id, Input);
        TempData["Message"] = result.Status == RegistrationStatus.Confirmed
            ? "Inscription enregistrée : une confirmation vous a été envoyée par e-mail, avec le lien pour annuler."
            : "La rencontre est complète : vous êtes sur la liste d'attente. Si une place se libère, elle vous est donnée et vous recevez un e-mail.";
        return Redirect($"/reunions/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        ModelState.Clear();
        await registrations.CancelOwnAsync(User, id);
        TempData["Message"] = "Votre inscription est annulée.";
        return Redirect($"/reunions/{id}");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId() ?? 0);

    private async Task<bool> LoadAsync(int id)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        CanManage = (await authorization.AuthorizeAsync(User, meeting, Policies.ManageMeetings)).Succeeded;
        if (meeting.PublishedAt is null && !CanManage) return false;
        Meeting = meeting;
        TerritoryName = await queries.TerritoryNameAsync(meeting.TerritoryId);
        ConsultationTitle = await queries.ConsultationTitleAsync(meeting.ConsultationId);
        if (meeting.MinutesPublishedAt is not null) MinutesFiles = await queries.MinutesFilesAsync(id);
        Contributions = await queries.ContributionsAsync(id);
        if (User.UserId() is { } me && await registrations.OfUserAsync(me, id) is { } mine)
        {
            Mine = mine;
            if (mine.Status == RegistrationStatus.Waiting) MyWaitingPosition = await registrations.WaitingPositionAsync(mine);
            ShowsOnlineLink = mine.Status == RegistrationStatus.Confirmed && meeting.ShowsOnlineLinkAt(Now);
        }
        if (!meeting.RegistrationRequired || Mine is not null) return true;
        RegistrationClosed = meeting.RegistrationClosedReason(Now);
        if (RegistrationClosed is not null) return true;
        if (await registrations.RefusalAsync(User, meeting) is { } refusal)
            RegistrationNeeds = verifications.NeedsFor("Pour vous inscrire", refusal, $"/reunions/{id}");
        else CanRegister = true;
        return true;
    }
}
