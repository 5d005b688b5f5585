using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Tallies;

/// <summary>
/// The log entries of changes made by statements rather than tracked entities, added in the change's transaction:
/// an erased signature stays counted (<see cref="TallyKind.Erased"/>), a support that goes or a signature invalidated
/// leaves the count (<see cref="TallyKind.Removed"/>), always with the reason. Read through the tenant's query filter.
/// </summary>
public static class TallyAppends
{
    public const string ErasedSignature = "Données personnelles effacées à la demande de la personne : la signature reste comptée.";
    public const string ErasedSupport = "Compte supprimé : son soutien est retiré.";
    public const string WithdrawnSupport = "Soutien retiré par la personne.";

    /// <summary>A person's counted signatures, before their rows are erased; saved with the caller's changes.</summary>
    public static async Task SignaturesErasedAsync(ParvisDbContext db, Guid userId, DateTime now)
    {
        var counted = await db.PetitionSignatures.AsNoTracking()
            .Where(s => s.UserId == userId && s.ConfirmedAt != null && s.InvalidatedAt == null)
            .Select(s => new { s.Id, s.PetitionId, s.TallyId }).ToListAsync();
        db.TallyEntries.AddRange(counted.Select(s => new TallyEntry
        {
            Item = TallyItems.Petition,
            ItemId = s.PetitionId,
            Kind = TallyKind.Erased,
            EntryId = s.TallyId ?? Petitions.Signing.ConfirmationWriter.LegacyTallyId(s.Id),
            At = TallyChain.Round(now),
            Reason = ErasedSignature,
        }));
    }

    /// <summary>A person's supports (of one proposal, or all), before their rows go; saved with the caller's changes.</summary>
    public static async Task SupportsRemovedAsync(ParvisDbContext db, Guid userId, int? proposalId, string reason, DateTime now)
    {
        var supports = await db.ProposalSupports.AsNoTracking()
            .Where(s => s.UserId == userId && (proposalId == null || s.ProposalId == proposalId))
            .Select(s => new { s.Id, s.ProposalId, s.TallyId }).ToListAsync();
        db.TallyEntries.AddRange(supports.Select(s =>
            TallyEntry.Removed(TallyItems.Proposal, s.ProposalId, s.TallyId ?? LegacySupportId(s.Id), reason, now)));
    }

    /// <summary>The log's id of a support given before receipts; removals name it the same way.</summary>
    public static string LegacySupportId(long supportId) => "p" + supportId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The confirmed signatures a moderator just invalidated (marked with <paramref name="invalidatedAt"/> in this
    /// transaction) leave the count, with the moderator's reason; saved with the caller's changes.
    /// </summary>
    public static async Task SignaturesInvalidatedAsync(ParvisDbContext db, int petitionId, DateTime invalidatedAt, string reason)
    {
        var invalidated = await db.PetitionSignatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.InvalidatedAt == invalidatedAt && s.ConfirmedAt != null)
            .Select(s => new { s.Id, s.TallyId }).ToListAsync();
        db.TallyEntries.AddRange(invalidated.Select(s => TallyEntry.Removed(TallyItems.Petition, petitionId,
            s.TallyId ?? Petitions.Signing.ConfirmationWriter.LegacyTallyId(s.Id), "Signature annulée par la modération : " + reason,
            invalidatedAt)));
    }

    /// <summary>
    /// A merge, before the supports move: every support of <paramref name="sourceId"/> leaves its log, and those the
    /// target gains (the supporters it did not have) join the target's log under the same receipt. Saved with the
    /// caller's changes.
    /// </summary>
    public static async Task MergedAsync(ParvisDbContext db, int sourceId, int targetId, DateTime now)
    {
        var reason = $"Proposition fusionnée dans la proposition n° {targetId} : le soutien y est reporté.";
        var supports = await db.ProposalSupports.AsNoTracking().Where(b => b.ProposalId == sourceId).OrderBy(b => b.Id)
            .Select(b => new
            {
                b.Id,
                b.TallyId,
                Moves = !db.ProposalSupports.Any(a => a.ProposalId == targetId && a.UserId == b.UserId),
            }).ToListAsync();
        db.TallyEntries.AddRange(supports.Where(s => s.Moves)
            .Select(s => TallyEntry.Added(TallyItems.Proposal, targetId, s.TallyId ?? LegacySupportId(s.Id), now)));
        db.TallyEntries.AddRange(supports
            .Select(s => TallyEntry.Removed(TallyItems.Proposal, sourceId, s.TallyId ?? LegacySupportId(s.Id), reason, now)));
    }
}
