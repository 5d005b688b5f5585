using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Meetings;

namespace Parvis.Tests.Councils;

/// <summary>
/// A council's animator runs their council's sessions (form, agenda, attendance, sheet, minutes, cancellation) through
/// the meetings' organizer pages, and nothing else there: <c>MeetingManagementHandler</c>.
/// </summary>
[Collection(CivicAppCollection.Name)]
public class CouncilSessionTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Form(string title, int? council, string start = "2030-06-12T18:30", string end = "2030-06-12T20:30") => new()
    {
        ["Input.Title"] = title,
        ["Input.Kind"] = nameof(MeetingKind.PublicMeeting),
        ["Input.Format"] = nameof(MeetingFormat.InPerson),
        ["Input.StartsAt"] = start,
        ["Input.EndsAt"] = end,
        ["Input.CouncilId"] = council?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["Input.Address"] = "Maison de quartier, 4 rue Haute",
        ["Input.Agenda"] = "1. Les bancs du square\n2. Questions diverses",
        ["Input.RegistrationRequired"] = "true",
        ["Input.RegistrationLevel"] = nameof(ParticipationLevel.Anyone),
        ["Input.Capacity"] = "20",
        ["Input.Publish"] = "true",
    };

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(email);
        return client;
    }

    private Task<int> MeetingIdAsync(string title) => _app.InAAsync(db => db.Meetings.Where(m => m.Title == title).Select(m => m.Id).SingleAsync());

    private Task<int> ToThePastAsync(int id) => _app.InAAsync(db => db.Meetings.Where(m => m.Id == id)
        .ExecuteUpdateAsync(s => s.SetProperty(m => m.StartsAt, DateTime.UtcNow.AddHours(-3)).SetProperty(m => m.EndsAt, DateTime.UtcNow.AddHours(-1))));

    [Fact]
    public async Task An_animator_creates_edits_and_closes_their_councils_session_each_step_audited_with_their_id()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        await _app.NewCouncilAsync();
        var client = await SignedInAsync(animator);

        // The form offers their council alone, and no consultation.
        var form = await client.GetDocumentAsync($"/admin/reunions/edition?conseil={council}");
        Assert.Equal([CouncilData.Id(council)], form.QuerySelectorAll("#Input_CouncilId option").Select(o => o.GetAttribute("value")));
        Assert.Null(form.QuerySelector("#Input_ConsultationId"));
        var title = "Séance " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/admin/reunions/edition?conseil={council}", "main form", Form(title, council))).StatusCode);
        var id = await MeetingIdAsync(title);
        var meeting = await _app.MeetingAsync(id);
        Assert.Equal(council, meeting.CouncilId);
        Assert.NotNull(meeting.PublishedAt);
        Assert.Contains($"/reunions/{id}\"", await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}"), StringComparison.Ordinal);

        var renamed = title + " (ordre du jour complété)";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/admin/reunions/edition/{id}", "main form",
            new Dictionary<string, string?> { ["Input.Title"] = renamed, ["Input.Agenda"] = "1. Les bancs\n2. Le marché" })).StatusCode);
        Assert.Equal(("1. Les bancs\n2. Le marché", council), ((await _app.MeetingAsync(id)).AgendaMarkdown, (await _app.MeetingAsync(id)).CouncilId));

        await _app.ClientFor(ParvisFactory.HostA).RegisterAsync(id, "Danièle Roux", MeetingData.NewAddress());
        var registration = (await _app.RegistrationsAsync(id)).Single();
        await ToThePastAsync(id);
        var sheet = await client.GetAsync($"/admin/reunions/{id}?handler=Sheet");
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/admin/reunions/{id}", "form[action*=Attendance]",
            new Dictionary<string, string?> { ["Present"] = registration.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        Assert.True((await _app.RegistrationsAsync(id)).Single().Attended);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/admin/reunions/{id}", "form[action*=Minutes]:not([enctype])",
            new Dictionary<string, string?> { ["Minutes"] = "## Relevé\nLe conseil demande deux bancs." })).StatusCode);
        using (var upload = new MultipartFormDataContent())
        {
            var page = await client.GetDocumentAsync($"/admin/reunions/{id}");
            upload.Add(new StringContent(page.QuerySelector("form[action*=MinutesFile] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            upload.Add(new StringContent("Présentation"), "FileTitle");
            upload.Add(new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "presentation.pdf");
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/admin/reunions/{id}?handler=MinutesFile", upload)).StatusCode);
            // Nowhere to keep on-site contributions for a session outside any consultation: the section is not offered.
            Assert.Null(page.QuerySelector("#sur-place"));
        }
        var public_ = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/reunions/{id}");
        Assert.Contains("deux bancs", public_.QuerySelector("#compte-rendu")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(public_.QuerySelector("#compte-rendu")!.ParentElement!.QuerySelector("a[href^='/fichiers/']"));

        var upcoming = await _app.NewMeetingAsync(adjust: m => m.CouncilId = council);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/admin/reunions/{upcoming}", "form[action*=Cancel]",
            new Dictionary<string, string?> { ["Reason"] = "Salle indisponible" })).StatusCode);
        Assert.NotNull((await _app.MeetingAsync(upcoming)).CancelledAt);

        var me = await _app.UserIdAsync(animator);
        var ids = new[] { CouncilData.Id(id), CouncilData.Id(upcoming) };
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Meeting" && ids.Contains(a.TargetId) && a.ActorId == me)
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["meeting.attendance", "meeting.cancel", "meeting.create", "meeting.minutes", "meeting.minutes.file", "meeting.update"], actions.Order());
    }

    [Fact]
    public async Task An_animator_is_refused_on_meetings_not_of_their_council_and_cannot_move_a_session_out_of_it()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        var (other, _) = await _app.NewCouncilAsync();
        var gare = await _app.IdAsync(ConsultationData.Open);
        var own = await _app.NewMeetingAsync(adjust: m => { m.CouncilId = council; m.Title = "Seance propre " + Guid.NewGuid().ToString("N")[..6]; });
        var ofOther = await _app.NewMeetingAsync(adjust: m => { m.CouncilId = other; m.Title = "Seance autre conseil " + Guid.NewGuid().ToString("N")[..6]; });
        var plain = await _app.NewMeetingAsync(adjust: m => m.Title = "Reunion ordinaire " + Guid.NewGuid().ToString("N")[..6]);
        // A consultation's meeting belongs to that consultation's service, even when it is also the council's session.
        var ofConsultation = await _app.NewMeetingAsync(adjust: m => { m.CouncilId = council; m.ConsultationId = gare; });
        var client = await SignedInAsync(animator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/reunions/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/reunions/edition/{own}")).StatusCode);

        var opened = new List<string>();
        foreach (var meeting in new[] { ofOther, plain, ofConsultation })
            foreach (var url in new[] { $"/admin/reunions/{meeting}", $"/admin/reunions/edition/{meeting}", $"/admin/reunions/{meeting}?handler=Sheet" })
                if (!CouncilAuthorizationTests.Denied(await client.GetAsync(url))) opened.Add(url);
        Assert.True(opened.Count == 0, "The animator opened: " + string.Join(", ", opened));
        var token = (await client.GetDocumentAsync($"/admin/reunions/{own}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var minutes = await client.PostAsync($"/admin/reunions/{plain}?handler=Minutes", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Minutes", "Pas à moi")]));
        Assert.True(CouncilAuthorizationTests.Denied(minutes));
        Assert.Null((await _app.MeetingAsync(plain)).MinutesMarkdown);
        // The public page offers the organizer's page on their session only.
        Assert.NotNull((await client.GetDocumentAsync($"/reunions/{own}")).QuerySelector($"a[href='/admin/reunions/{own}']"));
        Assert.Null((await client.GetDocumentAsync($"/reunions/{plain}")).QuerySelector($"a[href='/admin/reunions/{plain}']"));

        // Their list shows their sessions only.
        var list = await client.GetStringAsync("/admin/reunions");
        Assert.Contains((await _app.MeetingAsync(own)).Title, list, StringComparison.Ordinal);
        Assert.DoesNotContain((await _app.MeetingAsync(ofOther)).Title, list, StringComparison.Ordinal);
        Assert.DoesNotContain((await _app.MeetingAsync(plain)).Title, list, StringComparison.Ordinal);

        // Posting another council, or none, is refused with a message; nothing saved, nothing moved.
        foreach (int? elsewhere in new int?[] { other, null })
        {
            var title = "Refusée " + Guid.NewGuid().ToString("N")[..6];
            var page = await client.SubmitAndReadAsync("/admin/reunions/edition", "main form", Form(title, elsewhere));
            Assert.Contains("Vous n'organisez que les séances des conseils que vous animez.", page.Errors());
            Assert.False(await _app.InAAsync(db => db.Meetings.AnyAsync(m => m.Title == title)));
        }
        var moved = await client.SubmitAndReadAsync($"/admin/reunions/edition/{own}", "main form",
            new Dictionary<string, string?> { ["Input.CouncilId"] = CouncilData.Id(other) });
        Assert.Contains("Vous n'organisez que les séances des conseils que vous animez.", moved.Errors());
        var intoConsultation = await client.SubmitAndReadAsync($"/admin/reunions/edition/{own}", "main form",
            new Dictionary<string, string?> { ["Input.ConsultationId"] = CouncilData.Id(gare) });
        Assert.Contains("Cette concertation relève d'un autre service.", intoConsultation.Errors());
        Assert.Equal((council, (int?)null), ((await _app.MeetingAsync(own)).CouncilId, (await _app.MeetingAsync(own)).ConsultationId));

        // The staff are unaffected: the agent lists and opens every one of them; a citizen is refused the list.
        var agent = await _app.SignedInAsync("agent");
        var all = await agent.GetStringAsync("/admin/reunions");
        Assert.Contains((await _app.MeetingAsync(ofOther)).Title, all, StringComparison.Ordinal);
        Assert.Contains((await _app.MeetingAsync(plain)).Title, all, StringComparison.Ordinal);
        foreach (var meeting in new[] { own, ofOther, plain, ofConsultation })
            Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/admin/reunions/{meeting}")).StatusCode);
        var citizen = (await _app.CitizenClientAsync()).Client;
        Assert.True(CouncilAuthorizationTests.Denied(await citizen.GetAsync("/admin/reunions")));
        Assert.True(CouncilAuthorizationTests.Denied(await citizen.GetAsync("/admin/reunions/edition")));
    }
}
