using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings;

/// <summary>
/// The day before: every confirmed person of a meeting starting within the next 24 hours gets a reminder. The
/// meeting's mark (<c>RemindersSentAt</c>, taken by a conditional update) and the e-mails are one transaction, so a
/// run that dies sends nothing and the next one sends once; a second run, or a second node, finds the mark taken.
/// </summary>
public sealed class MeetingReminderJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    public override string Name => "meeting-reminders";

    public override TimeSpan Interval => configuration.GetValue("Jobs:MeetingReminderInterval", TimeSpan.FromMinutes(30));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Ahead;
        var due = await db.Meetings.AsNoTracking()
            .Where(m => m.RemindersSentAt == null && m.PublishedAt != null && m.CancelledAt == null && m.RegistrationRequired
                && m.StartsAt > now && m.StartsAt <= until)
            .OrderBy(m => m.Id).Take(100).ToListAsync(token);
        if (due.Count == 0) return;
        var mail = services.GetRequiredService<EmailQueue>();
        var registrations = services.GetRequiredService<MeetingRegistrations>();
        var links = services.GetRequiredService<PublicLinks>();
        foreach (var meeting in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var marked = await db.Meetings.Where(m => m.Id == meeting.Id && m.RemindersSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RemindersSentAt, now), token);
            if (marked != 1) continue;
            var people = await db.MeetingRegistrations.AsNoTracking()
                .Where(r => r.MeetingId == meeting.Id && r.Status == RegistrationStatus.Confirmed)
                .Select(r => new { r.Name, r.Email }).ToListAsync(token);
            var online = meeting.IsOnline ? "\n\nLe lien pour la rejoindre en ligne apparaît sur la page de la rencontre une heure avant le début." : "";
            foreach (var person in people)
                mail.Enqueue(person.Email, $"{organization.Name} : rappel, « {meeting.Title} » demain",
                    $"Bonjour {person.Name},\n\nPour rappel, vous êtes inscrit(e) à « {meeting.Title} », {registrations.When(meeting)}, "
                    + $"{registrations.Venue(meeting)}.{online}\n\nLa rencontre : {links.To($"/reunions/{meeting.Id}")}\n\n"
                    + "Si vous ne pouvez plus venir, annulez avec le lien reçu lors de votre inscription : votre place ira à la personne suivante.");
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }
        mail.Flush();
    }
}
