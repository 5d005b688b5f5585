using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Meetings.Manage;

/// <summary>
/// Creating a meeting (no id) or changing one; what the form holds is checked by <see cref="Meeting.Validate"/>.
/// A council's animator who is not staff gets a session of a council they animate: the councils offered are theirs,
/// one must be chosen, and no consultation is offered (whatever is posted, the meeting is asked about before saving).
/// </summary>
[Authorize(Policy = Policies.ManageMeetings)]
public class EditModel(MeetingCommands commands, MeetingQueries queries, TenantContext tenant, TimeProvider clock, IAuthorizationService authorization)
    : PageModel, IRedisplaysBrokenRules
{
    /// <summary>Staff who run consultations; otherwise an animator, whose meetings are their councils' sessions.</summary>
    public bool IsStaff { get; private set; }
    public Meeting? Existing { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<(int Id, string Title)> Consultations { get; private set; } = [];
    public List<(int Id, string Name)> Councils { get; private set; } = [];

    [BindProperty] public MeetingInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int? id, int? conseil)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Existing is { } m)
        {
            var org = tenant.Organization;
            Input = new MeetingInput
            {
                Title = m.Title,
                Kind = m.Kind,
                Format = m.Format,
                StartsAt = org.ToLocal(m.StartsAt),
                EndsAt = org.ToLocal(m.EndsAt),
                ConsultationId = m.ConsultationId,
                TerritoryId = m.TerritoryId,
                CouncilId = m.CouncilId,
                Address = m.Address,
                Room = m.Room,
                Latitude = m.Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Longitude = m.Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OnlineUrl = m.OnlineUrl,
                StepFreeAccess = m.StepFreeAccess,
                InductionLoop = m.InductionLoop,
                SignLanguage = m.SignLanguage,
                Childcare = m.Childcare,
                AccessibilityContact = m.AccessibilityContact,
                Agenda = m.AgendaMarkdown,
                RegistrationRequired = m.RegistrationRequired,
                RegistrationLevel = m.RegistrationLevel,
                Capacity = m.Capacity,
                Publish = m.PublishedAt is not null,
            };
        }
        else
        {
            var start = tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime).Date.AddDays(14).AddHours(18);
            (Input.StartsAt, Input.EndsAt) = (start, start.AddHours(2));
            Input.CouncilId = Councils.Any(c => c.Id == conseil) ? conseil : IsStaff ? null : Councils.FirstOrDefault().Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        // A date or number the browser could not check arrives unreadable: refused with its own message, nothing saved.
        var unreadable = ModelState.Where(e => e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            .Select(e => e.Key).ToList();
        ModelState.Clear();
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (unreadable.Count > 0) throw new DomainException("Une date, une heure ou un nombre du formulaire n'est pas lisible.");
        var meeting = await commands.SaveAsync(User, Existing, Input);
        TempData["Message"] = meeting.PublishedAt is null ? "Rencontre enregistrée en brouillon." : "Rencontre enregistrée et publiée dans l'agenda.";
        return Redirect($"/admin/reunions/{meeting.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await LoadAsync(this.RouteId()) is null;

    private async Task<IActionResult?> LoadAsync(int? id)
    {
        IsStaff = (await authorization.AuthorizeAsync(User, Policies.ManageConsultations)).Succeeded;
        Territories = await queries.TerritoryOptionsAsync();
        Consultations = IsStaff ? await queries.ConsultationOptionsAsync() : [];
        Councils = await queries.CouncilOptionsAsync(IsStaff ? null : User.UserId());
        if (id is not { } meetingId) return null;
        Existing = await commands.FindAsync(meetingId);
        if (Existing is null) return NotFound();
        return (await authorization.AuthorizeAsync(User, Existing, Policies.ManageMeetings)).Succeeded ? null : Forbid();
    }
}
