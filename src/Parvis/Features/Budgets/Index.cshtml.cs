using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Budgets;

/// <summary>The published participatory budgets, the latest vote first.</summary>
public class IndexModel(BudgetQueries queries) : PageModel
{
    public List<BudgetCard> Budgets { get; private set; } = [];

    public async Task OnGetAsync() => Budgets = await queries.PublishedAsync();
}
