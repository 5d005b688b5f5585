using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Petitions.Signing;

public enum SignatureWrite
{
    /// <summary>The signature and its link are stored.</summary>
    Written,
    /// <summary>This mailbox or account signed the petition before: nothing written.</summary>
    SignedBefore,
    /// <summary>The batch could not decide: the signature goes the one-by-one way.</summary>
    TryAlone,
}

/// <summary>
/// Group commit of new signatures, the twin of <see cref="ConfirmationWriter"/>: the signatures arriving together are
/// written with their confirmation e-mails in one transaction (one read of who signed before, one batch of inserts),
/// so a wave of signers holds a few connections for a few milliseconds instead of one connection per signer. Every
/// request awaits its batch's commit: "check your e-mail" is only answered once the signature and its e-mail are stored.
/// A signature of a mailbox or account that signed before comes back as such, unwritten, without an insert that
/// the unique indexes would refuse; one the batch cannot decide (twice in the batch, a concurrent writer won, a
/// failure) comes back to be tried alone.
/// </summary>
public sealed class SignatureWriter(IServiceScopeFactory scopes, ILogger<SignatureWriter> log)
    : GroupCommit<(PetitionSignature Signature, OutboxMessage Link), SignatureWrite>(maxBatch: 200)
{
    public Task<SignatureWrite> AddAsync(Organization organization, PetitionSignature signature, OutboxMessage link) =>
        EnqueueAsync(organization, (signature, link));

    // Whatever failed (the pool, the network), each signature is tried alone, and each signer gets that attempt's
    // answer rather than this batch's error.
    protected override void Fail(IReadOnlyList<Pending> requests, Exception error)
    {
        log.LogWarning(error, "A batch of {Count} signatures failed; they are written one by one.", requests.Count);
        foreach (var r in requests) r.Done.TrySetResult(SignatureWrite.TryAlone);
    }

    protected override async Task WriteAsync(Organization organization, IReadOnlyList<Pending> requests)
    {
        // A second signature of one mailbox or account in the same batch (a double click) goes the one-by-one way,
        // but only once the batch is written: going at once, it could insert first and make the whole batch fail.
        var emails = new HashSet<(int, string)>();
        var accounts = new HashSet<(int, Guid)>();
        var candidates = new List<Pending>(requests.Count);
        var repeats = new List<Pending>();
        foreach (var r in requests)
        {
            var s = r.Item.Signature;
            if (emails.Add((s.PetitionId, s.CanonicalEmail)) && (s.UserId is not { } user || accounts.Add((s.PetitionId, user)))) candidates.Add(r);
            else repeats.Add(r);
        }
        try
        {
            await WriteCandidatesAsync(organization, candidates);
        }
        finally
        {
            foreach (var r in repeats) r.Done.TrySetResult(SignatureWrite.TryAlone);
        }
    }

    private async Task WriteCandidatesAsync(Organization organization, List<Pending> candidates)
    {
        if (candidates.Count == 0) return;

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var petitionIds = candidates.Select(r => r.Item.Signature.PetitionId).Distinct().ToList();
        var canonicals = candidates.Select(r => r.Item.Signature.CanonicalEmail).ToList();
        var userIds = candidates.Where(r => r.Item.Signature.UserId is not null).Select(r => r.Item.Signature.UserId).ToList();
        var signedBefore = await db.PetitionSignatures.AsNoTracking()
            .Where(s => petitionIds.Contains(s.PetitionId) && (canonicals.Contains(s.CanonicalEmail) || (s.UserId != null && userIds.Contains(s.UserId))))
            .Select(s => new { s.PetitionId, s.CanonicalEmail, s.UserId }).ToListAsync();
        var takenEmails = signedBefore.Select(s => (s.PetitionId, s.CanonicalEmail)).ToHashSet();
        var takenAccounts = signedBefore.Where(s => s.UserId is not null).Select(s => (s.PetitionId, s.UserId!.Value)).ToHashSet();
        var fresh = new List<Pending>(candidates.Count);
        foreach (var r in candidates)
        {
            var s = r.Item.Signature;
            if (takenEmails.Contains((s.PetitionId, s.CanonicalEmail)) || (s.UserId is { } user && takenAccounts.Contains((s.PetitionId, user))))
                r.Done.TrySetResult(SignatureWrite.SignedBefore);
            else fresh.Add(r);
        }
        if (fresh.Count == 0) return;

        db.PetitionSignatures.AddRange(fresh.Select(r => r.Item.Signature));
        db.Outbox.AddRange(fresh.Select(r => r.Item.Link));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone signed with one of these addresses between the read and the insert (another node): the whole
            // batch was rolled back, and each signature is tried alone.
            foreach (var r in fresh) r.Done.TrySetResult(SignatureWrite.TryAlone);
            return;
        }
        scope.ServiceProvider.GetRequiredService<EmailQueue>().Flush();
        foreach (var r in fresh) r.Done.TrySetResult(SignatureWrite.Written);
    }
}
