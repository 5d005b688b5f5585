using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Meetings;

/// <summary>The naughty strings through every meeting form: the organizer's, registering, the minutes, the cancellation, on-site contributions.</summary>
[Collection(CivicAppCollection.Name)]
public class NaughtyMeetingFormTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    // A quarter of the list, another quarter than the other staff forms' test.
    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 2);

    [Fact]
    public async Task The_organizers_form_stores_the_text_as_typed_and_shows_it_as_text()
    {
        var agent = await _app.SignedInAsync("agent");
        foreach (var s in Sample)
        {
            var response = await agent.SubmitAsync("/admin/reunions/edition", "main form", new Dictionary<string, string?>
            {
                ["Input.Title"] = s,
                ["Input.Address"] = s,
                ["Input.Room"] = s,
                ["Input.AccessibilityContact"] = s,
                ["Input.Agenda"] = s,
                ["Input.Latitude"] = "",
                ["Input.Longitude"] = "",
                ["Input.Publish"] = "true",
            });
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Meeting.MaxTitle)
            {
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await _app.MeetingAsync(id);
            Assert.Equal((s.Trim(), s.Trim(), s.Trim()), (stored.Title, stored.Address!, stored.AgendaMarkdown!));
            var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/reunions/{id}");
            Assert.Equal(s.Trim().ReplaceLineEndings("\n"), page.QuerySelector("main h1")!.TextContent.Trim().ReplaceLineEndings("\n"));
            NaughtyStringTests.AssertNoInjectedMarkup(page, s);
            var ics = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/reunions/{id}/calendrier.ics");
            // Read back as typed, less the control characters RFC 5545 text cannot hold.
            var summary = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events).Summary;
            Assert.Equal(string.Concat(s.Trim().Where(c => !char.IsControl(c) || c is '\n' or '\t')), summary);
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/admin/reunions"), "the organizer's list");
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/agenda"), "the agenda");
    }

    [Fact]
    public async Task Registering_minutes_cancellation_and_on_site_contributions_take_any_text()
    {
        var gare = await _app.IdAsync(ConsultationData.Open);
        var started = await _app.NewMeetingAsync(capacity: null, m => { m.ConsultationId = gare; m.StartsAt = DateTime.UtcNow.AddHours(-2); m.EndsAt = DateTime.UtcNow.AddHours(-1); });
        var agent = await _app.SignedInAsync("agent");
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Sample)
        {
            var upcoming = await _app.NewMeetingAsync(capacity: 1000);
            var registered = await visitor.RegisterAsync(upcoming, s, MeetingData.NewAddress());
            Assert.True((int)registered.StatusCode < 500, $"{(int)registered.StatusCode} registering {s}");
            if (registered.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal(s.Trim(), (await _app.RegistrationsAsync(upcoming)).Single().Name);
            else Assert.NotEmpty(HtmlClient.Parse(await registered.Content.ReadAsStringAsync()).Errors());
            // The attendance sheet prints any name.
            await _app.InAAsync(db => db.Meetings.Where(m => m.Id == upcoming).ExecuteUpdateAsync(x => x.SetProperty(m => m.StartsAt, DateTime.UtcNow.AddMinutes(-1))));
            var sheet = await agent.GetAsync($"/admin/reunions/{upcoming}?handler=Sheet");
            Assert.True(sheet.StatusCode == HttpStatusCode.OK, $"{(int)sheet.StatusCode} printing {s}");

            var minutes = await agent.SubmitAsync($"/admin/reunions/{started}", "form[action*=Minutes]:not([enctype])", new Dictionary<string, string?> { ["Minutes"] = s });
            Assert.True((int)minutes.StatusCode < 500, $"{(int)minutes.StatusCode} for minutes {s}");
            var onSite = await agent.SubmitAsync($"/admin/reunions/{started}", "form[action*=Contribution]", new Dictionary<string, string?> { ["Offline.AuthorName"] = s, ["Offline.Body"] = s });
            Assert.True((int)onSite.StatusCode < 500, $"{(int)onSite.StatusCode} for on-site {s}");
            var reason = await agent.SubmitAsync($"/admin/reunions/{upcoming}", "form[action*=Cancel]", new Dictionary<string, string?> { ["Reason"] = s });
            Assert.True((int)reason.StatusCode < 500, $"{(int)reason.StatusCode} for reason {s}");
        }
        var page = await visitor.GetDocumentAsync($"/reunions/{started}");
        NaughtyStringTests.AssertNoInjectedMarkup(page, "the minutes and on-site contributions");
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync($"/admin/reunions/{started}"), "the organizer's page");
    }
}
