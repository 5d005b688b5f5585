using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Meetings;

namespace Parvis.Tests.Councils;

/// <summary>
/// Publishing a council's session invites its members by e-mail: those sitting on the session's day and with an
/// account, once each (publishing again or editing sends nothing more); a change of time sends one notice.
/// </summary>
[Collection(CivicAppCollection.Name)]
public class SessionInvitationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> MandateAsync(int council, int college, string name, Guid? user, DateOnly startsOn, DateOnly? endsOn) => _app.InAAsync(async db =>
    {
        var mandate = CouncilMandate.Start(council, college, name, user, MandateRole.Member, MandateSource.Appointment, startsOn, endsOn, DateTime.UtcNow);
        db.CouncilMandates.Add(mandate);
        await db.SaveChangesAsync();
        return mandate.Id;
    });

    private Task<List<string>> MailsToAsync(string address, string title) =>
        _app.InAAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == address && m.Subject.Contains(title)).Select(m => m.Subject).ToListAsync());

    [Fact]
    public async Task Publishing_a_session_invites_each_current_member_once_and_a_new_time_is_told_once()
    {
        var (council, college) = await _app.NewCouncilAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (current, past, notMember) = (await _app.NewCitizenAsync(), await _app.NewCitizenAsync(), await _app.NewCitizenAsync());
        await MandateAsync(council, college, "Membre en mandat", await _app.UserIdAsync(current), today.AddDays(-30), null);
        await MandateAsync(council, college, "Ancienne membre", await _app.UserIdAsync(past), today.AddDays(-400), today.AddDays(-10));
        await MandateAsync(council, college, "Membre sans compte", null, today.AddDays(-30), null);
        var agent = await _app.SignedInAsync("agent");
        var title = "Séance " + Guid.NewGuid().ToString("N")[..6];
        var form = new Dictionary<string, string?>
        {
            ["Input.Title"] = title,
            ["Input.Kind"] = nameof(MeetingKind.PublicMeeting),
            ["Input.Format"] = nameof(MeetingFormat.Hybrid),
            ["Input.StartsAt"] = "2030-06-12T18:30",
            ["Input.EndsAt"] = "2030-06-12T20:30",
            ["Input.CouncilId"] = CouncilData.Id(council),
            ["Input.Address"] = "Maison de quartier, 4 rue Haute",
            ["Input.OnlineUrl"] = "https://visio.example.org/seance",
            ["Input.Agenda"] = "1. Les bancs du square",
        };

        // A draft invites nobody.
        await agent.SubmitAsync("/admin/reunions/edition", "main form", form);
        var id = await _app.InAAsync(db => db.Meetings.Where(m => m.Title == title).Select(m => m.Id).SingleAsync());
        Assert.Empty(await MailsToAsync(current, title));

        form["Input.Publish"] = "true";
        await agent.SubmitAsync($"/admin/reunions/edition/{id}", "main form", form);
        var invitation = await _app.Smtp.WaitForAsync(current, m => m.Subject!.Contains(title, StringComparison.Ordinal));
        Assert.Contains("invitation", invitation.Subject, StringComparison.Ordinal);
        var text = invitation.TextBody;
        foreach (var expected in new[] { "Membre en mandat", "mercredi 12 juin 2030, de 18:30 à 20:30", "Maison de quartier", "rejoindre en ligne",
                     "1. Les bancs du square", $"http://a.test/reunions/{id}", $"http://a.test/reunions/{id}/calendrier.ics" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Single(await MailsToAsync(current, title));
        Assert.Empty(await MailsToAsync(past, title));
        Assert.Empty(await MailsToAsync(notMember, title));
        Assert.Equal(1, await _app.InAAsync(db => db.SessionInvitations.CountAsync(i => i.MeetingId == id)));

        // Saved again, published still, changed elsewhere: no second invitation.
        form["Input.Room"] = "Salle 2";
        await agent.SubmitAsync($"/admin/reunions/edition/{id}", "main form", form);
        Assert.Equal("Salle 2", (await _app.MeetingAsync(id)).Room);
        Assert.Single(await MailsToAsync(current, title));

        // A new time: one notice, and saving again tells nothing more.
        form["Input.StartsAt"] = "2030-06-19T18:30";
        form["Input.EndsAt"] = "2030-06-19T20:30";
        await agent.SubmitAsync($"/admin/reunions/edition/{id}", "main form", form);
        var moved = await _app.Smtp.WaitForAsync(current, m => m.Subject!.Contains("change d'horaire", StringComparison.Ordinal) && m.Subject.Contains(title, StringComparison.Ordinal));
        Assert.Contains("mercredi 19 juin 2030", moved.TextBody, StringComparison.Ordinal);
        await agent.SubmitAsync($"/admin/reunions/edition/{id}", "main form", form);
        Assert.Equal(2, (await MailsToAsync(current, title)).Count);
        Assert.Empty(await MailsToAsync(past, title));
    }

    [Fact]
    public async Task A_cancelled_session_tells_its_invited_members()
    {
        var (council, college) = await _app.NewCouncilAsync();
        var member = await _app.NewCitizenAsync();
        await MandateAsync(council, college, "Membre prévenue", await _app.UserIdAsync(member), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5), null);
        var id = await _app.NewMeetingAsync(adjust: m => { m.CouncilId = council; m.PublishedAt = null; });
        var admin = await _app.SignedInAsync("admin");
        await admin.SubmitAsync($"/admin/reunions/edition/{id}", "main form", new Dictionary<string, string?> { ["Input.Publish"] = "true" });
        var title = (await _app.MeetingAsync(id)).Title;
        await _app.Smtp.WaitForAsync(member, m => m.Subject!.Contains("invitation", StringComparison.Ordinal) && m.Subject.Contains(title, StringComparison.Ordinal));
        await admin.SubmitAsync($"/admin/reunions/{id}", "form[action*=Cancel]", new Dictionary<string, string?> { ["Reason"] = "Salle inondée" });
        var cancelled = await _app.Smtp.WaitForAsync(member, m => m.Subject!.Contains("annulée", StringComparison.Ordinal) && m.Subject.Contains(title, StringComparison.Ordinal));
        Assert.Contains("Salle inondée", cancelled.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await _app.InAAsync(db => db.SessionInvitations.CountAsync(i => i.MeetingId == id)));
    }
}
