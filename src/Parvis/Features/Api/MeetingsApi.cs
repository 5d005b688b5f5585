using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

public sealed record ApiAccessibility(bool StepFreeAccess, bool InductionLoop, bool SignLanguage, bool Childcare, string? Contact);

/// <param name="Minutes">The minutes (Markdown) once published, else null.</param>
/// <param name="SeatsLeft">With a capacity: the seats not yet taken (0 when full); null without a limit.</param>
public sealed record ApiMeeting(int Id, string Title, string Kind, string Format, DateTime StartsAt, DateTime EndsAt, int? TerritoryId,
    int? ConsultationId, int? CouncilId, string? Address, string? Room, double? Latitude, double? Longitude,
    ApiAccessibility Accessibility, string? Agenda, bool RegistrationRequired, int? Capacity, int? SeatsLeft, bool Cancelled,
    string? CancellationReason, string? Minutes, DateTime? MinutesPublishedAt, DateTime PublishedAt, string Url);

/// <summary>
/// Meetings as their public page shows them: published ones, cancelled or not (with the reason). Never who registered,
/// never the online link (the page gives it to registered people only, shortly before the start).
/// </summary>
public sealed class MeetingsApi(ParvisDbContext db, PublicLinks links)
{
    public async Task<ApiPage<ApiMeeting>> MeetingsAsync(PageRequest page, int? id = null)
    {
        var query = db.Meetings.AsNoTracking().Where(PublicItems.Meetings).Where(m => m.Id > page.AfterId);
        if (id is not null) query = query.Where(m => m.Id == id);
        if (page.UpdatedSince is { } since)
            query = query.Where(m => m.PublishedAt >= since || m.CancelledAt >= since || m.MinutesPublishedAt >= since);
        // A consultation is named only when the public may read it, as on the meeting's page.
        var consultations = db.Consultations.Where(PublicItems.Consultations);
        var rows = await query.OrderBy(m => m.Id).Take(page.Limit + 1).Select(m => new
        {
            Meeting = m,
            PublicConsultation = consultations.Any(c => c.Id == m.ConsultationId),
        }).ToListAsync();
        return page.PageOf(rows.Select(r => Of(r.Meeting, r.PublicConsultation)).ToList(), m => m.Id);
    }

    private ApiMeeting Of(Meeting m, bool publicConsultation) => new(m.Id, m.Title, m.Kind.ToString(), m.Format.ToString(),
        m.StartsAt, m.EndsAt, m.TerritoryId, publicConsultation ? m.ConsultationId : null, m.CouncilId, m.Address, m.Room,
        m.Latitude, m.Longitude,
        new ApiAccessibility(m.StepFreeAccess, m.InductionLoop, m.SignLanguage, m.Childcare, m.AccessibilityContact),
        m.AgendaMarkdown, m.RegistrationRequired, m.Capacity,
        m.SeatsLeft,
        m.CancelledAt is not null, m.CancelledAt is null ? null : m.CancellationReason,
        m.MinutesPublishedAt is null ? null : m.MinutesMarkdown, m.MinutesPublishedAt, m.PublishedAt!.Value,
        links.To($"/reunions/{m.Id}"));
}
