using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Meetings;

/// <summary>
/// What a meeting's change tells people by e-mail, queued in the caller's transaction: a council's session invites
/// the council's members (those whose mandate covers its day and who have an account with an address), once each
/// (<see cref="SessionInvitation"/>, unique per session and mandate), and tells them again only when its time moves;
/// a cancellation reaches the registered and the invited. Written in French, like the other meeting e-mails: a
/// person's language is not stored.
/// </summary>
public sealed class MeetingNotices(ParvisDbContext db, EmailQueue mail, TenantContext tenant, PublicLinks links,
    MeetingRegistrations registrations, TimeProvider clock)
{
    private sealed record Member(int MandateId, string Name, string Email);

    /// <summary>
    /// Invites the members not invited yet and, if the session moved since they were told, tells the others its new
    /// time (a conditional update of the time they were told, so a notice goes once). Nothing for a meeting that is
    /// no council's session, a draft, a cancelled or past one. The caller saves.
    /// </summary>
    public async Task InviteCouncilAsync(Meeting meeting)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (meeting.CouncilId is not { } councilId || meeting.PublishedAt is null || meeting.IsCancelled || meeting.StartsAt <= now) return;
        var council = await db.Councils.AsNoTracking().Where(c => c.Id == councilId).Select(c => c.Name).FirstAsync();
        var day = DateOnly.FromDateTime(tenant.Organization.ToLocal(meeting.StartsAt));
        var members = await (from m in db.CouncilMandates.AsNoTracking()
                             join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                             where m.CouncilId == councilId && m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day)
                                 && u.Email != null && u.BlockedAt == null
                             select new Member(m.Id, m.Name, u.Email!)).ToListAsync();
        var told = await db.SessionInvitations.AsNoTracking().Where(i => i.MeetingId == meeting.Id).ToDictionaryAsync(i => i.MandateId);
        foreach (var member in members)
        {
            if (!told.TryGetValue(member.MandateId, out var invitation))
            {
                db.SessionInvitations.Add(new SessionInvitation { MeetingId = meeting.Id, MandateId = member.MandateId, StartsAt = meeting.StartsAt, SentAt = now });
                mail.Enqueue(member.Email, $"{tenant.Organization.Name} : invitation à la séance « {meeting.Title} »",
                    $"Bonjour {member.Name},\n\nMembre du conseil « {council} », vous êtes invité(e) à sa séance « {meeting.Title} », "
                    + $"{registrations.When(meeting)}, {registrations.Venue(meeting)}.{Online(meeting)}{Agenda(meeting)}{Links(meeting)}");
            }
            else if (invitation.StartsAt != meeting.StartsAt
                && await db.SessionInvitations.Where(i => i.Id == invitation.Id && i.StartsAt == invitation.StartsAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.StartsAt, meeting.StartsAt)) == 1)
                mail.Enqueue(member.Email, $"{tenant.Organization.Name} : la séance « {meeting.Title} » change d'horaire",
                    $"Bonjour {member.Name},\n\nLa séance « {meeting.Title} » du conseil « {council} » a lieu désormais "
                    + $"{registrations.When(meeting)}, {registrations.Venue(meeting)}.{Online(meeting)}{Links(meeting)}");
        }
    }

    /// <summary>Everyone registered, and the council's members invited, hear that the meeting is cancelled (once per address).</summary>
    public async Task CancelledAsync(Meeting meeting)
    {
        var id = meeting.Id;
        var registered = await db.MeetingRegistrations.AsNoTracking()
            .Where(r => r.MeetingId == id && r.Status != RegistrationStatus.Cancelled).Select(r => new { r.Email, r.Name }).ToListAsync();
        var invited = await (from i in db.SessionInvitations.AsNoTracking()
                             join m in db.CouncilMandates.AsNoTracking() on i.MandateId equals m.Id
                             join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                             where i.MeetingId == id && u.Email != null
                             select new { Email = u.Email!, m.Name }).ToListAsync();
        var people = registered.Concat(invited).DistinctBy(p => p.Email.ToUpperInvariant());
        foreach (var person in people)
            mail.Enqueue(person.Email, $"{tenant.Organization.Name} : « {meeting.Title} » est annulée",
                $"Bonjour {person.Name},\n\nLa rencontre « {meeting.Title} » prévue {registrations.When(meeting)} est annulée.\n\n"
                + $"Motif : {meeting.CancellationReason}\n\nVous n'avez rien à faire.");
    }

    public void Flush() => mail.Flush();

    // The link itself stays on the page (shown to the registered an hour before), as for every meeting.
    private static string Online(Meeting meeting) =>
        meeting.IsOnline ? "\n\nLe lien pour la rejoindre en ligne apparaît sur la page de la rencontre une heure avant le début." : "";

    private static string Agenda(Meeting meeting) =>
        meeting.AgendaMarkdown is { } agenda ? $"\n\nOrdre du jour :\n{agenda}" : "";

    private string Links(Meeting meeting) =>
        $"\n\nLa séance : {links.To($"/reunions/{meeting.Id}")}\nL'ajouter à votre agenda : {links.To($"/reunions/{meeting.Id}/calendrier.ics")}";
}
