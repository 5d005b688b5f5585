using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Budgets.Manage;

/// <summary>What the staff pages of budgets read: the list in scope, a budget's projects, the form's choices.</summary>
public sealed class BudgetStaffQueries(ParvisDbContext db, TimeProvider clock)
{
    public const int MaxRows = 500;

    public sealed record Row(int Id, string Title, string State, int Projects, int Ballots);

    /// <summary>What the settings form offers: territories as a tree, the services named in the roles.</summary>
    public sealed record Choices(List<(int Id, string Label)> Territories, List<string> Services, bool IsAdministrator);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Choices> ChoicesAsync(bool isAdministrator) => new(
        await Consultations.TerritoryTree.OptionsAsync(db),
        await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync(),
        isAdministrator);

    /// <summary>The budgets this person manages: all for an administrator, their service's and those without one for an agent.</summary>
    public async Task<List<Row>> ListAsync(bool all, string? service)
    {
        var query = db.Budgets.AsNoTracking();
        if (!all) query = query.Where(b => b.ServiceName == null || b.ServiceName == service);
        var rows = await query.OrderByDescending(b => b.Id).Take(MaxRows)
            .Select(b => new
            {
                Budget = b,
                Projects = db.BudgetProjects.Count(p => p.BudgetId == b.Id),
                Ballots = db.BudgetBallots.Count(x => x.BudgetId == b.Id),
            }).ToListAsync();
        var now = Now;
        return [.. rows.Select(r => new Row(r.Budget.Id, r.Budget.Title, StateOf(r.Budget, now), r.Projects, r.Ballots))];
    }

    public static string StateOf(Budget budget, DateTime now) => budget.IsPublished ? BudgetLabels.Of(budget.PhaseAt(now)) : "Brouillon";

    public Task<List<Domain.BudgetProject>> ProjectsAsync(int budgetId) =>
        db.BudgetProjects.AsNoTracking().Where(p => p.BudgetId == budgetId).OrderBy(p => p.Title).ThenBy(p => p.Id).ToListAsync();

    public Task<int> BallotsAsync(int budgetId) => db.BudgetBallots.CountAsync(b => b.BudgetId == budgetId);
}
