using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Budgets;

/// <summary>
/// Voting on a budget: the ballot read from the form, checked by the budget (<see cref="Budget.CheckBallot"/>), and saved as
/// the person's one ballot, the earlier one replaced, in one transaction. One ballot per person is the database's rule (a
/// unique index); the vote's level is the participation handler's.
/// </summary>
public sealed class BudgetVoting(ParvisDbContext db, IAuthorizationService authorization, TimeProvider clock)
{
    /// <summary>The form fields: a checkbox per project (approval) or a number of points per project.</summary>
    public const string ChoiceField = "Choices";
    public const string PointsPrefix = "Points_";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the budget's level refuses this person, or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, Budget budget)
    {
        var result = await authorization.AuthorizeAsync(user, budget, new ParticipationRequirement(ParticipationAction.Vote));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas voter pour ce budget.");
    }

    /// <summary>The person's ballot: each project chosen and its points; empty when they have not voted.</summary>
    public async Task<Dictionary<int, int>> BallotOfAsync(int budgetId, Guid? userId)
    {
        if (userId is null) return [];
        var ballot = await db.BudgetBallots.AsNoTracking().Where(b => b.BudgetId == budgetId && b.UserId == userId)
            .Select(b => (long?)b.Id).FirstOrDefaultAsync();
        if (ballot is null) return [];
        return await db.BudgetBallotChoices.AsNoTracking().Where(c => c.BallotId == ballot)
            .ToDictionaryAsync(c => c.ProjectId, c => c.Points);
    }

    /// <summary>
    /// The choices a form holds: checked projects count 1; with points, each project's number (empty or 0: not chosen).
    /// A value that is not a whole number is refused with the rule's message, or skipped when not
    /// <paramref name="strict"/> (to show again what can be read of a refused ballot).
    /// </summary>
    public static Dictionary<int, int> Read(Budget budget, IFormCollection form, bool strict = true)
    {
        var choices = new Dictionary<int, int>();
        if (budget.VoteForm != BudgetVoteForm.Cumulative)
        {
            foreach (var value in form[ChoiceField])
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    if (strict) throw new DomainException("Un des projets choisis ne fait pas partie de ce vote.");
                    continue;
                }
                choices[id] = 1;
            }
            return choices;
        }
        foreach (var key in form.Keys.Where(k => k.StartsWith(PointsPrefix, StringComparison.Ordinal)))
        {
            var text = form[key].ToString().Trim();
            if (text.Length == 0) continue;
            if (!int.TryParse(key[PointsPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                if (strict) throw new DomainException("Un des projets choisis ne fait pas partie de ce vote.");
                continue;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) || points > Budget.MaxPoints)
            {
                if (strict) throw new DomainException("Les points s'écrivent en nombres entiers, de 0 au maximum indiqué.");
                continue;
            }
            if (points > 0) choices[id] = points;
        }
        return choices;
    }

    /// <summary>
    /// Saves the person's ballot, replacing the one they had: true when it replaced one. The vote must be open, the person
    /// eligible and the ballot valid for the vote's form; nothing is saved otherwise.
    /// </summary>
    public async Task<bool> CastAsync(ClaimsPrincipal user, Budget budget, IReadOnlyDictionary<int, int> choices)
    {
        var now = Now;
        budget.EnsureVoteOpen(now);
        if (await RefusalAsync(user, budget) is { } refusal) throw refusal.Reason;
        var userId = user.UserId() ?? throw new DomainException("Connectez-vous (ou créez un compte) pour participer.");
        var projects = await db.BudgetProjects.AsNoTracking()
            .Where(p => p.BudgetId == budget.Id && p.Feasibility == BudgetFeasibility.Feasible).ToListAsync();
        budget.CheckBallot(choices, projects);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ballot = await db.BudgetBallots.FirstOrDefaultAsync(b => b.BudgetId == budget.Id && b.UserId == userId);
        var replaced = ballot is not null;
        if (ballot is null)
        {
            ballot = new BudgetBallot { BudgetId = budget.Id, UserId = userId, CastAt = now, UpdatedAt = now };
            db.BudgetBallots.Add(ballot);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another request of the same person saved a first ballot at the same moment: theirs stands.
                throw new DomainException("Votre bulletin vient d'être enregistré depuis une autre page : rechargez-la pour le voir.");
            }
        }
        else
        {
            await db.BudgetBallotChoices.Where(c => c.BallotId == ballot.Id).ExecuteDeleteAsync();
            ballot.UpdatedAt = now;
        }
        db.BudgetBallotChoices.AddRange(choices.Select(c =>
            new BudgetBallotChoice { BallotId = ballot.Id, BudgetId = budget.Id, ProjectId = c.Key, Points = c.Value }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return replaced;
    }
}
