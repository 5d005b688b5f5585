using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Meetings;

/// <summary>The organizer's pages: creating, the service that may manage, minutes and on-site contributions, attendance, cancelling.</summary>
[Collection(CivicAppCollection.Name)]
public class StaffMeetingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Form(string title, int? consultation = null, string start = "2030-06-12T18:30", string end = "2030-06-12T20:30") => new()
    {
        ["Input.Title"] = title,
        ["Input.Kind"] = nameof(MeetingKind.Workshop),
        ["Input.Format"] = nameof(MeetingFormat.InPerson),
        ["Input.StartsAt"] = start,
        ["Input.EndsAt"] = end,
        ["Input.ConsultationId"] = consultation?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Input.Address"] = "Maison de quartier, 4 rue Haute",
        ["Input.Latitude"] = "45,7640",
        ["Input.Longitude"] = "4.8357",
        ["Input.StepFreeAccess"] = "true",
        ["Input.AccessibilityContact"] = "Accueil 04 00 00 00 00",
        ["Input.Agenda"] = "1. Présentation\n2. Ateliers",
        ["Input.RegistrationRequired"] = "true",
        ["Input.RegistrationLevel"] = nameof(ParticipationLevel.Anyone),
        ["Input.Capacity"] = "12",
        ["Input.Publish"] = "true",
    };

    [Fact]
    public async Task An_agent_creates_a_meeting_in_local_time_published_in_the_agenda_and_audited()
    {
        var agent = await _app.SignedInAsync("agent");
        var title = "Atelier " + Guid.NewGuid().ToString("N")[..6];
        var response = await agent.SubmitAsync("/admin/reunions/edition", "main form", Form(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var meeting = await _app.InAAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Title == title));
        // 18:30 in Paris in June is 16:30 UTC.
        Assert.Equal(new DateTime(2030, 6, 12, 16, 30, 0, DateTimeKind.Utc), meeting.StartsAt);
        Assert.Equal((45.764, 4.8357, 12), (meeting.Latitude!.Value, meeting.Longitude!.Value, meeting.Capacity!.Value));
        Assert.NotNull(meeting.PublishedAt);
        Assert.Contains(title, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync("/agenda"), StringComparison.Ordinal);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "meeting.create" && a.TargetId == meeting.Id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task A_meeting_made_a_councils_session_is_listed_on_that_councils_page_and_a_council_elsewhere_is_refused()
    {
        var agent = await _app.SignedInAsync("agent");
        var (council, _) = await Councils.CouncilData.NewCouncilAsync(_app);
        var title = "Séance " + Guid.NewGuid().ToString("N")[..6];
        var form = Form(title);
        form["Input.CouncilId"] = council.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync("/admin/reunions/edition", "main form", form)).StatusCode);
        var meeting = await _app.InAAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Title == title));
        Assert.Equal(council, meeting.CouncilId);
        Assert.Contains($"/reunions/{meeting.Id}\"", await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}"),
            StringComparison.Ordinal);

        var councilOfB = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var territory = await db.Territories.Select(t => t.Id).FirstAsync();
            var other = new Council { Name = "" };
            other.Describe("Conseil de B", CouncilKind.Youth, territory, "", ParticipationLevel.Anyone, false, ParticipationLevel.Anyone, DateTime.UtcNow);
            db.Councils.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var refusedTitle = "Refusée " + Guid.NewGuid().ToString("N")[..6];
        var refusedForm = Form(refusedTitle);
        refusedForm["Input.CouncilId"] = councilOfB.ToString(CultureInfo.InvariantCulture);
        var page = await agent.SubmitAndReadAsync("/admin/reunions/edition", "main form", refusedForm);
        Assert.Contains(page.Errors(), e => e.Contains("Ce conseil n'existe pas.", StringComparison.Ordinal));
        Assert.False(await _app.InAAsync(db => db.Meetings.AnyAsync(m => m.Title == refusedTitle)));
    }

    [Theory]
    [InlineData("2030-06-12T20:30", "2030-06-12T18:30", "La fin doit venir après le début.")]
    [InlineData("2030-06-12T18:30", "2030-06-20T18:30", "Seule une exposition dure plus d'une journée")]
    [InlineData("pas une date", "2030-06-12T18:30", "n'est pas lisible")]
    public async Task Bad_input_gets_a_french_message_and_saves_nothing(string start, string end, string message)
    {
        var agent = await _app.SignedInAsync("agent");
        var title = "Refusée " + Guid.NewGuid().ToString("N")[..6];
        var page = await agent.SubmitAndReadAsync("/admin/reunions/edition", "main form", Form(title, start: start, end: end));
        Assert.Contains(page.Errors(), e => e.Contains(message, StringComparison.Ordinal));
        Assert.Equal(title, page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.False(await _app.InAAsync(db => db.Meetings.AnyAsync(m => m.Title == title)));
    }

    [Fact]
    public async Task A_meeting_of_a_consultation_is_managed_by_that_consultations_service_only()
    {
        var gare = await _app.IdAsync(ConsultationData.Open);
        var ofGare = await _app.NewMeetingAsync(adjust: m => m.ConsultationId = gare);
        var unattached = await _app.NewMeetingAsync();
        var voirie = await _app.SignedInAsync("voirie");
        AssertRefused(await voirie.GetAsync($"/admin/reunions/{ofGare}"));
        AssertRefused(await voirie.GetAsync($"/admin/reunions/edition/{ofGare}"));
        AssertRefused(await voirie.GetAsync($"/admin/reunions/{ofGare}?handler=Sheet"));
        Assert.Equal(HttpStatusCode.OK, (await voirie.GetAsync($"/admin/reunions/{unattached}")).StatusCode);
        // Nor can another service move a meeting into that consultation.
        var page = await voirie.SubmitAndReadAsync($"/admin/reunions/edition/{unattached}", "main form", new Dictionary<string, string?> { ["Input.ConsultationId"] = gare.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("Cette concertation relève d'un autre service.", page.Errors());
        Assert.Null((await _app.MeetingAsync(unattached)).ConsultationId);
        var agent = await _app.SignedInAsync("agent");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/admin/reunions/{ofGare}")).StatusCode);
        var citizen = (await _app.CitizenClientAsync()).Client;
        AssertRefused(await citizen.GetAsync($"/admin/reunions/{unattached}"));
        // The public page offers the organizer's pages to those who may use them only.
        var manage = $"a[href='/admin/reunions/{unattached}']";
        Assert.NotNull((await voirie.GetDocumentAsync($"/reunions/{unattached}")).QuerySelector(manage));
        Assert.Null((await citizen.GetDocumentAsync($"/reunions/{unattached}")).QuerySelector(manage));
        Assert.Null((await voirie.GetDocumentAsync($"/reunions/{ofGare}")).QuerySelector($"a[href='/admin/reunions/{ofGare}']"));
    }

    // A refusal of a signed-in person is the access-denied page.
    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_with_a_file_and_an_on_site_contribution_show_on_the_meeting_page_and_in_the_consultation()
    {
        var gare = await _app.IdAsync(ConsultationData.Open);
        var id = await _app.NewMeetingAsync(adjust: m => { m.ConsultationId = gare; m.StartsAt = DateTime.UtcNow.AddHours(-3); m.EndsAt = DateTime.UtcNow.AddHours(-1); });
        var agent = await _app.SignedInAsync("agent");
        var minutes = await agent.SubmitAsync($"/admin/reunions/{id}", "form[action*=Minutes]:not([enctype])", new Dictionary<string, string?> { ["Minutes"] = "## Relevé\nLes arbres restent." });
        Assert.Equal(HttpStatusCode.Redirect, minutes.StatusCode);
        using (var upload = new MultipartFormDataContent())
        {
            var page = await agent.GetDocumentAsync($"/admin/reunions/{id}");
            upload.Add(new StringContent(page.QuerySelector("form[action*=MinutesFile] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            upload.Add(new StringContent("Diaporama"), "FileTitle");
            upload.Add(new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "diaporama.pdf");
            Assert.Equal(HttpStatusCode.Redirect, (await agent.PostAsync($"/admin/reunions/{id}?handler=MinutesFile", upload)).StatusCode);
        }
        var body = "Il faudrait un abri vélo " + Guid.NewGuid().ToString("N")[..6];
        var entered = await agent.SubmitAsync($"/admin/reunions/{id}", "form[action*=Contribution]", new Dictionary<string, string?> { ["Offline.AuthorName"] = "M. Garcia", ["Offline.Body"] = body });
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var contribution = await _app.InAAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Body == body));
        Assert.Equal((Channel.Meeting, id, gare), (contribution.Channel, contribution.MeetingId!.Value, contribution.ConsultationId));

        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var public_ = await visitor.GetDocumentAsync($"/reunions/{id}");
        Assert.Contains("Les arbres restent.", public_.QuerySelector("#compte-rendu")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var file = public_.QuerySelector("#compte-rendu")!.ParentElement!.QuerySelector("a[href^='/fichiers/']")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(file)).StatusCode);
        Assert.NotNull(public_.QuerySelector($"#sur-place ~ ul a[href='/contributions/{contribution.Id}']"));
        Assert.Contains($"/reunions/{id}", await visitor.GetStringAsync($"/concertations/{gare}"), StringComparison.Ordinal);
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Meeting" && a.TargetId == id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync());
        Assert.Contains("meeting.minutes", actions);
        Assert.Contains("meeting.minutes.file", actions);
    }

    [Fact]
    public async Task An_exhibition_s_visitors_book_is_entered_while_it_runs_and_shown_as_its_livre_d_or()
    {
        var gare = await _app.IdAsync(ConsultationData.Open);
        var id = await _app.NewMeetingAsync(adjust: m =>
        {
            m.Kind = MeetingKind.Exhibition;
            m.ConsultationId = gare;
            m.StartsAt = DateTime.UtcNow.AddDays(-3);
            m.EndsAt = DateTime.UtcNow.AddDays(10);
        });
        var agent = await _app.SignedInAsync("agent");
        var body = "Belle exposition, plus d'arbres svp " + Guid.NewGuid().ToString("N")[..6];
        var entered = await agent.SubmitAsync($"/admin/reunions/{id}", "form[action*=Contribution]",
            new Dictionary<string, string?> { ["Offline.AuthorName"] = "Une visiteuse", ["Offline.Body"] = body });
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var contribution = await _app.InAAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Body == body));
        Assert.Equal((Channel.Meeting, id), (contribution.Channel, contribution.MeetingId!.Value));

        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/reunions/{id}");
        Assert.Equal("Le livre d'or", page.QuerySelector("#sur-place")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#sur-place ~ ul a[href='/contributions/{contribution.Id}']"));
    }

    [Fact]
    public async Task Minutes_before_the_meeting_and_on_site_contributions_outside_a_consultation_are_refused()
    {
        var upcoming = await _app.NewMeetingAsync();
        var past = await _app.NewMeetingAsync(adjust: m => { m.StartsAt = DateTime.UtcNow.AddHours(-3); m.EndsAt = DateTime.UtcNow.AddHours(-1); });
        var agent = await _app.SignedInAsync("agent");
        var token = (await agent.GetDocumentAsync($"/admin/reunions/{upcoming}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var early = await agent.PostAsync($"/admin/reunions/{upcoming}?handler=Minutes", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Minutes", "Trop tôt")]));
        Assert.Contains("Le compte rendu se publie une fois la rencontre commencée.", await early.TextAsync(), StringComparison.Ordinal);
        var outside = await agent.PostAsync($"/admin/reunions/{past}?handler=Contribution", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Offline.Body", "Texte")]));
        Assert.Contains("Rattachez la rencontre à une concertation", await outside.TextAsync(), StringComparison.Ordinal);
        Assert.Null((await _app.MeetingAsync(upcoming)).MinutesMarkdown);
        Assert.False(await _app.InAAsync(db => db.Contributions.AnyAsync(c => c.MeetingId == past)));
    }

    [Fact]
    public async Task Attendance_is_marked_and_the_sheet_prints_the_confirmed_names()
    {
        var id = await _app.NewMeetingAsync(capacity: 1, m => { m.StartsAt = DateTime.UtcNow.AddDays(1); m.EndsAt = m.StartsAt.AddHours(2); });
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        await visitor.RegisterAsync(id, "Danièle Roux", MeetingData.NewAddress());
        await visitor.RegisterAsync(id, "Odile Patiente", MeetingData.NewAddress());
        await _app.InAAsync(async db => await db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.StartsAt, DateTime.UtcNow.AddMinutes(-10))));
        var agent = await _app.SignedInAsync("agent");
        var sheet = await agent.GetAsync($"/admin/reunions/{id}?handler=Sheet");
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType!.MediaType);
        var pdf = await sheet.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf[..4]), StringComparison.Ordinal);
        // The confirmed person's line to sign, not the one still waiting for a seat.
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Danièle Roux", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Patiente", text, StringComparison.Ordinal);
        }
        var confirmed = (await _app.RegistrationsAsync(id)).First(r => r.Status == RegistrationStatus.Confirmed);
        await agent.SubmitAsync($"/admin/reunions/{id}", "form[action*=Attendance]", new Dictionary<string, string?> { ["Present"] = confirmed.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.True((await _app.RegistrationsAsync(id)).First(r => r.Id == confirmed.Id).Attended);
        AssertRefused(await (await _app.CitizenClientAsync()).Client.GetAsync($"/admin/reunions/{id}?handler=Sheet"));
    }

    [Fact]
    public async Task An_outcome_links_a_council_s_opinion_of_its_own_organization_only()
    {
        var opinion = await _app.InAAsync(db => db.CouncilOpinions.Select(o => new { o.Id, o.Title }).FirstAsync());
        var ofB = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.CouncilOpinions.Select(o => o.Id).FirstAsync());
        var outcome = await Parvis.Tests.Outcomes.OutcomeData.NewOutcomeAsync(_app, await Parvis.Tests.Outcomes.OutcomeData.NewTerritoryAsync(_app), published: false);
        var admin = await _app.SignedInAsync("admin");
        var refused = await admin.SubmitAndReadAsync($"/admin/resultats/{outcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"/conseils/avis/{ofB}" });
        Assert.Contains($"L'avis n° {ofB} n'existe pas dans cette collectivité.", refused.Errors());
        await admin.SubmitAsync($"/admin/resultats/{outcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"http://a.test/conseils/avis/{opinion.Id}" });
        Assert.True(await _app.InAAsync(db => db.OutcomeLinks.AnyAsync(l => l.OutcomeId == outcome && l.Kind == OutcomeSubjectKind.Opinion && l.SubjectId == opinion.Id)));
        Assert.Contains(opinion.Title, await admin.GetStringAsync($"/admin/resultats/{outcome}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outcome_can_be_linked_to_a_published_meeting_only()
    {
        var meeting = await _app.NewMeetingAsync(adjust: m => m.Title = "Atelier qui a compté");
        var draft = await _app.NewMeetingAsync(adjust: m => m.PublishedAt = null);
        var outcome = await Parvis.Tests.Outcomes.OutcomeData.NewOutcomeAsync(_app, await Parvis.Tests.Outcomes.OutcomeData.NewTerritoryAsync(_app), published: false);
        var admin = await _app.SignedInAsync("admin");
        var refused = await admin.SubmitAndReadAsync($"/admin/resultats/{outcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"/reunions/{draft}" });
        Assert.Contains($"La rencontre n° {draft} n'existe pas dans cette collectivité ou n'a pas été publiée.", refused.Errors());
        await admin.SubmitAsync($"/admin/resultats/{outcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"http://a.test/reunions/{meeting}" });
        Assert.True(await _app.InAAsync(db => db.OutcomeLinks.AnyAsync(l => l.OutcomeId == outcome && l.Kind == OutcomeSubjectKind.Meeting && l.SubjectId == meeting)));
        Assert.Contains("Atelier qui a compté", await admin.GetStringAsync($"/admin/resultats/{outcome}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_meeting_tells_everyone_registered_and_shows_on_its_page()
    {
        var id = await _app.NewMeetingAsync(capacity: 1);
        var (first, second) = (MeetingData.NewAddress(), MeetingData.NewAddress());
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        await visitor.RegisterAsync(id, "Un", first);
        await visitor.RegisterAsync(id, "Deux", second);
        var agent = await _app.SignedInAsync("agent");
        var refused = await agent.SubmitAndReadAsync($"/admin/reunions/{id}", "form[action*=Cancel]", new Dictionary<string, string?> { ["Reason"] = "" });
        Assert.Contains(refused.Errors(), e => e.StartsWith("Indiquez le motif", StringComparison.Ordinal));
        await agent.SubmitAsync($"/admin/reunions/{id}", "form[action*=Cancel]", new Dictionary<string, string?> { ["Reason"] = "Salle indisponible" });
        foreach (var address in new[] { first, second })
            Assert.Contains("Salle indisponible", (await _app.Smtp.WaitForAsync(address, m => m.Subject!.Contains("annulée", StringComparison.Ordinal))).TextBody, StringComparison.Ordinal);
        Assert.Contains("Salle indisponible", await visitor.GetStringAsync($"/reunions/{id}"), StringComparison.Ordinal);
        Assert.Null((await visitor.GetDocumentAsync($"/reunions/{id}")).QuerySelector("form[action*=Register]"));
    }
}
