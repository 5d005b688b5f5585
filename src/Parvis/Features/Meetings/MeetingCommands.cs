using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Meetings;

/// <summary>What the organizer sets on a meeting; times are the organization's local time.</summary>
public sealed class MeetingInput
{
    public string? Title { get; set; }
    public MeetingKind Kind { get; set; }
    public MeetingFormat Format { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? ConsultationId { get; set; }
    public int? TerritoryId { get; set; }
    /// <summary>A council's session: the council's page and feed list it.</summary>
    public int? CouncilId { get; set; }
    public string? Address { get; set; }
    public string? Room { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? OnlineUrl { get; set; }
    public bool StepFreeAccess { get; set; }
    public bool InductionLoop { get; set; }
    public bool SignLanguage { get; set; }
    public bool Childcare { get; set; }
    public string? AccessibilityContact { get; set; }
    public string? Agenda { get; set; }
    public bool RegistrationRequired { get; set; }
    public ParticipationLevel RegistrationLevel { get; set; } = ParticipationLevel.Anyone;
    public int? Capacity { get; set; }
    public bool Publish { get; set; }
}

/// <summary>
/// The organizer's side: creating, changing, cancelling a meeting, its minutes and their files, attendance, and the
/// contributions collected on site (entered through the consultation's offline path). Every change is audited, which
/// also evicts the organization's cached pages.
/// </summary>
public sealed class MeetingCommands(ParvisDbContext db, IAuthorizationService authorization, AuditLog audit, TenantContext tenant, TimeProvider clock,
    MeetingRegistrations registrations, MeetingNotices notices, Files.FileCommands files, ParticipationCommands participation)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The meeting, tracked, for the page that asks <see cref="Policies.ManageMeetings"/> about it before any command
    /// (<see cref="MeetingManagementHandler"/>: the staff, and a council's animators for its sessions).
    /// </summary>
    public Task<Meeting?> FindAsync(int id) => db.Meetings.FirstOrDefaultAsync(m => m.Id == id);

    /// <summary>Creates a meeting (<paramref name="existing"/> null) or changes one the page has loaded and authorized.</summary>
    public async Task<Meeting> SaveAsync(ClaimsPrincipal user, Meeting? existing, MeetingInput input)
    {
        var id = existing?.Id;
        var meeting = existing ?? new Meeting { Title = "", CreatedAt = Now };
        var previousCapacity = meeting.Capacity;
        await ApplyAsync(meeting, input);
        // Moving a meeting into a consultation another service runs, or out of the animator's council, is refused like managing it.
        if (!(await authorization.AuthorizeAsync(user, meeting, Policies.ManageMeetings)).Succeeded)
            throw new DomainException(meeting.ConsultationId is null
                ? "Vous n'organisez que les séances des conseils que vous animez."
                : "Cette concertation relève d'un autre service.");
        if (id is not null) meeting.EnsureCapacityKeeps(meeting.Capacity);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (id is null) db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        // More seats (or none at all now): the people waiting get them.
        if (id is not null && meeting.RegistrationRequired && (meeting.Capacity is null || meeting.Capacity > previousCapacity))
            await registrations.PromoteWaitingAsync(meeting);
        await notices.InviteCouncilAsync(meeting);
        audit.Record(id is null ? "meeting.create" : "meeting.update", nameof(Meeting), meeting.Id, meeting.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        notices.Flush();
        return meeting;
    }

    public async Task CancelAsync(Meeting meeting, string? reason)
    {
        meeting.Cancel(reason, Now);
        await notices.CancelledAsync(meeting);
        audit.Record("meeting.cancel", nameof(Meeting), meeting.Id, meeting.CancellationReason);
        await db.SaveChangesAsync();
        notices.Flush();
    }

    public async Task PublishMinutesAsync(Meeting meeting, string? markdown)
    {
        meeting.PublishMinutes(markdown, Now);
        audit.Record("meeting.minutes", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync();
    }

    public async Task AddMinutesFileAsync(Meeting meeting, IFormFile? upload, string? title)
    {
        var file = await files.StoreAsync(upload, FileKind.Document, title);
        file.MeetingId = meeting.Id;
        db.StoredFiles.Add(file);
        audit.Record("meeting.minutes.file", nameof(Meeting), meeting.Id, file.Title);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await files.DiscardAsync(file);
            throw;
        }
    }

    /// <summary>The organizer ticks who came; the list sent is the whole sheet (unticked: did not come).</summary>
    public async Task MarkAttendanceAsync(Meeting meeting, IReadOnlyCollection<long> present)
    {
        var id = meeting.Id;
        if (Now < meeting.StartsAt) throw new DomainException("La présence se note une fois la rencontre commencée.");
        var confirmed = await db.MeetingRegistrations.Where(r => r.MeetingId == id && r.Status == RegistrationStatus.Confirmed).ToListAsync();
        foreach (var registration in confirmed) registration.Attended = present.Contains(registration.Id);
        audit.Record("meeting.attendance", nameof(Meeting), id, $"{confirmed.Count(r => r.Attended == true)} présent(s) sur {confirmed.Count}");
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A contribution collected on site (or in an exhibition's visitors' book) goes through the consultation's offline
    /// path, with the channel "réunion" and the meeting's link; a meeting outside any consultation has nowhere to put it.
    /// </summary>
    public async Task<Contribution> EnterOnSiteAsync(ClaimsPrincipal user, Meeting meeting, OfflineInput input)
    {
        if (meeting.ConsultationId is not { } consultationId)
            throw new DomainException("Rattachez la rencontre à une concertation pour y saisir les contributions recueillies sur place.");
        if (Now < meeting.StartsAt) throw new DomainException("Les contributions se saisissent une fois la rencontre commencée.");
        var consultation = await db.Consultations.Include(c => c.Questions).FirstAsync(c => c.Id == consultationId);
        var place = string.IsNullOrWhiteSpace(input.ReceivedPlace) ? meeting.Title : input.ReceivedPlace;
        return await participation.EnterOfflineAsync(user, consultation, input with { Channel = Channel.Meeting, ReceivedPlace = place }, meeting.Id);
    }

    private async Task ApplyAsync(Meeting meeting, MeetingInput input)
    {
        if (input.StartsAt is null || input.EndsAt is null) throw new DomainException("Indiquez le début et la fin.");
        if (input.ConsultationId is { } consultationId && !await db.Consultations.AnyAsync(c => c.Id == consultationId))
            throw new DomainException("Cette concertation n'existe pas.");
        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId))
            throw new DomainException("Ce territoire n'existe pas.");
        if (input.CouncilId is { } councilId && !await db.Councils.AnyAsync(c => c.Id == councilId))
            throw new DomainException("Ce conseil n'existe pas.");
        var organization = tenant.Organization;
        meeting.Title = input.Title?.Trim() ?? "";
        meeting.Kind = input.Kind;
        meeting.Format = input.Format;
        meeting.StartsAt = organization.ToUtc(input.StartsAt.Value);
        meeting.EndsAt = organization.ToUtc(input.EndsAt.Value);
        meeting.ConsultationId = input.ConsultationId;
        meeting.TerritoryId = input.TerritoryId;
        meeting.CouncilId = input.CouncilId;
        meeting.Address = Optional(input.Address);
        meeting.Room = Optional(input.Room);
        meeting.Latitude = Coordinate(input.Latitude);
        meeting.Longitude = Coordinate(input.Longitude);
        meeting.OnlineUrl = Optional(input.OnlineUrl);
        meeting.StepFreeAccess = input.StepFreeAccess;
        meeting.InductionLoop = input.InductionLoop;
        meeting.SignLanguage = input.SignLanguage;
        meeting.Childcare = input.Childcare;
        meeting.AccessibilityContact = Optional(input.AccessibilityContact);
        meeting.AgendaMarkdown = Optional(input.Agenda);
        meeting.RegistrationRequired = input.RegistrationRequired;
        meeting.RegistrationLevel = input.RegistrationLevel;
        meeting.Capacity = input.RegistrationRequired ? input.Capacity : null;
        if (input.Publish) meeting.PublishedAt ??= Now;
        else if (meeting.ConfirmedCount == 0) meeting.PublishedAt = null;
        if (meeting.Validate() is { } error) throw new DomainException(error);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static double? Coordinate(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        return double.TryParse(typed.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) ? value : throw new DomainException("Une coordonnée n'est pas un nombre (par exemple 45.7640).");
    }
}
