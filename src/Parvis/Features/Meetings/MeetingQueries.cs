using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings;

/// <summary>A meeting in a list, its times in the organization's local time.</summary>
public sealed record MeetingCard(int Id, string Title, MeetingKind Kind, MeetingFormat Format, DateTime Starts, DateTime Ends,
    string? Address, string? Territory, bool Cancelled, bool RegistrationRequired, bool Full);

/// <summary>The meetings of one week (Monday to Sunday, local time).</summary>
public sealed record AgendaWeek(DateOnly Monday, List<MeetingCard> Meetings);

public sealed record OnSiteContribution(int Id, string Text, string? AuthorName, DateTime? ReceivedLocal);

public sealed class MeetingQueries(ParvisDbContext db, TenantContext tenant, TimeProvider clock, TerritoryTrees territories)
{
    public const int AgendaLimit = 300;

    /// <summary>Published meetings not over yet, in time order, grouped by week; a territory includes those under it.</summary>
    public async Task<List<AgendaWeek>> UpcomingAsync(int? territoryId, MeetingKind? kind)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = await FilteredAsync(territoryId, kind);
        var cards = await CardsAsync(query.Where(m => m.EndsAt > now).OrderBy(m => m.StartsAt).ThenBy(m => m.Id).Take(AgendaLimit));
        return cards.GroupBy(c => Monday(c.Starts)).Select(g => new AgendaWeek(g.Key, g.ToList())).ToList();
    }

    public async Task<List<MeetingCard>> PastAsync(int? territoryId, MeetingKind? kind, int count = 20)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = await FilteredAsync(territoryId, kind);
        return await CardsAsync(query.Where(m => m.EndsAt <= now).OrderByDescending(m => m.StartsAt).Take(count));
    }

    public Task<List<MeetingCard>> OfConsultationAsync(int consultationId) =>
        CardsAsync(db.Meetings.AsNoTracking().Where(m => m.PublishedAt != null && m.ConsultationId == consultationId).OrderBy(m => m.StartsAt));

    /// <summary>Every meeting, drafts included, for the organizer's list.</summary>
    public Task<List<MeetingCard>> AllForStaffAsync() =>
        CardsAsync(db.Meetings.AsNoTracking().OrderByDescending(m => m.StartsAt).Take(500));

    /// <summary>What an animator manages: the sessions of their councils that no consultation carries.</summary>
    public Task<List<MeetingCard>> SessionsAnimatedByAsync(Guid animator) =>
        CardsAsync(db.Meetings.AsNoTracking()
            .Where(m => m.ConsultationId == null && db.CouncilAnimators.Any(a => a.CouncilId == m.CouncilId && a.UserId == animator))
            .OrderByDescending(m => m.StartsAt).Take(500));

    public async Task<List<OnSiteContribution>> ContributionsAsync(int meetingId)
    {
        var rows = await db.Contributions.AsNoTracking()
            .Where(c => c.MeetingId == meetingId && c.State == ModerationState.Published)
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Title, c.Body, c.OfflineAuthorName, c.ReceivedAt }).ToListAsync();
        var organization = tenant.Organization;
        return rows.Select(c => new OnSiteContribution(c.Id, c.Title ?? Shared.Excerpt.Of(c.Body, 300), c.OfflineAuthorName,
            c.ReceivedAt is { } at ? organization.ToLocal(at) : null)).ToList();
    }

    public Task<List<Files.FileView>> MinutesFilesAsync(int meetingId) =>
        db.StoredFiles.AsNoTracking().Where(f => f.MeetingId == meetingId).OrderBy(f => f.UploadedAt)
            .Select(f => new Files.FileView(f.Id, f.Title, f.ContentType, f.Size)).ToListAsync();

    public Task<List<MeetingRegistration>> RegistrationsAsync(int meetingId) =>
        db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meetingId && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.Status).ThenBy(r => r.Id).ToListAsync();

    public Task<List<(int Id, string Label)>> TerritoryOptionsAsync() => territories.OptionsAsync();

    public async Task<List<(int Id, string Title)>> ConsultationOptionsAsync() =>
        (await db.Consultations.AsNoTracking().OrderByDescending(c => c.ContributionsStartAt).Select(c => new { c.Id, c.Title }).Take(200).ToListAsync())
            .Select(c => (c.Id, c.Title)).ToList();

    /// <summary>The councils a meeting may be a session of: all of them, or those the animator given animates.</summary>
    public async Task<List<(int Id, string Name)>> CouncilOptionsAsync(Guid? animator = null) =>
        (await db.Councils.AsNoTracking().Where(c => animator == null || db.CouncilAnimators.Any(a => a.CouncilId == c.Id && a.UserId == animator))
                .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => (c.Id, c.Name)).ToList();

    public Task<string?> TerritoryNameAsync(int? territoryId) =>
        territoryId is { } id ? db.Territories.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync() : Task.FromResult<string?>(null);

    public Task<string?> ConsultationTitleAsync(int? consultationId) =>
        consultationId is { } id ? db.Consultations.Where(c => c.Id == id && c.PublishedAt != null).Select(c => c.Title).FirstOrDefaultAsync()
            : Task.FromResult<string?>(null);

    /// <summary>The Monday of a local date's week.</summary>
    public static DateOnly Monday(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
    }

    private async Task<IQueryable<Meeting>> FilteredAsync(int? territoryId, MeetingKind? kind)
    {
        var query = db.Meetings.AsNoTracking().Where(PublicItems.Meetings);
        if (territoryId is { } id)
        {
            var covered = await territories.SelfAndDescendantsAsync(id);
            query = query.Where(m => m.TerritoryId != null && covered.Contains(m.TerritoryId.Value));
        }
        if (kind is { } k && Enum.IsDefined(k)) query = query.Where(m => m.Kind == k);
        return query;
    }

    private async Task<List<MeetingCard>> CardsAsync(IQueryable<Meeting> query)
    {
        var rows = await query.Select(m => new
        {
            m.Id,
            m.Title,
            m.Kind,
            m.Format,
            m.StartsAt,
            m.EndsAt,
            m.Address,
            m.CancelledAt,
            m.RegistrationRequired,
            m.Capacity,
            m.ConfirmedCount,
            Territory = db.Territories.Where(t => t.Id == m.TerritoryId).Select(t => t.Name).FirstOrDefault(),
        }).ToListAsync();
        var organization = tenant.Organization;
        return rows.Select(m => new MeetingCard(m.Id, m.Title, m.Kind, m.Format, organization.ToLocal(m.StartsAt), organization.ToLocal(m.EndsAt),
            m.Address, m.Territory, m.CancelledAt != null, m.RegistrationRequired, m.Capacity is { } c && m.ConfirmedCount >= c)).ToList();
    }
}

/// <summary>French labels of meetings' values; views translate them with <c>L.Text</c>.</summary>
public static class MeetingLabels
{
    public static string Of(MeetingKind kind) => kind switch
    {
        MeetingKind.Workshop => "Atelier",
        MeetingKind.Permanence => "Permanence",
        MeetingKind.Exhibition => "Exposition",
        MeetingKind.Walk => "Balade urbaine",
        _ => "Réunion publique",
    };

    public static string Of(MeetingFormat format) => format switch
    {
        MeetingFormat.Online => "Uniquement en ligne",
        MeetingFormat.Hybrid => "Sur place et en ligne",
        _ => "Sur place",
    };

    public static string Of(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "Inscrit",
        RegistrationStatus.Waiting => "En liste d'attente",
        _ => "Annulée",
    };

    /// <summary>"mardi 14 janvier 2026, 18:30 – 20:30", or "du … au …" for what spans several days.</summary>
    public static string When(DateTime starts, DateTime ends, CultureInfo culture) =>
        starts.Date == ends.Date
            ? string.Format(culture, "{0:dddd d MMMM yyyy}, {0:HH:mm} – {1:HH:mm}", starts, ends)
            : string.Format(culture, "{0:dddd d MMMM yyyy} – {1:dddd d MMMM yyyy}", starts, ends);
}
