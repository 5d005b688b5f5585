using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Meetings.Manage;

/// <summary>The organizer's list: every meeting for the staff; a council's animator sees only their councils' sessions.</summary>
[Authorize(Policy = Policies.ManageMeetings)]
public class IndexModel(MeetingQueries queries, IAuthorizationService authorization) : PageModel
{
    public List<MeetingCard> Meetings { get; private set; } = [];
    public bool IsStaff { get; private set; }

    public async Task OnGetAsync()
    {
        IsStaff = (await authorization.AuthorizeAsync(User, Policies.ManageConsultations)).Succeeded;
        Meetings = IsStaff ? await queries.AllForStaffAsync() : await queries.SessionsAnimatedByAsync(User.UserId()!.Value);
    }
}
