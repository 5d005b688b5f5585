using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Meetings;

public static class MeetingData
{
    /// <summary>A published public meeting in a week, with registration (capacity as given), adjusted by the test.</summary>
    public static Task<int> NewMeetingAsync(this ParvisFactory app, int? capacity = 10, Action<Meeting>? adjust = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var start = DateTime.UtcNow.AddDays(7);
            var meeting = new Meeting
            {
                Title = "Réunion " + Guid.NewGuid().ToString("N")[..8],
                Kind = MeetingKind.PublicMeeting,
                Format = MeetingFormat.InPerson,
                Address = "Salle des fêtes, 1 place de la Mairie",
                StartsAt = start,
                EndsAt = start.AddHours(2),
                RegistrationRequired = capacity is not null,
                Capacity = capacity,
                PublishedAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
            };
            adjust?.Invoke(meeting);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return meeting.Id;
        });

    public static Task<Meeting> MeetingAsync(this ParvisFactory app, int id) =>
        app.InAAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));

    public static Task<List<MeetingRegistration>> RegistrationsAsync(this ParvisFactory app, int id) =>
        app.InAAsync(db => db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == id).OrderBy(r => r.Id).ToListAsync());

    /// <summary>Registers without an account through the page, as a visitor would.</summary>
    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, int meetingId, string name, string email) =>
        client.SubmitAsync($"/reunions/{meetingId}", "form[action*=Register]",
            new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Email"] = email });

    public static string NewAddress() => $"participant-{Guid.NewGuid():N}@example.org";
}
