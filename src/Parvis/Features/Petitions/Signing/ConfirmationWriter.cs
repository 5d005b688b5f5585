using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// Group commit of confirmations: the confirm requests arriving together are written in one transaction, one
/// conditional multi-row UPDATE and one count upsert per petition, instead of a transaction each. Every request
/// awaits its batch's commit before answering, so an answer "confirmed" is durable; the conditional update still
/// decides, within a batch and between batches, that a signature is confirmed once.
/// </summary>
public sealed class ConfirmationWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConfirmationWriter> log)
    : GroupCommit<string, int?>(maxBatch: 500)
{
    /// <summary>The petition whose signature this request confirmed; null when nothing was confirmed (already confirmed, invalidated, expired, closed, unknown).</summary>
    public Task<int?> ConfirmAsync(Organization organization, string tokenHash) => EnqueueAsync(organization, tokenHash);

    protected override void Fail(IReadOnlyList<Pending> requests, Exception error)
    {
        log.LogWarning(error, "A batch of {Count} signature confirmations failed.", requests.Count);
        foreach (var r in requests) r.Done.TrySetException(error);
    }

    protected override async Task WriteAsync(Organization organization, IReadOnlyList<Pending> requests)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var counts = scope.ServiceProvider.GetRequiredService<PetitionCounts>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Distinct tokens: two clicks on one link in the same batch confirm once; the first request wins.
        var hashes = requests.Select(r => r.Item).Distinct().ToList();
        // Only numbered placeholders go into the text; the values travel as parameters.
        var placeholders = string.Join(", ", hashes.Select((_, i) => "{" + (i + 3).ToString(CultureInfo.InvariantCulture) + "}"));
        var sql = "UPDATE \"PetitionSignatures\" SET \"ConfirmedAt\" = {0} WHERE \"OrganizationId\" = {1} AND \"ConfirmationTokenHash\" IN (" + placeholders
            + ") AND \"ConfirmedAt\" IS NULL AND \"InvalidatedAt\" IS NULL AND \"LinkSentAt\" > {2}"
            // A petition closed meanwhile counts nothing more, whatever a node's cached rules still say.
            + " AND EXISTS (SELECT 1 FROM \"Petitions\" p WHERE p.\"Id\" = \"PetitionSignatures\".\"PetitionId\" AND p.\"Status\" = 'Open'"
            + " AND (p.\"ClosesAt\" IS NULL OR p.\"ClosesAt\" > {0}))"
            + " RETURNING \"Id\", \"PetitionId\", \"ConfirmationTokenHash\", \"TallyId\"";
        object[] parameters = [now, organization.Id, now - PetitionSignature.LinkLifetime, .. hashes.Cast<object>()];
        await using var transaction = await db.Database.BeginTransactionAsync();
        var confirmed = await db.Database.SqlQueryRaw<ConfirmedRow>(sql, parameters).ToListAsync();
        // Counted by the petition the row belongs to, as the database says.
        foreach (var petition in confirmed.GroupBy(c => c.PetitionId)) await counts.AddAsync(petition.Key, petition.Count());
        // The public log's entries go with the count, unsealed: no row that every signer would wait on (TallySealJob seals them).
        db.TallyEntries.AddRange(confirmed.Select(c => TallyEntry.Added(TallyItems.Petition, c.PetitionId, c.TallyId ?? LegacyTallyId(c.Id), now)));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var byToken = confirmed.ToDictionary(c => c.ConfirmationTokenHash, c => c.PetitionId);
        foreach (var r in requests) r.Done.TrySetResult(byToken.Remove(r.Item, out var petitionId) ? petitionId : null);
    }

    /// <summary>The log's id for a signature whose link predates receipts; removals name it the same way.</summary>
    public static string LegacyTallyId(long signatureId) => "s" + signatureId.ToString(CultureInfo.InvariantCulture);

    private sealed class ConfirmedRow
    {
        public long Id { get; set; }
        public string? TallyId { get; set; }
        public int PetitionId { get; set; }
        public string ConfirmationTokenHash { get; set; } = "";
    }
}
