using Microsoft.EntityFrameworkCore;

namespace Parvis.Infrastructure.Email;

/// <summary>
/// A message waiting to be sent. Written in the same transaction as the action that causes it,
/// so an SMTP outage never fails the action and never loses the message.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The one-click unsubscribe link (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post.</summary>
    public string? UnsubscribeUrl { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The node sending it, until <see cref="ClaimedUntil"/>: two nodes never send the same message.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

/// <summary>Wakes the outbox worker as soon as a message is committed instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    public void Dispose() => _signal.Dispose();

    public Task WaitAsync(TimeSpan timeout, CancellationToken token) => _signal.WaitAsync(timeout, token);
}

/// <summary>The messages still to send, every organization's: how many, and since when the oldest waits.</summary>
public sealed record OutboxBacklog(int Count, DateTime? OldestCreatedAt)
{
    /// <summary>Two indexed reads (the unsent messages' index, then the primary key): cheap enough for every scrape.</summary>
    public static async Task<OutboxBacklog> MeasureAsync(Data.ParvisDbContext db, CancellationToken token)
    {
        var waiting = db.Outbox.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < OutboxWorker.MaxAttempts);
        var count = await waiting.CountAsync(token);
        var oldest = count == 0 ? null : await waiting.OrderBy(m => m.Id).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(token);
        return new(count, oldest);
    }
}
