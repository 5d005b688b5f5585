using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Budgets;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

/// <param name="Feasibility">Pending, Feasible (on the ballot) or NotFeasible, with the study's public reason.</param>
public sealed record ApiBudgetProject(int Id, string Title, string Description, long Cost, int? TerritoryId, string Feasibility,
    string? FeasibilityReason);

/// <param name="Score">Votes, or points, as the results page writes them.</param>
public sealed record ApiBudgetResult(int ProjectId, int Supporters, string Score, bool Selected);

public sealed record ApiBudgetResults(int Ballots, IReadOnlyList<ApiBudgetResult> Projects);

/// <param name="Results">The announced rule run on the ballots, once the vote has closed; null before.</param>
public sealed record ApiBudget(int Id, string Title, string Description, long Amount, int TerritoryId, string Phase, string Rule,
    string VoteForm, int? MaxChoices, int? MaxPointsPerProject, int? MaxPointsTotal, DateTime IdeasFrom, DateTime StudyFrom,
    DateTime VoteFrom, DateTime VoteUntil, DateTime RealisationFrom, DateTime PublishedAt, IReadOnlyList<ApiBudgetProject> Projects,
    ApiBudgetResults? Results, string Url);

/// <summary>
/// Published participatory budgets with their projects (those the study set aside too, with its reason, as on the page)
/// and, once the vote has closed, the results counted exactly as the results page and the Pabulib file count them.
/// Never a ballot, never who voted.
/// </summary>
public sealed class BudgetsApi(ParvisDbContext db, BudgetCounting counting, TenantContext tenant, PublicLinks links, TimeProvider clock)
{
    public async Task<ApiPage<ApiBudget>> BudgetsAsync(PageRequest page, int? id = null)
    {
        var query = db.Budgets.AsNoTracking().Where(PublicItems.Budgets).Where(b => b.Id > page.AfterId);
        if (id is not null) query = query.Where(b => b.Id == id);
        // A phase begins at its date: a budget changes for a reuser when it is published, when its vote closes.
        if (page.UpdatedSince is { } since) query = query.Where(b => b.PublishedAt >= since || b.VoteUntil >= since);
        var rows = await query.OrderBy(b => b.Id).Take(page.Limit + 1).ToListAsync();
        var ids = rows.Select(b => b.Id).ToList();
        var projects = (await db.BudgetProjects.AsNoTracking().Where(p => ids.Contains(p.BudgetId))
            .OrderBy(p => p.Title).ThenBy(p => p.Id).ToListAsync()).ToLookup(p => p.BudgetId);
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<ApiBudget>();
        foreach (var b in rows)
        {
            ApiBudgetResults? results = null;
            if (b.HasResultsAt(now))
            {
                var count = BudgetCounting.Count(b, await counting.ElectionAsync(b, tenant.Organization.Name));
                results = new ApiBudgetResults(count.Ballots,
                    count.Projects.Select(p => new ApiBudgetResult(p.Id, p.Supporters, p.Score, p.Selected)).ToList());
            }
            items.Add(new ApiBudget(b.Id, b.Title, b.DescriptionMarkdown, b.Amount, b.TerritoryId, b.PhaseAt(now).ToString(),
                b.Rule.ToString(), b.VoteForm.ToString(), b.MaxChoices, b.MaxPointsPerProject, b.MaxPointsTotal, b.IdeasFrom,
                b.StudyFrom, b.VoteFrom, b.VoteUntil, b.RealisationFrom, b.PublishedAt!.Value,
                projects[b.Id].Select(p => new ApiBudgetProject(p.Id, p.Title, p.DescriptionMarkdown, p.Cost, p.TerritoryId,
                    p.Feasibility.ToString(), p.FeasibilityReason)).ToList(),
                results, links.To($"/budgets/{b.Id}")));
        }
        return page.PageOf(items, b => b.Id);
    }
}
