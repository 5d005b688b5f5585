using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Meetings.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(MeetingQueries queries) : PageModel
{
    public List<MeetingCard> Meetings { get; private set; } = [];

    public async Task OnGetAsync() => Meetings = await queries.AllForStaffAsync();
}
