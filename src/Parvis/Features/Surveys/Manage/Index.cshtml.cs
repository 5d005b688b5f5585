using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Surveys.Manage;

/// <summary>The surveys this person manages, with their state and answers online and on paper.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(SurveyStaffQueries queries, Infrastructure.Data.ParvisDbContext db) : PageModel
{
    public List<SurveyStaffQueries.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = SurveyStaffCommands.IsAdministrator(User);
        Rows = await queries.ListAsync(all, all ? null : await ServiceStaffHandler.AgentServiceAsync(db, User));
    }
}
