using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Budgets.Manage;

/// <summary>The budgets this person manages, with their phase, projects and ballots.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(BudgetStaffQueries queries, Infrastructure.Data.ParvisDbContext db) : PageModel
{
    public List<BudgetStaffQueries.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = BudgetStaffCommands.IsAdministrator(User);
        Rows = await queries.ListAsync(all, all ? null : await ServiceStaffHandler.AgentServiceAsync(db, User));
    }
}
