using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PersonalData;

/// <summary>What an erasure did, for the audit entry (counts only: nothing about the person).</summary>
public sealed record ErasureSummary(int ContributionsKept, int ContributionsErased, int ContributionsEmptied, int CommentsKept, int CommentsErased);

/// <summary>
/// Erases an account in one transaction: the person asking (<c>/compte/supprimer</c>) and the retention job
/// (inactive accounts) go through the same code. Kept contributions and comments keep their author id, which
/// no longer points to an account: the display shows "Participant supprimé".
/// </summary>
public sealed class AccountEraser(ParvisDbContext db, AuditLog audit, IFileStorage storage, TimeProvider clock)
{
    public const string DeletedComment = "Commentaire supprimé";
    public const string EmptiedContribution = "Contribution effacée à la demande de son auteur.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Staff accounts are refused: an administrator removes the role first, so the organization never loses its last administrator by accident.</summary>
    public async Task EnsureErasableAsync(ParvisUser user)
    {
        if (user.IsPlatformOperator || await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id))
            throw new DomainException("Ce compte a un rôle dans l'équipe de la collectivité (modération, agent, élu ou administration) : il ne peut pas être supprimé tant qu'un administrateur ne lui a pas retiré ce rôle.");
    }

    public async Task<ErasureSummary> EraseAsync(ParvisUser user, bool eraseContributions, string auditAction, string actorName)
    {
        await EnsureErasableAsync(user);
        var userId = user.Id;
        var now = Now;
        List<StoredFile> files = [];
        ErasureSummary summary;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await RemoveReactionsAsync(userId);
            await ProposalPersonalData.RemoveSupportsAsync(db, userId, now);
            await RequestPersonalData.EraseAsync(db, userId);
            await Meetings.MeetingPersonalData.EraseAsync(db, userId, now);
            await RemoveFlagsAsync(userId);
            await ProposalPersonalData.RemoveFlagsAsync(db, userId);
            await db.Verifications.Where(v => v.UserId == userId).ExecuteDeleteAsync();
            await db.CensusEntries.Where(e => e.ClaimedByUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByUserId, (Guid?)null));
            // The declared address goes too, and no letter is printed for an account that no longer exists.
            await db.PostalLetterRequests.Where(r => r.UserId == userId).ExecuteDeleteAsync();
            // A petition not yet public goes with its author; a published one stays, signed by others, under "Participant supprimé".
            await db.Petitions.Where(p => p.AuthorId == userId && p.Status != PetitionStatus.Open && p.Status != PetitionStatus.Closed).ExecuteDeleteAsync();
            await db.PetitionSponsors.Where(s => s.UserId == userId).ExecuteDeleteAsync();
            // Refusals recorded for the account hold its addresses; there is no account left to block.
            await db.RateLimitEvents.Where(e => e.UserId == userId).ExecuteDeleteAsync();
            // Petition signatures (SignatureErasure): the row goes whether the petition is open or closed; the count keeps
            // the signature (shards are not moved), so thresholds reached stay reached and a closed result stays final.
            await db.ElectorQuarterSignatures.Where(q => q.UserId == userId).ExecuteDeleteAsync();
            await Tallies.TallyAppends.SignaturesErasedAsync(db, userId, now);
            await db.PetitionSignatures.Where(s => s.UserId == userId).ExecuteDeleteAsync();
            await Consultations.Statements.StatementPersonalData.EraseAsync(db, userId, now);
            await Notifications.NotificationPersonalData.EraseAsync(db, userId);

            var (erased, emptied) = eraseContributions ? await EraseContributionsAsync(userId, files) : (0, 0);
            if (eraseContributions) await ProposalPersonalData.EraseProposalsAsync(db, userId, files);
            // Comments on posts follow the person's choice for comments; kept ones show "Participant supprimé".
            if (eraseContributions) await db.NewsComments.Where(c => c.AuthorId == userId).ExecuteDeleteAsync();
            var (commentsKept, commentsErased) = eraseContributions ? await EraseCommentsAsync(userId, now) : (await db.Comments.CountAsync(c => c.AuthorId == userId), 0);
            var kept = eraseContributions ? 0 : await db.Contributions.CountAsync(c => c.AuthorId == userId);
            summary = new ErasureSummary(kept, erased, emptied, commentsKept, commentsErased);

            await db.Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().Where(l => l.UserId == userId).ExecuteDeleteAsync();
            await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().Where(t => t.UserId == userId).ExecuteDeleteAsync();
            await db.Set<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().Where(c => c.UserId == userId).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync();
            db.Entry(user).State = EntityState.Detached;

            audit.RecordWithoutActor(actorName, auditAction, "Account", "-", eraseContributions
                ? $"contributions effacées : {erased}, vidées (réponse officielle ou registre) : {emptied}, commentaires effacés : {commentsErased}"
                : $"contributions conservées : {kept}, commentaires conservés : {commentsKept}");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        // The bytes go once the rows are gone for good.
        foreach (var file in files) await storage.DeleteAsync(file.StorageKey);
        return summary;
    }

    // Counters move in the database, as ParticipationCommands moves them: concurrent reactions are never overwritten.
    private async Task RemoveReactionsAsync(Guid userId)
    {
        var reactions = await db.Reactions.AsNoTracking().Where(r => r.UserId == userId).Select(r => new { r.ContributionId, r.Kind }).ToListAsync();
        foreach (var group in reactions.GroupBy(r => r.ContributionId))
        {
            var agree = group.Count(r => r.Kind == ReactionKind.Agree);
            var disagree = group.Count(r => r.Kind == ReactionKind.Disagree);
            await db.Contributions.Where(c => c.Id == group.Key).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AgreeCount, c => c.AgreeCount - agree)
                .SetProperty(c => c.DisagreeCount, c => c.DisagreeCount - disagree));
        }
        await db.Reactions.Where(r => r.UserId == userId).ExecuteDeleteAsync();
    }

    // An open flag of the person no longer counts towards hiding the item.
    private async Task RemoveFlagsAsync(Guid userId)
    {
        var flagged = await db.Flags.AsNoTracking().Where(f => f.UserId == userId && f.ResolvedAt == null).Select(f => f.ContributionId).ToListAsync();
        foreach (var id in flagged)
            await db.Contributions.Where(c => c.Id == id && c.OpenFlagCount > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenFlagCount, c => c.OpenFlagCount - 1));
        await db.Flags.Where(f => f.UserId == userId).ExecuteDeleteAsync();
        var flaggedComments = await db.CommentFlags.AsNoTracking().Where(f => f.UserId == userId && f.ResolvedAt == null).Select(f => f.CommentId).ToListAsync();
        foreach (var id in flaggedComments)
            await db.Comments.Where(c => c.Id == id && c.OpenFlagCount > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenFlagCount, c => c.OpenFlagCount - 1));
        await db.CommentFlags.Where(f => f.UserId == userId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// A contribution goes with everything under it (comments by anyone, reactions, flags, files, draft answers),
    /// except when the institution answered it publicly or it is numbered in a public-inquiry register: that answer
    /// and that register are public acts, so the contribution stays as an empty shell (text, title, files and
    /// author gone) under which the answer remains readable.
    /// </summary>
    private async Task<(int Erased, int Emptied)> EraseContributionsAsync(Guid userId, List<StoredFile> files)
    {
        var own = await db.Contributions.AsNoTracking().Where(c => c.AuthorId == userId)
            .Select(c => new { c.Id, c.RegisterNumber, Answered = db.OfficialResponses.Any(r => r.ContributionId == c.Id && r.Status == ResponseStatus.Published) })
            .ToListAsync();
        var shells = own.Where(c => c.Answered || c.RegisterNumber is not null).Select(c => c.Id).ToList();
        var ownIds = own.Select(c => c.Id).ToList();
        var gone = ownIds.Except(shells).ToList();

        var attachments = db.StoredFiles.Where(f => f.ContributionId != null && ownIds.Contains(f.ContributionId.Value));
        files.AddRange(await attachments.AsNoTracking().ToListAsync());
        await attachments.ExecuteDeleteAsync();

        await db.CommentFlags.Where(f => db.Comments.Any(c => c.Id == f.CommentId && gone.Contains(c.ContributionId))).ExecuteDeleteAsync();
        await db.Comments.Where(c => gone.Contains(c.ContributionId)).ExecuteDeleteAsync();
        await db.Reactions.Where(r => gone.Contains(r.ContributionId)).ExecuteDeleteAsync();
        await db.Flags.Where(f => gone.Contains(f.ContributionId)).ExecuteDeleteAsync();
        await db.OfficialResponses.Where(r => r.ContributionId != null && gone.Contains(r.ContributionId.Value)).ExecuteDeleteAsync();
        await db.Contributions.Where(c => gone.Contains(c.Id)).ExecuteDeleteAsync();

        await db.Contributions.Where(c => shells.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Body, EmptiedContribution)
            .SetProperty(c => c.Title, (string?)null)
            .SetProperty(c => c.AuthorId, (Guid?)null)
            .SetProperty(c => c.ContactEmail, (string?)null)
            .SetProperty(c => c.Badges, BadgeChoices.None));
        return (gone.Count, shells.Count);
    }

    /// <summary>
    /// The person's remaining comments, deepest first: one that others answered keeps its place ("Commentaire
    /// supprimé", text gone) so the replies still make sense; the others are removed and leave the count.
    /// </summary>
    private async Task<(int Kept, int Erased)> EraseCommentsAsync(Guid userId, DateTime now)
    {
        var own = await db.Comments.Where(c => c.AuthorId == userId).OrderByDescending(c => c.Depth).ToListAsync();
        var ownIds = own.Select(c => c.Id).ToList();
        var parentsOfOthers = await db.Comments.Where(c => c.ParentId != null && ownIds.Contains(c.ParentId.Value) && c.AuthorId != userId)
            .Select(c => c.ParentId!.Value).Distinct().ToListAsync();
        var answered = parentsOfOthers.ToHashSet();
        var removed = new HashSet<long>();
        foreach (var comment in own)
        {
            var hasReplies = answered.Contains(comment.Id) || own.Any(c => c.ParentId == comment.Id && !removed.Contains(c.Id));
            if (hasReplies)
            {
                comment.Body = DeletedComment;
                comment.DeletedAt ??= now;
                continue;
            }
            removed.Add(comment.Id);
            db.Comments.Remove(comment);
            // The count is of published comments (a comment deleted by its author still counted until now).
            if (comment.State == ModerationState.Published)
                await db.Contributions.Where(c => c.Id == comment.ContributionId && c.CommentCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount - 1));
        }
        await db.CommentFlags.Where(f => removed.Contains(f.CommentId)).ExecuteDeleteAsync();
        return (own.Count - removed.Count, removed.Count);
    }
}
