using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings.Manage;

/// <summary>Creating a meeting (no id) or changing one; what the form holds is checked by <see cref="Meeting.Validate"/>.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(MeetingCommands commands, MeetingQueries queries, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public Meeting? Existing { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<(int Id, string Title)> Consultations { get; private set; } = [];
    public List<(int Id, string Name)> Councils { get; private set; } = [];

    [BindProperty] public MeetingInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int? id)
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
        Territories = await queries.TerritoryOptionsAsync();
        Consultations = await queries.ConsultationOptionsAsync();
        Councils = await queries.CouncilOptionsAsync();
        if (id is not { } meetingId) return null;
        Existing = await commands.FindAsync(meetingId);
        if (Existing is null) return NotFound();
        return await commands.MayManageAsync(User, Existing) ? null : Forbid();
    }
}
