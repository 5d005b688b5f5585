using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Operations;

namespace Parvis.Infrastructure.Email;

/// <summary>Sends queued messages with retries and back-off.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IMailSender sender, OutboxSignal signal,
    IOptions<EmailOptions> options, IOptions<Cluster.ClusterOptions> cluster, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    /// <summary>After so many failures a message is given up (it stays in the table, out of the backlog).</summary>
    public const int MaxAttempts = 10;
    // Longer than one SMTP exchange can take; a node that dies while sending frees its messages after it.
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Deliver) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox pass failed; retrying.");
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
        }
    }

    public async Task SendDueAsync(CancellationToken token)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Take(50).ToListAsync(token);
        foreach (var message in due)
        {
            if (!await ClaimAsync(db, message, token)) continue;
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse(options.Value.From));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new TextPart("plain") { Text = message.TextBody };
                if (message.UnsubscribeUrl is { } unsubscribe)
                {
                    mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
                    mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }
                await sender.SendAsync(mime, token);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = e.GetType().Name;
                message.NextAttemptAt = clock.GetUtcNow().UtcDateTime.AddSeconds(Math.Pow(2, message.Attempts) * 5);
                // An SMTP server's refusal often quotes the recipient: masked, as every address in a log line.
                logger.LogWarning("Outbox message {Id} not sent (attempt {Attempts}): {Error}", message.Id, message.Attempts,
                    PersonalDataMask.Text(e.Message));
            }
            message.ClaimedUntil = null;
            await db.SaveChangesAsync(token);
        }
    }

    // A conditional update is the lock: of two nodes that read the same due message, one updates it, the other finds it taken.
    private async Task<bool> ClaimAsync(ParvisDbContext db, OutboxMessage message, CancellationToken token)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimDuration;
        var node = cluster.Value.NodeName;
        var claimed = await db.Outbox.Where(m => m.Id == message.Id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, node).SetProperty(m => m.ClaimedUntil, until), token);
        if (claimed == 0) return false;
        // Known to the tracker as claimed, so releasing it after the attempt is written.
        db.Entry(message).Property(m => m.ClaimedUntil).OriginalValue = until;
        message.ClaimedUntil = until;
        return true;
    }
}

/// <summary>Queues a message in the current unit of work; it leaves when the action commits.</summary>
public sealed class EmailQueue(ParvisDbContext db, TimeProvider clock, OutboxSignal signal)
{
    public void Enqueue(string to, string subject, string textBody) => db.Outbox.Add(Compose(to, subject, textBody));

    /// <summary>A message people subscribed to: it carries its one-click unsubscribe link (RFC 8058).</summary>
    public void Enqueue(string to, string subject, string textBody, string unsubscribeUrl)
    {
        var message = Compose(to, subject, textBody);
        message.UnsubscribeUrl = unsubscribeUrl;
        db.Outbox.Add(message);
    }

    /// <summary>A message for this organization, not added anywhere: for writers that store it themselves (group commits).</summary>
    public OutboxMessage Compose(string to, string subject, string textBody)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            OrganizationId = db.TenantId,
            To = to,
            Subject = subject,
            TextBody = textBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Call after SaveChanges so the worker sends without waiting for its poll.</summary>
    public void Flush() => signal.Notify();
}

public static class EmailSetup
{
    public static WebApplicationBuilder AddParvisEmail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        var smtp = builder.Configuration["Email:SmtpHost"];
        if (string.IsNullOrWhiteSpace(smtp)) builder.Services.AddSingleton<IMailSender, PickupFolderMailSender>();
        else builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddScoped<EmailQueue>();
        builder.Services.AddHostedService<OutboxWorker>();
        return builder;
    }
}
