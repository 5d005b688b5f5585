using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Moderation;

/// <summary>A contribution waiting for a decision. <see cref="Author"/>: the account's pseudonym, the name given offline, or null (deleted account).</summary>
public sealed record QueueItem(int Id, int ConsultationId, string Consultation, string Body, ModerationState State, string? Reason, int OpenFlags,
    List<string> FlagReasons, Guid? AuthorId, string? Author, DateTime CreatedAt);

/// <summary>What a scoped moderator moderates: territories (with everything under them) and single consultations.</summary>
public sealed record ModerationScope(List<int> Territories, List<int> Consultations)
{
    public bool Includes(int territoryId, int consultationId) => Territories.Contains(territoryId) || Consultations.Contains(consultationId);
}

public sealed class ModerationCommands(ParvisDbContext db, AuditLog audit, UserManager<ParvisUser> users, TimeProvider clock,
    OrganizationCache cache, TerritoryTrees territories, Notifications.Notifier notifier)
{
    /// <summary>
    /// The territories a moderator may act on; null means everywhere (administrators, unscoped moderators). Kept per
    /// organization and person: a grant, a revocation or a new territory is a staff action, which evicts it.
    /// </summary>
    public async Task<ModerationScope?> ScopeAsync(ClaimsPrincipal user)
    {
        if (user.IsInRole(nameof(StaffRole.Administrator))) return null;
        if (user.UserId() is not { } userId) return await ReadScopeAsync(null);
        return await cache.GetAsync("moderation-scope", userId, () => ReadScopeAsync(userId));
    }

    private async Task<ModerationScope?> ReadScopeAsync(Guid? userId)
    {
        var grants = await db.RoleAssignments.Where(r => r.UserId == userId && r.Role == StaffRole.Moderator)
            .Select(r => new { r.TerritoryId, r.ConsultationId }).ToListAsync();
        if (grants.Any(g => g.TerritoryId is null && g.ConsultationId is null)) return null;
        var covered = new List<int>();
        foreach (var root in grants.Where(g => g.TerritoryId is not null)) covered.AddRange(await territories.SelfAndDescendantsAsync(root.TerritoryId!.Value));
        return new ModerationScope(covered, grants.Where(g => g.ConsultationId is not null).Select(g => g.ConsultationId!.Value).ToList());
    }

    /// <summary>Whether this moderator may act on something of this territory (petitions, proposals): unscoped, or a territory they cover.</summary>
    public async Task<bool> CoversTerritoryAsync(ClaimsPrincipal user, int territoryId) =>
        await ScopeAsync(user) is not { } scope || scope.Territories.Contains(territoryId);

    /// <summary>Items per page of the queue (contributions, and comments likewise).</summary>
    public const int QueuePageSize = 30;

    /// <summary>One page of the queue, its total and the open flags' reasons in one statement.</summary>
    public async Task<(List<QueueItem> Items, int Total)> QueueAsync(ModerationScope? scope, int page = 1)
    {
        var query = db.Contributions.AsNoTracking().Where(c => c.State == ModerationState.PendingReview || c.OpenFlagCount > 0);
        if (scope is not null) query = query.Where(c => scope.Territories.Contains(c.TerritoryId) || scope.Consultations.Contains(c.ConsultationId));
        var items = await query.OrderByDescending(c => c.OpenFlagCount).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((Math.Max(page, 1) - 1) * QueuePageSize).Take(QueuePageSize)
            .Select(c => new
            {
                c.Id,
                c.ConsultationId,
                Consultation = c.Consultation!.Title,
                c.Body,
                c.State,
                c.ModerationReason,
                c.OpenFlagCount,
                c.AuthorId,
                c.CreatedAt,
                Author = c.AuthorId == null ? c.OfflineAuthorName ?? AuthorName.Anonymous : db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).FirstOrDefault(),
                Total = query.Count(),
                Reasons = db.Flags.Where(f => f.ContributionId == c.Id && f.ResolvedAt == null).OrderBy(f => f.Id).Select(f => f.Reason).ToList(),
            })
            .ToListAsync();
        // Past the last page no row carries the total.
        var total = items.Count > 0 ? items[0].Total : page <= 1 ? 0 : await query.CountAsync();
        return (items.Select(i => new QueueItem(i.Id, i.ConsultationId, i.Consultation, i.Body, i.State, i.ModerationReason, i.OpenFlagCount,
            i.Reasons, i.AuthorId, i.Author, i.CreatedAt)).ToList(), total);
    }

    private async Task<Contribution> InScopeAsync(ClaimsPrincipal user, int id)
    {
        var contribution = await db.Contributions.FirstOrDefaultAsync(c => c.Id == id) ?? throw new DomainException("Cette contribution n'existe pas.");
        var scope = await ScopeAsync(user);
        if (scope is not null && !scope.Includes(contribution.TerritoryId, contribution.ConsultationId))
            throw new DomainException("Cette contribution est hors de votre périmètre de modération.");
        return contribution;
    }

    private async Task ResolveFlagsAsync(int contributionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var flag in await db.Flags.Where(f => f.ContributionId == contributionId && f.ResolvedAt == null).ToListAsync())
            flag.ResolvedAt = now;
    }

    public async Task HideAsync(ClaimsPrincipal user, int id, string? reason)
    {
        var contribution = await InScopeAsync(user, id);
        contribution.Hide(reason ?? "");
        await ResolveFlagsAsync(id);
        audit.Record("contribution.hide", nameof(Contribution), id, reason);
        await db.SaveChangesAsync();
        await StatementsChangedAsync(contribution);
    }

    /// <summary>Publishes a pre-moderated item, or puts back one that flags had hidden.</summary>
    public async Task RestoreAsync(ClaimsPrincipal user, int id, string? reason)
    {
        var contribution = await InScopeAsync(user, id);
        var firstPublication = contribution.AwaitsFirstReview;
        contribution.Restore();
        await ResolveFlagsAsync(id);
        audit.Record("contribution.restore", nameof(Contribution), id, reason);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        // Its consultation's followers hear of it now, as they would have at once without pre-moderation.
        if (firstPublication)
            await notifier.RecordAsync(NotificationKind.NewContribution, FollowSubjectKind.Consultation, contribution.ConsultationId, contribution.AuthorId);
        await StatementsChangedAsync(contribution);
        await transaction.CommitAsync();
    }

    // A statement hidden or published changes the opinion map of its question: the map job computes it again.
    private async Task StatementsChangedAsync(Contribution contribution)
    {
        if (contribution.QuestionId is { } question)
            await Consultations.Statements.StatementCommands.MarkStaleAsync(db, question, clock.GetUtcNow().UtcDateTime);
    }

    public async Task DismissFlagsAsync(ClaimsPrincipal user, int id, string? reason)
    {
        var contribution = await InScopeAsync(user, id);
        if (contribution.State == ModerationState.PendingReview && contribution.ModerationReason == ModeratedItem.AutoHiddenReason)
            contribution.Restore();
        contribution.OpenFlagCount = 0;
        await ResolveFlagsAsync(id);
        audit.Record("flags.dismiss", nameof(Contribution), id, reason);
        await db.SaveChangesAsync();
    }

    public async Task BlockAuthorAsync(ClaimsPrincipal user, int contributionId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif du blocage.");
        var contribution = await InScopeAsync(user, contributionId);
        if (contribution.AuthorId is null) throw new DomainException("Cette contribution n'a pas de compte auteur à bloquer.");
        await BlockAsync(contribution.AuthorId.Value, reason);
    }

    /// <summary>Blocks an account seen on the rate-limit page; only moderators of the whole organization may, as the account is not tied to one territory.</summary>
    public async Task BlockAccountAsync(ClaimsPrincipal user, Guid accountId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif du blocage.");
        if (await ScopeAsync(user) is not null) throw new DomainException("Seul un modérateur de toute l'organisation peut bloquer un compte depuis cette page.");
        await BlockAsync(accountId, reason);
    }

    private async Task BlockAsync(Guid accountId, string reason)
    {
        var author = await users.FindByIdAsync(accountId.ToString());
        // The query filter is not applied by FindByIdAsync: an account of another organization is not ours to block.
        if (author is null || author.OrganizationId != db.TenantId) throw new DomainException("Ce compte n'existe pas.");
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == author.Id))
            throw new DomainException("Un membre du personnel ne se bloque pas depuis la modération : un administrateur lui retire d'abord ses rôles.");
        author.BlockedAt = clock.GetUtcNow().UtcDateTime;
        author.BlockedReason = reason.Trim();
        // Identity's lockout refuses the next sign-in; the new security stamp ends open sessions.
        author.LockoutEnabled = true;
        author.LockoutEnd = DateTimeOffset.MaxValue;
        audit.Record("user.block", "User", author.Id, reason);
        await users.UpdateSecurityStampAsync(author);
    }
}
