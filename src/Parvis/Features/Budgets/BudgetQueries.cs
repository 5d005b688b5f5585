using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Budgets;

public sealed record BudgetCard(int Id, string Title, long Amount, BudgetPhase Phase, string Territory, int Projects);

/// <summary>A budget's public page: the budget, its territory's name, its projects (the ballot's and those the study set aside).</summary>
public sealed record BudgetPage(Budget Budget, string Territory, IReadOnlyList<Domain.BudgetProject> OnBallot,
    IReadOnlyList<Domain.BudgetProject> Studying, IReadOnlyList<Domain.BudgetProject> NotFeasible, Dictionary<int, string> Territories);

/// <summary>What the public pages of budgets read: published budgets of this organization only (the tenant filter).</summary>
public sealed class BudgetQueries(ParvisDbContext db, TimeProvider clock)
{
    public const int MaxShown = 200;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<BudgetCard>> PublishedAsync()
    {
        var now = Now;
        var rows = await db.Budgets.AsNoTracking().Where(PublicItems.Budgets).OrderByDescending(b => b.VoteFrom)
            .Select(b => new
            {
                Budget = b,
                Territory = db.Territories.Where(t => t.Id == b.TerritoryId).Select(t => t.Name).FirstOrDefault(),
                Projects = db.BudgetProjects.Count(p => p.BudgetId == b.Id && p.Feasibility != BudgetFeasibility.NotFeasible),
            })
            .Take(MaxShown).ToListAsync();
        return [.. rows.Select(r => new BudgetCard(r.Budget.Id, r.Budget.Title, r.Budget.Amount, r.Budget.PhaseAt(now),
            r.Territory ?? "", r.Projects))];
    }

    /// <summary>A published budget of this organization, untracked; null otherwise.</summary>
    public Task<Budget?> PublishedAsync(int id) =>
        db.Budgets.AsNoTracking().Where(PublicItems.Budgets).FirstOrDefaultAsync(b => b.Id == id);

    public async Task<BudgetPage?> PageAsync(int id)
    {
        if (await PublishedAsync(id) is not { } budget) return null;
        var projects = await db.BudgetProjects.AsNoTracking().Where(p => p.BudgetId == id).OrderBy(p => p.Title).ThenBy(p => p.Id)
            .ToListAsync();
        var territoryIds = projects.Where(p => p.TerritoryId != null).Select(p => p.TerritoryId!.Value).Append(budget.TerritoryId)
            .Distinct().ToList();
        var territories = await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        return new BudgetPage(budget, territories.GetValueOrDefault(budget.TerritoryId, ""),
            [.. projects.Where(p => p.Feasibility == BudgetFeasibility.Feasible)],
            [.. projects.Where(p => p.Feasibility == BudgetFeasibility.Pending)],
            [.. projects.Where(p => p.Feasibility == BudgetFeasibility.NotFeasible)], territories);
    }
}
