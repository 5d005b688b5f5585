using System.Net;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Features.Meetings;
using Parvis.Testing;
using Parvis.Tests.Councils;

namespace Parvis.Tests.Meetings;

/// <summary>The iCalendar files read back by Ical.Net, the agenda's filters, the reminder job, and tenant isolation.</summary>
[Collection(CivicAppCollection.Name)]
public class CalendarAndReminderTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Meetings_on_each_side_of_the_summer_time_change_keep_their_local_time_when_read_back()
    {
        // Paris moves to summer time on Sunday 28 March 2027 and back on Sunday 31 October 2027: a meeting at 18:30 is
        // 17:30 UTC the day before the first change, 16:30 UTC the day after it, 16:30 UTC before the second, 17:30 after.
        var expected = new (string Title, DateTime Utc)[]
        {
            ("Avant le passage à l'heure d'été", new DateTime(2027, 3, 27, 17, 30, 0)),
            ("Après le passage à l'heure d'été", new DateTime(2027, 3, 29, 16, 30, 0)),
            ("Avant le retour à l'heure d'hiver", new DateTime(2027, 10, 30, 16, 30, 0)),
            ("Après le retour à l'heure d'hiver", new DateTime(2027, 11, 1, 17, 30, 0)),
        };
        var ids = new List<int>();
        foreach (var (title, utc) in expected)
            ids.Add(await _app.NewMeetingAsync(adjust: m =>
            {
                m.Title = title;
                m.StartsAt = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
                m.EndsAt = m.StartsAt.AddHours(2);
                m.Latitude = 45.76;
                m.Longitude = 4.83;
            }));
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var response = await visitor.GetAsync("/agenda.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        // The zone travels with the file (for readers without a time-zone database): both of its rules are there.
        var paris = Assert.Single(calendar.TimeZones, z => z.TzId == "Europe/Paris");
        Assert.Contains(paris.TimeZoneInfos, i => i.Name == "DAYLIGHT" && i.OffsetTo!.Offset == TimeSpan.FromHours(2));
        Assert.Contains(paris.TimeZoneInfos, i => i.Name == "STANDARD" && i.OffsetTo!.Offset == TimeSpan.FromHours(1));
        foreach (var (id, (title, utc)) in ids.Zip(expected))
        {
            var ev = calendar.Events.Single(e => e.Uid == $"reunion-{id}@{ParvisFactory.HostA}");
            Assert.Equal(title, ev.Summary);
            Assert.Equal("Europe/Paris", ev.DtStart!.TzId);
            Assert.Equal(new TimeOnly(18, 30), TimeOnly.FromDateTime(ev.DtStart.Value));
            Assert.Equal(utc, ev.DtStart.AsUtc);
            Assert.Equal(utc.AddHours(2), ev.DtEnd!.AsUtc);
            Assert.EndsWith($"/reunions/{id}", ev.Url!.ToString(), StringComparison.Ordinal);
        }
        Assert.Contains("TZID:Europe/Paris", text, StringComparison.Ordinal);
        var single = Calendar.Load(await visitor.GetStringAsync($"/reunions/{ids[1]}/calendrier.ics"))!;
        var only = Assert.Single(single.Events);
        Assert.Equal(expected[1].Title, only.Summary);
        Assert.Equal(45.76, only.GeographicLocation!.Latitude, 3);
    }

    [Fact]
    public async Task A_territory_feed_holds_the_meetings_of_that_territory_and_those_under_it_only()
    {
        var (commune, quartier, other) = await _app.InAAsync(async db =>
        {
            // Two quartiers of one commune.
            var pair = await db.Territories.AsNoTracking().Where(t => t.ParentId != null)
                .GroupBy(t => t.ParentId!.Value).Where(g => g.Count() >= 2)
                .Select(g => new { Parent = g.Key, First = g.Min(t => t.Id), Last = g.Max(t => t.Id) }).FirstAsync();
            return (pair.Parent, pair.First, pair.Last);
        });
        var inside = await _app.NewMeetingAsync(adjust: m => m.TerritoryId = quartier);
        var elsewhere = await _app.NewMeetingAsync(adjust: m => m.TerritoryId = other);
        var draft = await _app.NewMeetingAsync(adjust: m => { m.TerritoryId = quartier; m.PublishedAt = null; });
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var ofQuartier = Calendar.Load(await visitor.GetStringAsync($"/agenda/territoires/{quartier}.ics"))!.Events.Select(e => e.Uid).ToList();
        Assert.Contains($"reunion-{inside}@{ParvisFactory.HostA}", ofQuartier);
        Assert.DoesNotContain($"reunion-{elsewhere}@{ParvisFactory.HostA}", ofQuartier);
        Assert.DoesNotContain($"reunion-{draft}@{ParvisFactory.HostA}", ofQuartier);
        var ofCommune = Calendar.Load(await visitor.GetStringAsync($"/agenda/territoires/{commune}.ics"))!.Events.Select(e => e.Uid).ToList();
        Assert.Contains($"reunion-{inside}@{ParvisFactory.HostA}", ofCommune);
        Assert.Contains($"reunion-{elsewhere}@{ParvisFactory.HostA}", ofCommune);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/reunions/{draft}/calendrier.ics")).StatusCode);
        // The agenda page filters the same way, without JavaScript: a plain GET form.
        var agenda = await visitor.GetStringAsync($"/agenda?territoire={quartier}&type=PublicMeeting");
        Assert.Contains($"/reunions/{inside}\"", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain($"/reunions/{elsewhere}\"", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain($"/reunions/{inside}\"", await visitor.GetStringAsync($"/agenda?territoire={quartier}&type=Walk"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/agenda?territoire=abc&type=Nimporte")).StatusCode);
    }

    [Fact]
    public async Task A_council_feed_holds_that_councils_sessions_and_only_in_its_organization()
    {
        var (council, _) = await _app.NewCouncilAsync();
        var session = await _app.NewMeetingAsync(adjust: m => m.CouncilId = council);
        var other = await _app.NewMeetingAsync();
        var ics = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}/agenda.ics");
        var uids = Calendar.Load(ics)!.Events.Select(e => e.Uid).ToList();
        Assert.Equal([$"reunion-{session}@{ParvisFactory.HostA}"], uids);
        Assert.DoesNotContain($"reunion-{other}@{ParvisFactory.HostA}", uids);
        // The council's page lists the session and links the feed.
        var page = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}");
        Assert.Contains($"/reunions/{session}\"", page, StringComparison.Ordinal);
        Assert.Contains($"/conseils/{council}/agenda.ics", page, StringComparison.Ordinal);
        var fromB = await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/conseils/{council}/agenda.ics");
        Assert.Equal(HttpStatusCode.NotFound, fromB.StatusCode);
    }

    [Fact]
    public async Task The_reminder_goes_once_the_day_before_even_when_the_job_runs_again_or_restarts()
    {
        var now = DateTime.UtcNow;
        var tomorrow = await _app.NewMeetingAsync(capacity: 1, m => { m.StartsAt = now.AddHours(20); m.EndsAt = m.StartsAt.AddHours(2); });
        var nextWeek = await _app.NewMeetingAsync(capacity: 5);
        var (confirmed, waiting, later) = (MeetingData.NewAddress(), MeetingData.NewAddress(), MeetingData.NewAddress());
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        await visitor.RegisterAsync(tomorrow, "Présent", confirmed);
        await visitor.RegisterAsync(tomorrow, "Attend", waiting);
        await visitor.RegisterAsync(nextWeek, "Plus tard", later);
        // Two runs, each with a new job as after a restart of the node.
        await RunRemindersAsync(now);
        await RunRemindersAsync(now.AddMinutes(30));
        var reminders = await _app.InAAsync(db => db.Outbox.Where(m => m.Subject.Contains("rappel")).Select(m => m.To).ToListAsync());
        Assert.Equal(1, reminders.Count(to => to == confirmed));
        Assert.DoesNotContain(waiting, reminders);
        Assert.DoesNotContain(later, reminders);
        Assert.NotNull((await _app.MeetingAsync(tomorrow)).RemindersSentAt);
        Assert.Null((await _app.MeetingAsync(nextWeek)).RemindersSentAt);
        var mail = await _app.Smtp.WaitForAsync(confirmed, m => m.Subject!.Contains("rappel", StringComparison.Ordinal));
        Assert.EndsWith($"/reunions/{tomorrow}", TestSmtpServer.LinksIn(mail).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meetings_and_registrations_of_B_are_not_reachable_from_A()
    {
        var ofB = await _app.NewMeetingAsync(capacity: 5, organization: _app.OrganizationB);
        await _app.ClientFor(ParvisFactory.HostB).RegisterAsync(ofB, "Habitant de B", MeetingData.NewAddress());
        Assert.Equal(0, await _app.InAAsync(db => db.Meetings.CountAsync(m => m.Id == ofB)));
        Assert.Equal(0, await _app.InAAsync(db => db.MeetingRegistrations.CountAsync(r => r.MeetingId == ofB)));
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.MeetingRegistrations.CountAsync(r => r.MeetingId == ofB)));
        var admin = await _app.SignedInAsync("admin");
        foreach (var url in new[] { $"/reunions/{ofB}", $"/reunions/{ofB}/calendrier.ics", $"/reunions/{ofB}/inscription", $"/admin/reunions/{ofB}", $"/admin/reunions/edition/{ofB}" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        Assert.DoesNotContain($"reunion-{ofB}@", await admin.GetStringAsync("/agenda.ics"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/reunions/{ofB}\"", await admin.GetStringAsync("/admin/reunions"), StringComparison.Ordinal);
    }

    private async Task RunRemindersAsync(DateTime now)
    {
        using var scope = _app.Services.CreateScope();
        await new MeetingReminderJob(_app.Services.GetRequiredService<IConfiguration>(), new FixedClock(now)).RunAsync(scope.ServiceProvider, default);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
