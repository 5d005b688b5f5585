using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Moderation;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Proposals;

/// <summary>A proposal in the moderators' list: its state, its open flags and their reasons.</summary>
public sealed record ProposalQueueItem(int Id, string Title, string Body, ModerationState State, string? Reason, int OpenFlags, List<string> FlagReasons);

/// <summary>
/// Flags on proposals, as on contributions: signed-in people only, one per person and proposal (unique index),
/// counted in the database; at the organization's threshold the proposal waits for a moderator, unseen.
/// </summary>
public sealed class ProposalFlags(ParvisDbContext db, TenantContext tenant, TimeProvider clock)
{
    public const string AlreadyFlagged = "Vous avez déjà signalé cette proposition ; la modération va l'examiner.";
    public const int QueueSize = 100;

    public async Task FlagAsync(ClaimsPrincipal user, int proposalId, string? reason)
    {
        var (userId, why) = Flagging.Check(user, reason);
        if (!await db.Proposals.AnyAsync(p => p.Id == proposalId && p.State == ModerationState.Published && p.Status != ProposalState.Merged && p.Space!.PublishedAt != null))
            throw new DomainException("Cette proposition n'existe pas ou n'est plus visible.");
        if (await db.ProposalFlags.AnyAsync(f => f.ProposalId == proposalId && f.UserId == userId)) throw new DomainException(AlreadyFlagged);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ProposalFlags.Add(new ProposalFlag { ProposalId = proposalId, UserId = userId, Reason = why, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await Flagging.SaveAsync(db, AlreadyFlagged);
        await Flagging.CountAsync(db.Proposals.Where(p => p.Id == proposalId), tenant.Organization.FlagThreshold);
        await transaction.CommitAsync();
    }

    /// <summary>Marks the proposal's open flags as decided (in this unit of work): the moderator has looked.</summary>
    public async Task ResolveAsync(int proposalId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var flag in await db.ProposalFlags.Where(f => f.ProposalId == proposalId && f.ResolvedAt == null).ToListAsync())
            flag.ResolvedAt = now;
    }

    /// <summary>Flagged proposals first (most flags first), then those waiting or hidden, oldest first; within the moderator's territories.</summary>
    public async Task<List<ProposalQueueItem>> QueueAsync(ModerationScope? scope)
    {
        var query = db.Proposals.AsNoTracking().Where(p => p.State != ModerationState.Published || p.OpenFlagCount > 0);
        if (scope is not null) query = query.Where(p => scope.Territories.Contains(p.TerritoryId));
        var items = await query.OrderByDescending(p => p.OpenFlagCount).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(QueueSize)
            .Select(p => new { p.Id, p.Title, p.Body, p.State, p.ModerationReason, p.OpenFlagCount }).ToListAsync();
        var ids = items.Select(i => i.Id).ToList();
        var reasons = await db.ProposalFlags.AsNoTracking().Where(f => ids.Contains(f.ProposalId) && f.ResolvedAt == null)
            .OrderBy(f => f.Id).Select(f => new { f.ProposalId, f.Reason }).ToListAsync();
        return items.Select(i => new ProposalQueueItem(i.Id, i.Title, i.Body, i.State, i.ModerationReason, i.OpenFlagCount,
            reasons.Where(r => r.ProposalId == i.Id).Select(r => r.Reason).ToList())).ToList();
    }
}
