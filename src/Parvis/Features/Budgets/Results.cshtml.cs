using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Budgets;

/// <summary>
/// A budget's results, once its vote has closed: the announced rule run on the ballots, the winners and why each project
/// won or lost; the ballots as a Pabulib file, so anyone can count again with <c>pb-outcome</c>.
/// </summary>
public class ResultsModel(BudgetQueries queries, BudgetCounting counting, TenantContext tenant) : PageModel
{
    public BudgetCount Count { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await ElectionAsync(id) is not { } found) return NotFound();
        Count = BudgetCounting.Count(found.Budget, found.Election);
        return Page();
    }

    /// <summary>The election as a Pabulib <c>.pb</c> file: pseudonymous voters (numbers), the projects on the ballot.</summary>
    public async Task<IActionResult> OnGetPbAsync(int id)
    {
        if (await ElectionAsync(id) is not { } found) return NotFound();
        var text = PbWriter.Write(found.Election);
        return File(new System.Text.UTF8Encoding(false).GetBytes(text), "text/plain; charset=utf-8", $"budget-{id}.pb");
    }

    private async Task<(Budget Budget, PbElection Election)?> ElectionAsync(int id)
    {
        if (await queries.PublishedAsync(id) is not { } budget || !budget.HasResultsAt(queries.Now)) return null;
        return (budget, await counting.ElectionAsync(budget, tenant.Organization.Name));
    }
}
