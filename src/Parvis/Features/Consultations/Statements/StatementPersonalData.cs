using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations.Statements;

/// <summary>
/// An erased account's statement votes go, and the maps they were part of are computed again: a snapshot holds each
/// participant's place on the map under their account id, which must not outlive the account.
/// </summary>
public static class StatementPersonalData
{
    public static async Task EraseAsync(ParvisDbContext db, Guid userId, DateTime now)
    {
        var questions = await db.StatementVotes.Where(v => v.UserId == userId).Select(v => v.QuestionId).Distinct().ToListAsync();
        await db.StatementVotes.Where(v => v.UserId == userId).ExecuteDeleteAsync();
        foreach (var question in questions) await StatementCommands.MarkStaleAsync(db, question, now);
    }
}
