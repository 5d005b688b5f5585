using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Tallies;

/// <summary>
/// The log entries of changes made by statements rather than tracked entities, added in the change's transaction
/// before the rows go: an erased signature stays counted (<see cref="TallyKind.Erased"/>), a support that goes leaves
/// the count (<see cref="TallyKind.Removed"/>), always with the reason.
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
    /// A merge in one pair of statements: every support of <paramref name="sourceId"/> leaves its log, and those the
    /// target gains (the supporters it did not have) join the target's log under the same receipt. Before the move.
    /// </summary>
    public static async Task MergedAsync(ParvisDbContext db, int sourceId, int targetId, DateTime now)
    {
        var at = TallyChain.Round(now);
        var reason = $"Proposition fusionnée dans la proposition n° {targetId} : le soutien y est reporté.";
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "TallyEntries" ("OrganizationId", "Item", "ItemId", "Kind", "EntryId", "At", "Reason")
            SELECT b."OrganizationId", {TallyItems.Proposal}, {targetId}, {nameof(TallyKind.Added)}, COALESCE(b."TallyId", 'p' || b."Id"), {at}, NULL
            FROM "ProposalSupports" b
            WHERE b."ProposalId" = {sourceId} AND b."OrganizationId" = {db.TenantId}
              AND NOT EXISTS (SELECT 1 FROM "ProposalSupports" a WHERE a."ProposalId" = {targetId} AND a."UserId" = b."UserId")
            """);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "TallyEntries" ("OrganizationId", "Item", "ItemId", "Kind", "EntryId", "At", "Reason")
            SELECT b."OrganizationId", {TallyItems.Proposal}, {sourceId}, {nameof(TallyKind.Removed)}, COALESCE(b."TallyId", 'p' || b."Id"), {at}, {reason}
            FROM "ProposalSupports" b
            WHERE b."ProposalId" = {sourceId} AND b."OrganizationId" = {db.TenantId}
            """);
    }
}
