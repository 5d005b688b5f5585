using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations.Statements;

/// <summary>A vote on a statement, with the statement as it reads now.</summary>
public sealed record ExportStatementVote(int StatementId, string Statement, string Vote, DateTime VotedAt, string Url);

/// <summary>
/// A person's statement votes: in their download; at the erasure of the account they go, and the maps they were part
/// of are computed again: a snapshot holds each participant's place on the map under their account id, which must not
/// outlive the account.
/// </summary>
public static class StatementPersonalData
{
    public static Task<List<ExportStatementVote>> ExportAsync(ParvisDbContext db, Guid userId) =>
        db.StatementVotes.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.VotedAt)
            .Join(db.Contributions, v => v.ContributionId, c => c.Id, (v, c) => new ExportStatementVote(c.Id, c.Body,
                v.Kind == StatementVoteKind.Agree ? "D'accord" : v.Kind == StatementVoteKind.Disagree ? "Pas d'accord" : "Passer",
                v.VotedAt, "/concertations/" + c.ConsultationId + "/enonces/" + v.QuestionId))
            .ToListAsync();

    public static async Task EraseAsync(ParvisDbContext db, Guid userId, DateTime now)
    {
        var questions = await db.StatementVotes.Where(v => v.UserId == userId).Select(v => v.QuestionId).Distinct().ToListAsync();
        await db.StatementVotes.Where(v => v.UserId == userId).ExecuteDeleteAsync();
        foreach (var question in questions) await StatementCommands.MarkStaleAsync(db, question, now);
    }
}
