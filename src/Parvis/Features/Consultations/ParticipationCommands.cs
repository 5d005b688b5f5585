using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations;

/// <param name="DisplayAs">How the author wants to be shown, among what the space allows.</param>
/// <param name="Badges">The verified attributes the author shows beside their name.</param>
/// <param name="Email">For a contribution without an account where the space asks for a confirmed e-mail; kept private.</param>
public sealed record ContributeInput(int? QuestionId, int? TerritoryId, string? Title, string? Body,
    DisplayIdentity? DisplayAs = null, List<BadgeChoices>? Badges = null, string? Email = null);

/// <param name="ReceivedAt">When it was received, in the organization's local time; empty: now.</param>
/// <param name="SheetReference">The printed kit's sheet it was written on ("C12-0042-K"), when it comes from one.</param>
public sealed record OfflineInput(int? QuestionId, string? AuthorName, Channel Channel, string? Body, DateTime? ReceivedAt = null,
    string? ReceivedPlace = null, string? SheetReference = null);

/// <summary>
/// Every citizen action on a consultation: one method, one transaction, the space's rules checked
/// through the authorization handler and the phase through the domain.
/// </summary>
public sealed class ParticipationCommands(ParvisDbContext db, IAuthorizationService authorization, TenantContext tenant, AuditLog audit, TimeProvider clock, Files.FileCommands files,
    Identity.Verifications verifications, Contributions.AnonymousContributions anonymous, ConsultationRulesCache rulesCache,
    Notifications.Notifier notifier)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task EnsureAllowedAsync(ClaimsPrincipal user, Consultation consultation, ParticipationAction action)
    {
        var refusal = await RefusalAsync(user, consultation, action);
        if (refusal is not null) throw refusal.Reason;
        consultation.EnsureOpenFor(action, Now, tenant.Organization.ToLocal);
    }

    /// <summary>What the space's rules refuse this person for this action (the phase aside), or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, Consultation consultation, ParticipationAction action)
    {
        var result = await authorization.AuthorizeAsync(user, consultation, new ParticipationRequirement(action));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas participer ici.");
    }

    public async Task<Contribution> ContributeAsync(ClaimsPrincipal user, Consultation consultation, ContributeInput input, IFormFile? attachment = null)
    {
        await EnsureAllowedAsync(user, consultation, ParticipationAction.Contribute);
        var error = Contribution.Validate(input.Title, input.Body);
        if (error is not null) throw new DomainException(error);
        var author = await AuthorChoiceAsync(user, consultation, input);
        var state = author.Email is not null ? ModerationState.AwaitingEmail
            : consultation.Rules.PreModeration ? ModerationState.PendingReview : ModerationState.Published;
        var contribution = new Contribution
        {
            ConsultationId = consultation.Id,
            QuestionId = await ValidQuestionAsync(consultation, input.QuestionId, input.Body),
            TerritoryId = await ValidTerritoryAsync(consultation, input.TerritoryId),
            AuthorId = user.UserId(),
            DisplayAs = author.Display,
            Badges = author.Badges,
            ContactEmail = author.Email,
            Title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim(),
            Body = input.Body!.Trim(),
            Channel = Channel.Online,
            CreatedAt = Now,
            State = state,
            ModerationReason = state == ModerationState.PendingReview ? ModeratedItem.PendingReason : null,
        };
        // The file is checked before anything is saved; its row lands with the contribution, or its bytes go.
        var file = attachment is { Length: > 0 } ? await files.StoreAsync(attachment, FileKind.Attachment, null) : null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            contribution = await AddNumberedAsync(consultation, contribution);
            if (file is not null)
            {
                file.ContributionId = contribution.Id;
                db.StoredFiles.Add(file);
                await db.SaveChangesAsync();
            }
            // The confirmation link needs the new id; it is queued in the same transaction as the contribution.
            if (contribution.ContactEmail is { } email)
            {
                anonymous.QueueConfirmation(contribution, email, consultation.Title);
                await db.SaveChangesAsync();
            }
            await notifier.AutoFollowAsync(contribution.AuthorId, FollowSubjectKind.Contribution, contribution.Id);
            await notifier.ContributedAsync(contribution.AuthorId, NotificationKind.NewContribution, FollowSubjectKind.Consultation,
                consultation.Id, contribution.State == ModerationState.Published);
            await transaction.CommitAsync();
            if (contribution.ContactEmail is not null) anonymous.Flush();
            return contribution;
        }
        catch when (file is not null)
        {
            await files.DiscardAsync(file);
            throw;
        }
    }

    /// <summary>
    /// An agent enters what was received on paper, by mail, by phone or at a meeting; it counts like the others.
    /// Collected at one of the consultation's meetings, it carries <paramref name="meetingId"/> and shows on its page.
    /// </summary>
    public async Task<Contribution> EnterOfflineAsync(ClaimsPrincipal agent, Consultation consultation, OfflineInput input, int? meetingId = null)
    {
        consultation.EnsureOpenFor(ParticipationAction.Contribute, Now, tenant.Organization.ToLocal);
        var error = Contribution.Validate(null, input.Body);
        if (error is not null) throw new DomainException(error);
        if (input.Channel == Channel.Online) throw new DomainException("Choisissez le canal par lequel la contribution a été reçue.");
        if (input.AuthorName is { Length: > 200 }) throw new DomainException("Le nom de l'auteur est trop long.");
        var questionId = await ValidQuestionAsync(consultation, input.QuestionId, input.Body);
        var sheet = string.IsNullOrWhiteSpace(input.SheetReference) ? (int?)null : consultation.SheetOf(input.SheetReference);
        if (sheet is not null && await db.Contributions.AnyAsync(c => c.ConsultationId == consultation.Id && c.PaperSheet == sheet
                && c.QuestionId == questionId))
            throw SheetAlreadyEntered;
        var contribution = new Contribution
        {
            ConsultationId = consultation.Id,
            QuestionId = questionId,
            PaperSheet = sheet,
            TerritoryId = consultation.TerritoryId,
            OfflineAuthorName = string.IsNullOrWhiteSpace(input.AuthorName) ? null : input.AuthorName.Trim(),
            MeetingId = meetingId,
            EnteredById = agent.UserId(),
            Body = input.Body!.Trim(),
            Channel = input.Channel,
            CreatedAt = Now,
            State = ModerationState.Published,
        };
        var organization = tenant.Organization;
        var receivedAt = input.ReceivedAt is { } local ? organization.ToUtc(local) : (DateTime?)null;
        contribution.RecordReceipt(receivedAt, input.ReceivedPlace, contribution.CreatedAt, consultation.ContributionsStartAt, organization.ToLocal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            contribution = await AddNumberedAsync(consultation, contribution);
        }
        catch (DbUpdateException) when (sheet is not null)
        {
            // Two agents entered the same sheet's answer at the same moment: the unique index kept one.
            throw SheetAlreadyEntered;
        }
        audit.Record("contribution.enter-offline", nameof(Contribution), contribution.Id,
            $"Canal : {Labels.Of(input.Channel)}" + (meetingId is { } m ? $", rencontre n° {m}" : "")
            + (sheet is not null ? $", feuille {input.SheetReference!.Trim().ToUpperInvariant()}" : ""));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return contribution;
    }

    private static DomainException SheetAlreadyEntered =>
        new("La réponse de cette feuille à cette question est déjà saisie.");

    private sealed record AuthorChoice(DisplayIdentity Display, BadgeChoices Badges, string? Email);

    // Without an account the author is "Anonyme" (with a private e-mail where the space asks for one);
    // with one, they pick among the displays the space allows and show only badges they hold now.
    private async Task<AuthorChoice> AuthorChoiceAsync(ClaimsPrincipal user, Consultation consultation, ContributeInput input)
    {
        var rules = consultation.Rules;
        if (user.UserId() is not { } userId)
        {
            string? email = null;
            if (rules.RequirementFor(ParticipationAction.Contribute).Level == ParticipationLevel.AnyoneWithConfirmedEmail)
                email = Contributions.AnonymousContributions.ValidEmail(input.Email);
            return new(DisplayIdentity.Anonymous, BadgeChoices.None, email);
        }
        var (display, badges) = await verifications.AuthorChoiceAsync(userId, rules, input.DisplayAs, input.Badges);
        return new(display, badges, null);
    }

    // In a public inquiry every observation gets the next register number; a concurrent writer makes us retry.
    private async Task<Contribution> AddNumberedAsync(Consultation consultation, Contribution contribution)
    {
        for (var attempt = 0; ; attempt++)
        {
            // An observation waiting for its author's e-mail is numbered when confirmed (AnonymousContributions).
            if (consultation.LegalFrame == LegalFrame.PublicInquiry && contribution.State != ModerationState.AwaitingEmail)
                contribution.RegisterNumber = consultation.NextRegisterNumber();
            db.Contributions.Add(contribution);
            try
            {
                await db.SaveChangesAsync();
                return contribution;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                consultation = await db.Consultations.FirstAsync(c => c.Id == consultation.Id);
                contribution.Id = 0;
            }
        }
    }

    // An answer to a statements question is a statement: short (Domain/Statement.cs).
    private async Task<int?> ValidQuestionAsync(Consultation consultation, int? questionId, string? body)
    {
        if (questionId is null) return null;
        var kind = await db.Questions.Where(q => q.Id == questionId && q.ConsultationId == consultation.Id)
            .Select(q => (ConsultationQuestionKind?)q.Kind).FirstOrDefaultAsync()
            ?? throw new DomainException("Cette question n'appartient pas à la concertation.");
        if (kind == ConsultationQuestionKind.Statements) Statement.Validate(body);
        return questionId;
    }

    private async Task<int> ValidTerritoryAsync(Consultation consultation, int? territoryId)
    {
        if (territoryId is null) return consultation.TerritoryId;
        var allowed = await TerritoryTree.SelfAndDescendantsAsync(db, consultation.TerritoryId);
        return allowed.Contains(territoryId.Value) ? territoryId.Value : throw new DomainException("Ce territoire n'est pas couvert par la concertation.");
    }

    public async Task<Contribution> VisibleContributionAsync(int id) =>
        await db.Contributions.Include(c => c.Consultation).FirstOrDefaultAsync(c => c.Id == id && c.State == ModerationState.Published)
        ?? throw new DomainException("Cette contribution n'existe pas ou n'est plus visible.");

    /// <summary>Agree or disagree; the same choice again withdraws it. One reaction per person, enforced by a unique index.</summary>
    public async Task ReactAsync(ClaimsPrincipal user, int contributionId, ReactionKind? chosen)
    {
        // A name or number outside the list arrives as null or as an undefined value: never stored.
        if (chosen is not { } kind || !Enum.IsDefined(kind)) throw new DomainException("Cette réaction n'existe pas.");
        // Most reactions are a person's first on the item: on PostgreSQL, with the consultation's rules in memory, that
        // is one statement, which also checks the contribution is published. Nothing inserted (already reacted, not
        // visible, rules not in memory) goes the full way below.
        var firstTried = false;
        if (db.Database.IsNpgsql() && user.UserId() is { } person
            && await rulesCache.ConsultationOfAsync(contributionId) is { } consultationId && await rulesCache.GetAsync(consultationId) is { } rules)
        {
            await EnsureAllowedAsync(user, rules, ParticipationAction.React);
            if (await TryAddFirstReactionAsync(contributionId, person, kind)) return;
            firstTried = true;
        }
        var contribution = await VisibleContributionAsync(contributionId);
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous pour réagir.");
        await EnsureAllowedAsync(user, contribution.Consultation!, ParticipationAction.React);
        if (!firstTried && db.Database.IsNpgsql() && await TryAddFirstReactionAsync(contributionId, userId, kind)) return;
        var existing = await db.Reactions.AsNoTracking().FirstOrDefaultAsync(r => r.ContributionId == contributionId && r.UserId == userId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var previous = existing?.Kind;
        ReactionKind? next = previous == kind ? null : kind;
        // Each change applies only to the state it was decided from; a second click racing the first
        // finds that state gone (or the unique index taken) and changes nothing, counts included.
        var changed = 0;
        if (existing is null)
        {
            db.Reactions.Add(new Reaction { ContributionId = contributionId, UserId = userId, Kind = kind, CreatedAt = Now });
            try
            {
                changed = await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                return;
            }
        }
        else if (next is null)
        {
            changed = await db.Reactions.Where(r => r.Id == existing.Id && r.Kind == previous).ExecuteDeleteAsync();
        }
        else
        {
            changed = await db.Reactions.Where(r => r.Id == existing.Id && r.Kind == previous).ExecuteUpdateAsync(s => s.SetProperty(r => r.Kind, kind));
        }
        if (changed != 1) return;
        // Counters move in the database, not from a value read earlier: concurrent reactions never overwrite each other.
        var (agree, disagree) = Contribution.ReactionDelta(previous, next);
        await db.Contributions.Where(c => c.Id == contributionId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AgreeCount, c => c.AgreeCount + agree)
            .SetProperty(c => c.DisagreeCount, c => c.DisagreeCount + disagree));
        await transaction.CommitAsync();
    }

    // One statement, one round trip: the reaction goes in if the contribution is published here and unless the
    // person already has one (unique index), and the counter moves only if it did.
    private async Task<bool> TryAddFirstReactionAsync(int contributionId, Guid userId, ReactionKind kind)
    {
        var (agree, disagree) = Contribution.ReactionDelta(null, kind);
        var stored = kind.ToString();
        var now = Now;
        var organizationId = db.TenantId;
        var published = nameof(ModerationState.Published);
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH added AS (
                INSERT INTO "Reactions" ("ContributionId", "UserId", "Kind", "CreatedAt", "OrganizationId")
                SELECT {contributionId}, {userId}, {stored}, {now}, {organizationId} FROM "Contributions"
                WHERE "Id" = {contributionId} AND "OrganizationId" = {organizationId} AND "State" = {published}
                ON CONFLICT ("ContributionId", "UserId") DO NOTHING
                RETURNING 1)
            UPDATE "Contributions" SET "AgreeCount" = "AgreeCount" + {agree}, "DisagreeCount" = "DisagreeCount" + {disagree}
            WHERE "Id" = {contributionId} AND EXISTS (SELECT 1 FROM added)
            """) == 1;
    }

    public async Task<Comment> CommentAsync(ClaimsPrincipal user, int contributionId, long? parentId, string? body, Stance? chosen)
    {
        if (chosen is not { } stance || !Enum.IsDefined(stance)) throw new DomainException("Choisissez une position : pour, neutre ou contre.");
        var contribution = await VisibleContributionAsync(contributionId);
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous pour commenter.");
        await EnsureAllowedAsync(user, contribution.Consultation!, ParticipationAction.Comment);
        var error = Comment.Validate(body);
        if (error is not null) throw new DomainException(error);
        Comment? parent = null;
        if (parentId is not null)
        {
            parent = await db.Comments.FirstOrDefaultAsync(c => c.Id == parentId && c.ContributionId == contributionId && (c.State == ModerationState.Published || c.AuthorId == userId))
                ?? throw new DomainException("Le commentaire auquel vous répondez n'existe plus.");
        }
        var comment = new Comment
        {
            ContributionId = contributionId,
            ParentId = parentId,
            Depth = Comment.DepthUnder(parent),
            AuthorId = userId,
            Body = body!.Trim(),
            Stance = stance,
            CreatedAt = Now,
            State = contribution.Consultation!.Rules.PreModeration ? ModerationState.PendingReview : ModerationState.Published,
            ModerationReason = contribution.Consultation.Rules.PreModeration ? ModeratedItem.PendingReason : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Comments.Add(comment);
        await db.SaveChangesAsync();
        // The count is of published comments; a pre-moderated one counts when a moderator accepts it.
        if (comment.IsVisible)
            await db.Contributions.Where(c => c.Id == contributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + 1));
        await notifier.ContributedAsync(userId, NotificationKind.NewComment, FollowSubjectKind.Contribution, contributionId, comment.IsVisible);
        await transaction.CommitAsync();
        return comment;
    }

    public async Task EditCommentAsync(ClaimsPrincipal user, long commentId, string? body)
    {
        var error = Comment.Validate(body);
        if (error is not null) throw new DomainException(error);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId) ?? throw new DomainException("Ce commentaire n'existe pas.");
        comment.Edit(user.UserId() ?? Guid.Empty, body!, Now);
        // Under pre-moderation an edited text is a new text: it goes back to the moderators.
        var preModerated = await db.Contributions.Where(c => c.Id == comment.ContributionId).Select(c => c.Consultation!.Rules.PreModeration).SingleAsync();
        var unpublished = preModerated && comment.IsVisible;
        if (unpublished)
        {
            comment.State = ModerationState.PendingReview;
            comment.ModerationReason = ModeratedItem.PendingReason;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        if (unpublished)
            await db.Contributions.Where(c => c.Id == comment.ContributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount - 1));
        await transaction.CommitAsync();
    }

    public async Task DeleteCommentAsync(ClaimsPrincipal user, long commentId)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId) ?? throw new DomainException("Ce commentaire n'existe pas.");
        comment.SoftDelete(user.UserId() ?? Guid.Empty, Now);
        await db.SaveChangesAsync();
    }

    public async Task FlagAsync(ClaimsPrincipal user, int contributionId, string? reason)
    {
        var (userId, why) = Moderation.Flagging.Check(user, reason);
        await VisibleContributionAsync(contributionId);
        if (await db.Flags.AnyAsync(f => f.ContributionId == contributionId && f.UserId == userId))
            throw new DomainException("Vous avez déjà signalé cette contribution ; la modération va l'examiner.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Flags.Add(new Flag { ContributionId = contributionId, UserId = userId, Reason = why, CreatedAt = Now });
        await Moderation.Flagging.SaveAsync(db, "Vous avez déjà signalé cette contribution ; la modération va l'examiner.");
        await Moderation.Flagging.CountAsync(db.Contributions.Where(c => c.Id == contributionId), tenant.Organization.FlagThreshold);
        await transaction.CommitAsync();
    }

    public async Task FlagCommentAsync(ClaimsPrincipal user, long commentId, string? reason)
    {
        var (userId, why) = Moderation.Flagging.Check(user, reason);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.State == ModerationState.Published && c.DeletedAt == null)
            ?? throw new DomainException("Ce commentaire n'existe pas ou n'est plus visible.");
        await VisibleContributionAsync(comment.ContributionId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.CommentFlags.Add(new CommentFlag { CommentId = commentId, UserId = userId, Reason = why, CreatedAt = Now });
        await Moderation.Flagging.SaveAsync(db, "Vous avez déjà signalé ce commentaire ; la modération va l'examiner.");
        // A comment hidden by its flags no longer counts among the contribution's published comments.
        if (await Moderation.Flagging.CountAsync(db.Comments.Where(c => c.Id == commentId), tenant.Organization.FlagThreshold))
            await db.Contributions.Where(c => c.Id == comment.ContributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount - 1));
        await transaction.CommitAsync();
    }
}
