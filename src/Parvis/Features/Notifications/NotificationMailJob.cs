using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;

namespace Parvis.Features.Notifications;

/// <summary>
/// Turns due notices into e-mails through the outbox: those wanted at once one by one, the daily and weekly ones as one
/// digest per person. Each batch claims its rows (a conditional update of <c>MailedAt</c>) and queues their e-mails in
/// one transaction: a run that dies mid-way leaves the rest due and sends nothing twice, and of two runs at once (two
/// nodes, a run longer than its period) each row goes with one of them.
/// </summary>
public sealed class NotificationMailJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    private const int Batch = 500;
    private const int DigestPeople = 100;

    public override string Name => "notification-mail";

    public override TimeSpan Interval => configuration.GetValue("Jobs:NotificationMailInterval", TimeSpan.FromMinutes(1));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var mails = services.GetRequiredService<NotificationMail>();
        var queue = services.GetRequiredService<EmailQueue>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = db.Notifications.Where(n => n.MailedAt == null && n.MailAfter != null && n.MailAfter <= now);
        while (!token.IsCancellationRequested)
        {
            var rows = await due.Where(n => n.Delivery == NotificationDelivery.Immediate).OrderBy(n => n.Id).Take(Batch)
                .AsNoTracking().ToListAsync(token);
            if (rows.Count == 0) break;
            await SendAsync(db, queue, rows, now, (user, language) => rows.Where(r => r.UserId == user)
                .Select(r => mails.Immediate(organization, user, language, Item(r))), token);
        }
        while (!token.IsCancellationRequested)
        {
            var people = await due.Where(n => n.Delivery != NotificationDelivery.Immediate).Select(n => n.UserId).Distinct()
                .Take(DigestPeople).ToListAsync(token);
            if (people.Count == 0) break;
            var rows = await due.Where(n => n.Delivery != NotificationDelivery.Immediate && people.Contains(n.UserId))
                .OrderBy(n => n.Id).AsNoTracking().ToListAsync(token);
            await SendAsync(db, queue, rows, now, (user, language) =>
                [mails.Digest(organization, user, language, rows.Where(r => r.UserId == user).Select(Item).ToList())], token);
        }
        queue.Flush();
    }

    private static NotificationMail.Item Item(Notification n) => new(n.Kind, n.Title, n.Path);

    private static async Task SendAsync(ParvisDbContext db, EmailQueue queue, List<Notification> rows, DateTime now,
        Func<Guid, string, IEnumerable<NotificationMail.Mail>> compose, CancellationToken token)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var users = rows.Select(r => r.UserId).Distinct().ToList();
        // Only confirmed addresses receive mail; the notices of the others are marked all the same (they stay in the site).
        var addresses = await db.Users.Where(u => users.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email!, token);
        var languages = await db.NotificationSettings.Where(s => users.Contains(s.UserId))
            .ToDictionaryAsync(s => s.UserId, s => s.Language, token);
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        var claimed = await db.Notifications.Where(n => ids.Contains(n.Id) && n.MailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now), token);
        // Another run took some of them: leave this batch to it, nothing queued here.
        if (claimed != ids.Count) return;
        foreach (var user in users)
        {
            if (!addresses.TryGetValue(user, out var to)) continue;
            foreach (var mail in compose(user, languages.GetValueOrDefault(user, "fr")))
                queue.Enqueue(to, mail.Subject, mail.Body, mail.UnsubscribeUrl);
        }
        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
    }
}
