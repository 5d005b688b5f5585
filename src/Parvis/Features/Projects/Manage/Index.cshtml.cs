using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Projects.Manage;

/// <summary>The projects this person manages (all for administrators; their service's and those without a service for agents).</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(ProjectCommands commands, ProjectStaffQueries queries) : PageModel
{
    public List<ProjectStaffQueries.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var (all, service) = await commands.ScopeAsync(User);
        Rows = await queries.ListAsync(all, service);
    }
}
