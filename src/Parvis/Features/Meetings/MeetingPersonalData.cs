using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Meetings;

/// <summary>
/// Registrations are personal data (a name and an e-mail address) kept for the meeting and its attendance sheet.
/// An erased account gives up its registrations to meetings to come (their seats are freed) and keeps
/// past ones only as a line of the sheet without name or address; a year after a meeting its registrations go.
/// </summary>
public static class MeetingPersonalData
{
    public const int KeptDaysAfterMeeting = 365;
    public const string ErasedName = "Participant supprimé";

    public static async Task EraseAsync(ParvisDbContext db, Guid userId, DateTime now)
    {
        var registrations = await db.MeetingRegistrations.Where(r => r.UserId == userId).ToListAsync();
        var meetings = await db.Meetings.Where(m => registrations.Select(r => r.MeetingId).Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        foreach (var registration in registrations)
        {
            var meeting = meetings[registration.MeetingId];
            if (!meeting.HasEnded(now) && registration.Status == RegistrationStatus.Confirmed) meeting.ConfirmedCount--;
            if (!meeting.HasEnded(now)) registration.Status = RegistrationStatus.Cancelled;
            registration.UserId = null;
            registration.Name = ErasedName;
            registration.Email = $"supprime-{registration.Id}@parvis.invalid";
        }
        await db.SaveChangesAsync();
    }

    public static Task RetainAsync(ParvisDbContext db, DateTime now, CancellationToken token)
    {
        var cutoff = now.AddDays(-KeptDaysAfterMeeting);
        return db.MeetingRegistrations.Where(r => db.Meetings.Any(m => m.Id == r.MeetingId && m.EndsAt < cutoff)).ExecuteDeleteAsync(token);
    }
}
