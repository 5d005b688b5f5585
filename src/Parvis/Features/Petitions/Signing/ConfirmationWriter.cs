using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Channel = System.Threading.Channels.Channel;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// Group commit of confirmations: the confirm requests arriving together are written in one transaction, one
/// conditional multi-row UPDATE and one count upsert per petition, instead of a transaction each. Every request
/// awaits its batch's commit before answering, so an answer "confirmed" is durable; the conditional update still
/// decides, within a batch and between batches, that a signature is confirmed once.
/// </summary>
public sealed class ConfirmationWriter : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private sealed record Request(Organization Organization, string TokenHash, TaskCompletionSource<int?> Done);

    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<ConfirmationWriter> _log;
    private readonly Task _loop;

    public ConfirmationWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConfirmationWriter> log)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The petition whose signature this request confirmed; null when nothing was confirmed (already confirmed, invalidated, expired, closed, unknown).</summary>
    public Task<int?> ConfirmAsync(Organization organization, string tokenHash)
    {
        var done = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Request(organization, tokenHash, done)))
            done.SetException(new InvalidOperationException("The confirmation writer is stopped."));
        return done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Request>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // What is waiting now forms the batch: one request alone is written at once, a crowd together.
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request)) batch.Add(request);
            foreach (var group in batch.GroupBy(r => r.Organization.Id))
            {
                var requests = group.ToList();
                try
                {
                    await WriteAsync(requests[0].Organization, requests);
                }
                catch (Exception e)
                {
                    _log.LogWarning(e, "A batch of {Count} signature confirmations failed.", requests.Count);
                    foreach (var r in requests) r.Done.TrySetException(e);
                }
            }
            batch.Clear();
        }
    }

    private async Task WriteAsync(Organization organization, List<Request> requests)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var counts = scope.ServiceProvider.GetRequiredService<PetitionCounts>();
        var now = _clock.GetUtcNow().UtcDateTime;
        // Distinct tokens: two clicks on one link in the same batch confirm once; the first request wins.
        var hashes = requests.Select(r => r.TokenHash).Distinct().ToList();
        // Only numbered placeholders go into the text; the values travel as parameters.
        var placeholders = string.Join(", ", hashes.Select((_, i) => "{" + (i + 3).ToString(CultureInfo.InvariantCulture) + "}"));
        var sql = "UPDATE \"PetitionSignatures\" SET \"ConfirmedAt\" = {0} WHERE \"OrganizationId\" = {1} AND \"ConfirmationTokenHash\" IN (" + placeholders
            + ") AND \"ConfirmedAt\" IS NULL AND \"InvalidatedAt\" IS NULL AND \"LinkSentAt\" > {2}"
            // A petition closed meanwhile counts nothing more, whatever a node's cached rules still say.
            + " AND EXISTS (SELECT 1 FROM \"Petitions\" p WHERE p.\"Id\" = \"PetitionSignatures\".\"PetitionId\" AND p.\"Status\" = 'Open'"
            + " AND (p.\"ClosesAt\" IS NULL OR p.\"ClosesAt\" > {0}))"
            + " RETURNING \"PetitionId\", \"ConfirmationTokenHash\"";
        object[] parameters = [now, organization.Id, now - PetitionSignature.LinkLifetime, .. hashes.Cast<object>()];
        await using var transaction = await db.Database.BeginTransactionAsync();
        var confirmed = await db.Database.SqlQueryRaw<ConfirmedRow>(sql, parameters).ToListAsync();
        // Counted by the petition the row belongs to, as the database says.
        foreach (var petition in confirmed.GroupBy(c => c.PetitionId)) await counts.AddAsync(petition.Key, petition.Count());
        await transaction.CommitAsync();
        var byToken = confirmed.ToDictionary(c => c.ConfirmationTokenHash, c => c.PetitionId);
        foreach (var r in requests) r.Done.TrySetResult(byToken.Remove(r.TokenHash, out var petitionId) ? petitionId : null);
    }

    private sealed class ConfirmedRow
    {
        public int PetitionId { get; set; }
        public string ConfirmationTokenHash { get; set; } = "";
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
