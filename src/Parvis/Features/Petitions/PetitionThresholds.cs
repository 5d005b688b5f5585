using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;

namespace Parvis.Features.Petitions;

/// <summary>
/// What happens when a petition's count crosses a threshold: the response deadline starts, the agenda
/// item is created, in elector mode the acknowledgement of receipt is issued, and people are told.
/// Each consequence happens once, even when several nodes count at the same moment.
/// </summary>
public sealed class PetitionThresholds(ParvisDbContext db, EmailQueue mail, PetitionMails mails, TimeProvider clock,
    Notifications.Notifier notifier)
{
    public async Task OnCountedAsync(int petitionId, long total)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petitionId);
        if (petition is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var crossed = petition.RecordCount(total, now);
        if (crossed.Count == 0) return;

        // Inside the caller's transaction when there is one (confirming a signature counts and acts in one unit).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var acted = new List<PetitionThreshold>();
        foreach (var threshold in crossed)
        {
            // The conditional update is the guard: only the node whose update changed the row acts.
            var changed = threshold == PetitionThreshold.Response
                ? await db.Petitions.Where(p => p.Id == petitionId && p.ResponseThresholdReachedAt == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.ResponseThresholdReachedAt, petition.ResponseThresholdReachedAt)
                        .SetProperty(p => p.ResponseDueAt, petition.ResponseDueAt))
                : await db.Petitions.Where(p => p.Id == petitionId && p.AgendaThresholdReachedAt == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.AgendaThresholdReachedAt, petition.AgendaThresholdReachedAt)
                        .SetProperty(p => p.AcknowledgedAt, petition.AcknowledgedAt));
            if (changed == 1) acted.Add(threshold);
        }
        if (acted.Contains(PetitionThreshold.Agenda))
            db.PetitionAgendaItems.Add(new PetitionAgendaItem { PetitionId = petitionId, CreatedAt = now, Status = AgendaItemStatus.ToSchedule });
        foreach (var threshold in acted)
            foreach (var (to, subject, body) in await mails.ThresholdAsync(petition, threshold))
                mail.Enqueue(to, subject, body);
        // Its followers, however many: one INSERT … SELECT in this transaction (docs/PERFORMANCE.md, "Notifications").
        if (acted.Count > 0) await notifier.RecordAsync(NotificationKind.PetitionThreshold, FollowSubjectKind.Petition, petitionId);
        await db.SaveChangesAsync();
        if (transaction is not null) await transaction.CommitAsync();
        if (acted.Count > 0) mail.Flush();
    }
}
