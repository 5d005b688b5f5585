using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Responses;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Proposals;

/// <summary>
/// What staff do with proposals: the service studies them (state changes, with an official response to
/// validate), moderators hide, restore and merge duplicates. Each is one transaction with its audit entry
/// and the e-mails to the author and every supporter.
/// </summary>
public sealed class ProposalFollowUp(ParvisDbContext db, IAuthorizationService authorization, TenantContext tenant, PublicLinks links, TimeProvider clock,
    AuditLog audit, ResponseCommands responses, EmailQueue mail, Moderation.ModerationCommands moderation, ProposalFlags flags,
    Notifications.Notifier notifier)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Administrators, and the agents of the service that studies the space's proposals.</summary>
    public async Task<bool> CanFollowAsync(ClaimsPrincipal user, ProposalSpace space)
    {
        // The policy, not the role alone: it carries the staff second factor.
        if (!(await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded) return false;
        return (await authorization.AuthorizeAsync(user, space, ServiceStaffRequirement.Instance)).Succeeded;
    }

    /// <summary>Moderators of the whole organization, or of a territory the proposal is in.</summary>
    public async Task<bool> CanModerateAsync(ClaimsPrincipal user, Proposal proposal)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Moderate)).Succeeded) return false;
        return await moderation.CoversTerritoryAsync(user, proposal.TerritoryId);
    }

    /// <param name="responseBody">An official response drafted with the change; published once an elected official validates it.</param>
    public async Task ChangeStateAsync(ClaimsPrincipal user, int proposalId, ProposalState? to, string? reason, string? responseBody)
    {
        var proposal = await db.Proposals.Include(p => p.Space).FirstOrDefaultAsync(p => p.Id == proposalId)
            ?? throw new DomainException("Cette proposition n'existe pas.");
        if (!await CanFollowAsync(user, proposal.Space!)) throw new DomainException("Seuls le service qui étudie ces propositions et les administrateurs en changent l'état.");
        if (to is not { } next) throw new DomainException("Choisissez le nouvel état.");
        var change = proposal.ChangeState(next, reason, user.UserId() ?? Guid.Empty, Now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!string.IsNullOrWhiteSpace(responseBody))
        {
            var response = await responses.DraftAsync(user, ResponseSubject.Proposal(proposalId), responseBody, save: false);
            await db.SaveChangesAsync();
            change.ResponseId = response.Id;
        }
        db.ProposalStateChanges.Add(change);
        audit.Record("proposal.state", nameof(Proposal), proposalId, $"{ProposalLabels.Of(change.From)} → {ProposalLabels.Of(change.To)}");
        await NotifyAsync(proposal, change);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        mail.Flush();
    }

    /// <summary>
    /// B duplicates A: A gains B's supporters who had not supported it (counted once per person), B keeps
    /// none and redirects to A. One transaction; A's count is recomputed from its rows.
    /// </summary>
    public async Task MergeAsync(ClaimsPrincipal user, int sourceId, int? targetId)
    {
        var source = await db.Proposals.Include(p => p.Space).FirstOrDefaultAsync(p => p.Id == sourceId) ?? throw new DomainException("Cette proposition n'existe pas.");
        if (targetId is null) throw new DomainException("Indiquez le numéro de la proposition à garder.");
        var target = await db.Proposals.FirstOrDefaultAsync(p => p.Id == targetId) ?? throw new DomainException("La proposition à garder n'existe pas.");
        if (!await CanModerateAsync(user, source) || !await CanModerateAsync(user, target)) throw new DomainException("Vous ne modérez pas ces propositions.");
        var change = source.MergeInto(target, user.UserId() ?? Guid.Empty, Now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ProposalStateChanges.Add(change);
        audit.Record("proposal.merge", nameof(Proposal), sourceId, $"Fusionnée avec la proposition n° {target.Id}");
        await NotifyAsync(source, change);
        await Tallies.TallyAppends.MergedAsync(db, sourceId, target.Id, Now);
        await db.SaveChangesAsync();
        var organizationId = db.TenantId;
        var tenantId = db.TenantId;
        // Set-based: B's supporters who have not supported A become A's supporters, in one statement.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ProposalSupports" ("ProposalId", "UserId", "CreatedAt", "OrganizationId", "TallyId")
            SELECT {target.Id}, b."UserId", b."CreatedAt", {organizationId}, COALESCE(b."TallyId", 'p' || b."Id")
            FROM "ProposalSupports" b
            WHERE b."ProposalId" = {sourceId} AND b."OrganizationId" = {tenantId}
              AND NOT EXISTS (SELECT 1 FROM "ProposalSupports" a WHERE a."ProposalId" = {target.Id} AND a."UserId" = b."UserId")
            """);
        await db.ProposalSupports.Where(s => s.ProposalId == sourceId).ExecuteDeleteAsync();
        await db.Proposals.Where(p => p.Id == sourceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, 0));
        await db.Proposals.Where(p => p.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount,
            p => db.ProposalSupports.Count(x => x.ProposalId == p.Id)));
        await transaction.CommitAsync();
        mail.Flush();
    }

    public async Task HideAsync(ClaimsPrincipal user, int proposalId, string? reason)
    {
        var proposal = await ModeratedAsync(user, proposalId);
        proposal.Hide(Why(reason) ?? "");
        await flags.ResolveAsync(proposalId);
        audit.Record("proposal.hide", nameof(Proposal), proposalId, proposal.ModerationReason);
        await db.SaveChangesAsync();
    }

    public async Task RestoreAsync(ClaimsPrincipal user, int proposalId, string? reason = null)
    {
        var proposal = await ModeratedAsync(user, proposalId);
        proposal.Restore();
        await flags.ResolveAsync(proposalId);
        audit.Record("proposal.restore", nameof(Proposal), proposalId, Why(reason));
        await db.SaveChangesAsync();
    }

    /// <summary>The moderator keeps the proposal: its open flags are closed, and it comes back if they alone had hidden it.</summary>
    public async Task DismissFlagsAsync(ClaimsPrincipal user, int proposalId, string? reason)
    {
        var proposal = await ModeratedAsync(user, proposalId);
        if (proposal.State == ModerationState.PendingReview && proposal.ModerationReason == ModeratedItem.AutoHiddenReason) proposal.Restore();
        proposal.OpenFlagCount = 0;
        await flags.ResolveAsync(proposalId);
        audit.Record("proposal.flags.dismiss", nameof(Proposal), proposalId, Why(reason));
        await db.SaveChangesAsync();
    }

    private static string? Why(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        return reason.Length > Flag.MaxReason ? throw DomainException.WithValues("Le motif dépasse {0} caractères.", Flag.MaxReason) : reason.Trim();
    }

    private async Task<Proposal> ModeratedAsync(ClaimsPrincipal user, int proposalId)
    {
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == proposalId) ?? throw new DomainException("Cette proposition n'existe pas.");
        if (!await CanModerateAsync(user, proposal)) throw new DomainException("Vous ne modérez pas cette proposition.");
        return proposal;
    }

    // One message per author and supporter, added to this unit of work in one go (10,000 supporters: one
    // read of their addresses, one SaveChanges). Erased accounts no longer exist and get nothing.
    private async Task NotifyAsync(Proposal proposal, ProposalStateChange change)
    {
        await notifier.RecordAsync(NotificationKind.StateChange, FollowSubjectKind.Proposal, proposal.Id);
        var supporterIds = db.ProposalSupports.Where(s => s.ProposalId == proposal.Id).Select(s => s.UserId);
        var addresses = await db.Users.AsNoTracking()
            .Where(u => u.EmailConfirmed && u.Email != null && (u.Id == proposal.AuthorId || supporterIds.Contains(u.Id)))
            .Select(u => u.Email!).ToListAsync();
        if (addresses.Count == 0) return;
        var link = links.To($"/propositions/{(change.To == ProposalState.Merged ? proposal.MergedIntoId : proposal.Id)}");
        var subject = $"{tenant.Organization.Name} : la proposition « {Shorten(proposal.Title)} » est {ProposalLabels.Of(change.To).ToLowerInvariant()}";
        var body = $"Bonjour,\n\nLa proposition « {proposal.Title} », que vous avez déposée ou soutenue, change d'état : {ProposalLabels.Of(change.To).ToLowerInvariant()}."
            + (change.Reason is null ? "" : $"\n\nMotif : {change.Reason}")
            + (change.ResponseId is null ? "" : "\n\nUne réponse officielle de la collectivité est en cours de validation ; elle sera publiée sur la page de la proposition.")
            + $"\n\nVoir la proposition : {link}\n\nVous recevez ce message parce que vous avez déposé ou soutenu cette proposition.";
        foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase)) mail.Enqueue(address, subject, body);
    }

    private static string Shorten(string title) => title.Length > 80 ? title[..79] + "…" : title;
}
