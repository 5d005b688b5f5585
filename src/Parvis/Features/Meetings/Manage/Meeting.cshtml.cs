using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings.Manage;

/// <summary>
/// One meeting for its organizer: who registered and who is waiting, the attendance sheet to print and to tick,
/// the minutes and their files, the contributions collected on site, and the cancellation.
/// </summary>
[Authorize(Policy = Policies.ManageMeetings)]
public class MeetingModel(MeetingCommands commands, MeetingQueries queries, MeetingRegistrations registrations, TenantContext tenant,
    TimeProvider clock, IAuthorizationService authorization) : PageModel, IRedisplaysBrokenRules
{
    public Meeting Meeting { get; private set; } = null!;
    public List<MeetingRegistration> Registrations { get; private set; } = [];
    public List<Files.FileView> MinutesFiles { get; private set; } = [];
    public List<OnSiteContribution> Contributions { get; private set; } = [];
    public bool HasStarted => clock.GetUtcNow().UtcDateTime >= Meeting.StartsAt;
    public bool HasEnded => Meeting.HasEnded(clock.GetUtcNow().UtcDateTime);

    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public string? FileTitle { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<long> Present { get; set; } = [];
    [BindProperty] public OfflineInput Offline { get; set; } = new(null, null, Channel.Meeting, null);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        Minutes = Meeting.MinutesMarkdown;
        return Page();
    }

    /// <summary>The feuille d'émargement, to print: confirmed people in the order they registered.</summary>
    public async Task<IActionResult> OnGetSheetAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        var org = tenant.Organization;
        var names = Registrations.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Name).ToList();
        var pdf = AttendanceSheetPdf.Render(new AttendanceSheet(org.Name, Meeting.Title, registrations.When(Meeting), registrations.Venue(Meeting), names,
            org.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        return File(pdf, "application/pdf", $"emargement-{id}.pdf");
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        await commands.MarkAttendanceAsync(Meeting, Present);
        TempData["Message"] = "Présences enregistrées.";
        return Redirect($"/admin/reunions/{id}");
    }

    public async Task<IActionResult> OnPostMinutesAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        await commands.PublishMinutesAsync(Meeting, Minutes);
        TempData["Message"] = "Compte rendu publié sur la page de la rencontre.";
        return Redirect($"/admin/reunions/{id}");
    }

    public async Task<IActionResult> OnPostMinutesFileAsync(int id, IFormFile? file)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        await commands.AddMinutesFileAsync(Meeting, file, FileTitle);
        TempData["Message"] = "Document ajouté au compte rendu.";
        return Redirect($"/admin/reunions/{id}");
    }

    public async Task<IActionResult> OnPostContributionAsync(int id)
    {
        // A date the browser could not check (no date picker) arrives unreadable: refused rather than taken for now.
        var unreadableDate = ModelState.GetFieldValidationState("Offline.ReceivedAt") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        ModelState.Clear();
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (unreadableDate) throw new DomainException("La date de réception n'est pas une date valide.");
        await commands.EnterOnSiteAsync(User, Meeting, Offline);
        TempData["Message"] = "La contribution recueillie sur place est enregistrée.";
        return Redirect($"/admin/reunions/{id}#sur-place");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        await commands.CancelAsync(Meeting, Reason);
        TempData["Message"] = "Rencontre annulée : les inscrits sont prévenus par e-mail.";
        return Redirect($"/admin/reunions/{id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await LoadAsync(this.RouteId() ?? 0) is null;

    public string BrokenRuleField(string? handler) => handler switch
    {
        "Contribution" => "Offline",
        "Minutes" or "MinutesFile" => "Minutes",
        "Cancel" => "Reason",
        "Attendance" => "Present",
        _ => "",
    };

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var meeting = await commands.FindAsync(id);
        if (meeting is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, meeting, Policies.ManageMeetings)).Succeeded) return Forbid();
        Meeting = meeting;
        Registrations = await queries.RegistrationsAsync(id);
        MinutesFiles = await queries.MinutesFilesAsync(id);
        Contributions = await queries.ContributionsAsync(id);
        return null;
    }
}
