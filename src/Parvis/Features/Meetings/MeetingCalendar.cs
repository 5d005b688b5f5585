using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings;

/// <summary>
/// iCalendar (RFC 5545) files: one meeting, and the subscribable feeds of the organization, of a territory (with the
/// territories under it) and of a council. Times are written in the organization's zone with its VTIMEZONE, so a
/// calendar shows 18:30 for an 18:30 meeting on either side of a summer-time change.
/// </summary>
public sealed class MeetingCalendar(ParvisDbContext db, TenantContext tenant, PublicLinks links, TimeProvider clock, TerritoryTrees territories)
{
    /// <summary>A feed keeps the meetings of the last three months beside the ones to come.</summary>
    public static readonly TimeSpan FeedHistory = TimeSpan.FromDays(90);
    public const int FeedLimit = 500;

    public async Task<string?> MeetingAsync(int id)
    {
        var meeting = await Published().FirstOrDefaultAsync(m => m.Id == id);
        return meeting is null ? null : Render([meeting], meeting.Title);
    }

    public async Task<string> OrganizationFeedAsync() =>
        Render(await RecentAsync(Published()), tenant.Organization.Name);

    /// <summary>Null when the territory is not this organization's.</summary>
    public async Task<string?> TerritoryFeedAsync(int territoryId)
    {
        var name = await db.Territories.Where(t => t.Id == territoryId).Select(t => t.Name).FirstOrDefaultAsync();
        if (name is null) return null;
        var covered = await territories.SelfAndDescendantsAsync(territoryId);
        var meetings = await RecentAsync(Published().Where(m => m.TerritoryId != null && covered.Contains(m.TerritoryId.Value)));
        return Render(meetings, $"{tenant.Organization.Name} — {name}");
    }

    /// <summary>A council's sessions; null when the council is not this organization's.</summary>
    public async Task<string?> CouncilFeedAsync(int councilId)
    {
        var name = await db.Councils.Where(c => c.Id == councilId).Select(c => c.Name).FirstOrDefaultAsync();
        if (name is null) return null;
        var meetings = await RecentAsync(Published().Where(m => m.CouncilId == councilId));
        return Render(meetings, $"{tenant.Organization.Name} — {name}");
    }

    private IQueryable<Meeting> Published() => db.Meetings.AsNoTracking().Where(m => m.PublishedAt != null);

    private Task<List<Meeting>> RecentAsync(IQueryable<Meeting> query)
    {
        var since = clock.GetUtcNow().UtcDateTime - FeedHistory;
        return query.Where(m => m.EndsAt >= since).OrderBy(m => m.StartsAt).Take(FeedLimit).ToListAsync();
    }

    private string Render(List<Meeting> meetings, string name)
    {
        var organization = tenant.Organization;
        var zone = organization.TimeZoneId;
        var calendar = new Calendar { ProductId = "-//Parvis//Agenda//FR" };
        calendar.Properties.Set("X-WR-CALNAME", Text(name));
        calendar.Properties.Set("X-WR-TIMEZONE", zone);
        var earliest = meetings.Count > 0 ? organization.ToLocal(meetings.Min(m => m.StartsAt)).AddDays(-1) : organization.ToLocal(clock.GetUtcNow().UtcDateTime);
        calendar.AddTimeZone(zone, earliest, false);
        var host = new Uri(links.BaseUrl).Host;
        var stamp = clock.GetUtcNow().UtcDateTime;
        foreach (var meeting in meetings)
        {
            var page = links.To($"/reunions/{meeting.Id}");
            var description = $"{MeetingLabels.Of(meeting.Kind)} — {MeetingLabels.Of(meeting.Format)}.\n{page}";
            if (meeting.IsCancelled) description = $"Annulée : {meeting.CancellationReason}\n" + description;
            var calendarEvent = new CalendarEvent
            {
                Uid = $"reunion-{meeting.Id}@{host}",
                Summary = Text(meeting.IsCancelled ? $"Annulée : {meeting.Title}" : meeting.Title),
                DtStart = new CalDateTime(organization.ToLocal(meeting.StartsAt), zone),
                DtEnd = new CalDateTime(organization.ToLocal(meeting.EndsAt), zone),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(stamp, DateTimeKind.Utc), CalDateTime.UtcTzId),
                Location = Text(meeting.IsInPerson ? (meeting.Room is { } room ? $"{meeting.Address} ({room})" : meeting.Address) : "En ligne"),
                Description = Text(description),
                Url = new Uri(page),
                Status = meeting.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (meeting.Latitude is { } latitude && meeting.Longitude is { } longitude)
                calendarEvent.GeographicLocation = new GeographicLocation(latitude, longitude);
            calendar.Events.Add(calendarEvent);
        }
        return Refold(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    /// <summary>
    /// Ical.Net folds long lines in the middle of a surrogate pair (an emoji in a title comes out as two replacement
    /// characters): the lines are unfolded and folded again at 75 octets of UTF-8, between whole characters (RFC 5545 3.1).
    /// </summary>
    internal static string Refold(string ics)
    {
        var result = new System.Text.StringBuilder(ics.Length + ics.Length / 64);
        foreach (var line in ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n"))
        {
            if (line.Length == 0) continue;
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (octets + size > 75)
                {
                    result.Append("\r\n ");
                    octets = 1;
                }
                result.Append(rune.ToString());
                octets += size;
            }
            result.Append("\r\n");
        }
        return result.ToString();
    }

    /// <summary>
    /// RFC 5545 text holds no control character but the line break (escaped by the serializer) and the tab: anything
    /// else typed into a title or an address (an escape sequence, a NUL) is left out so that every reader can parse the file.
    /// </summary>
    internal static string? Text(string? value) =>
        value is null || !value.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? value
            : string.Concat(value.Where(c => !char.IsControl(c) || c is '\n' or '\t'));
}

public static class MeetingCalendarEndpoints
{
    public static void MapMeetingCalendars(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reunions/{id:int}/calendrier.ics", async (int id, MeetingCalendar calendars) =>
            await calendars.MeetingAsync(id) is { } ics ? Ics(ics, $"reunion-{id}.ics") : Results.NotFound());
        app.MapGet("/agenda.ics", async (MeetingCalendar calendars) => Ics(await calendars.OrganizationFeedAsync(), "agenda.ics"));
        app.MapGet("/agenda/territoires/{territoryId:int}.ics", async (int territoryId, MeetingCalendar calendars) =>
            await calendars.TerritoryFeedAsync(territoryId) is { } ics ? Ics(ics, $"agenda-territoire-{territoryId}.ics") : Results.NotFound());
        app.MapGet("/conseils/{councilId:int}/agenda.ics", async (int councilId, MeetingCalendar calendars) =>
            await calendars.CouncilFeedAsync(councilId) is { } ics ? Ics(ics, $"conseil-{councilId}.ics") : Results.NotFound());
    }

    private static IResult Ics(string content, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(content), "text/calendar; charset=utf-8", fileName);
}
