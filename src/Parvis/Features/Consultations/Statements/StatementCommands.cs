using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations.Statements;

/// <summary>A statement as the voting page shows it.</summary>
public sealed record StatementRow(int Id, string Text, bool Institutions);

/// <summary>
/// A statements question's actions: voting (the space's React rule, like a reaction), submitting a statement (a
/// contribution to the question, through <see cref="ParticipationCommands.ContributeAsync"/>, so its rule, moderation
/// and pre-moderation are the contributions'), and the institution's statements entered by those who manage it.
/// </summary>
public sealed class StatementCommands(ParvisDbContext db, ParticipationCommands participation, IAuthorizationService authorization,
    AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The published consultation (or one its manager sees) and its statements question, or a 404.</summary>
    public async Task<(Consultation Consultation, Question Question, bool CanManage)> LoadAsync(ClaimsPrincipal user, int id, int questionId)
    {
        var consultation = await db.Consultations.Include(c => c.Territory).FirstOrDefaultAsync(c => c.Id == id)
            ?? throw new ItemNotFoundException();
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == questionId && q.ConsultationId == id
            && q.Kind == ConsultationQuestionKind.Statements) ?? throw new ItemNotFoundException();
        var canManage = (await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded
            && (await authorization.AuthorizeAsync(user, consultation, ServiceStaffRequirement.Instance)).Succeeded;
        if (consultation.PublishedAt is null && !canManage) throw new ItemNotFoundException();
        return (consultation, question, canManage);
    }

    /// <summary>The first published statement the person has not voted on, with how many remain.</summary>
    public async Task<(StatementRow? Next, int Remaining, int Total)> NextAsync(int questionId, Guid? userId)
    {
        var published = db.Contributions.AsNoTracking()
            .Where(c => c.QuestionId == questionId && c.State == ModerationState.Published);
        var total = await published.CountAsync();
        var open = userId is { } me
            ? published.Where(c => !db.StatementVotes.Any(v => v.ContributionId == c.Id && v.UserId == me))
            : published;
        var remaining = await open.CountAsync();
        var next = await open.OrderBy(c => c.Id)
            .Select(c => new StatementRow(c.Id, c.Body, c.EnteredById != null && c.Channel == Channel.Online)).FirstOrDefaultAsync();
        return (next, remaining, total);
    }

    /// <summary>Texts of visible statements by id, for the map's statements (a statement hidden since is left out).</summary>
    public Task<Dictionary<int, string>> TextsAsync(int questionId) =>
        db.Contributions.AsNoTracking().Where(c => c.QuestionId == questionId && c.State == ModerationState.Published)
            .ToDictionaryAsync(c => c.Id, c => c.Body);

    /// <summary>Agree, disagree or pass; voting again on the same statement changes the vote. One row per person and
    /// statement (unique index); the question is marked for the map job.</summary>
    public async Task VoteAsync(ClaimsPrincipal user, Consultation consultation, Question question, int statementId, StatementVoteKind? chosen)
    {
        if (chosen is not { } kind || !Enum.IsDefined(kind)) throw new DomainException("Ce vote n'existe pas.");
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous pour voter.");
        await participation.EnsureAllowedAsync(user, consultation, ParticipationAction.React);
        if (!await db.Contributions.AnyAsync(c => c.Id == statementId && c.QuestionId == question.Id && c.State == ModerationState.Published))
            throw new DomainException("Cet énoncé n'existe pas ou n'est plus visible.");
        var now = Now;
        if (await ChangeAsync(statementId, userId, kind, now) == 0)
        {
            db.StatementVotes.Add(new StatementVote
            {
                QuestionId = question.Id,
                ContributionId = statementId,
                UserId = userId,
                Kind = kind,
                VotedAt = now,
            });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The same person's other click got there first: the unique index kept one row, this choice replaces it.
                db.ChangeTracker.Clear();
                await ChangeAsync(statementId, userId, kind, now);
            }
        }
        await MarkStaleAsync(db, question.Id, now);
    }

    private Task<int> ChangeAsync(int statementId, Guid userId, StatementVoteKind kind, DateTime now) =>
        db.StatementVotes.Where(v => v.ContributionId == statementId && v.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Kind, kind).SetProperty(v => v.VotedAt, now));

    /// <summary>Only the first vote after a computation writes the question's row: the others find it marked.</summary>
    public static Task<int> MarkStaleAsync(ParvisDbContext db, int questionId, DateTime now) =>
        db.Questions.Where(q => q.Id == questionId && q.Kind == ConsultationQuestionKind.Statements && q.MapStaleSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.MapStaleSince, now));

    /// <summary>A participant's statement: a contribution to the question, under the space's contribution rule.</summary>
    public Task<Contribution> SubmitAsync(ClaimsPrincipal user, Consultation consultation, Question question, string? text) =>
        participation.ContributeAsync(user, consultation, new ContributeInput(question.Id, null, null, Statement.Validate(text)));

    /// <summary>The institution's statement, entered by someone who manages the consultation; published at once.</summary>
    public async Task<Contribution> AddInstitutionsAsync(ClaimsPrincipal user, Consultation consultation, Question question, bool canManage, string? text)
    {
        if (!canManage) throw new ItemForbiddenException();
        var body = Statement.Validate(text);
        if (consultation.ClosedAt is not null) throw new DomainException("Cette concertation est close.");
        var statement = new Contribution
        {
            ConsultationId = consultation.Id,
            QuestionId = question.Id,
            TerritoryId = consultation.TerritoryId,
            EnteredById = user.UserId(),
            Body = body,
            Channel = Channel.Online,
            CreatedAt = Now,
            State = ModerationState.Published,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Contributions.Add(statement);
        await db.SaveChangesAsync();
        audit.Record("statement.add", nameof(Contribution), statement.Id, body);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return statement;
    }
}
