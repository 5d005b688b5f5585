using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Responses;

/// <summary>The responses this agent drafted that still wait for an elected official's or an administrator's validation.</summary>
[Authorize(Policy = Policies.Answer)]
public class MyDraftsModel(ResponseDrafts drafts) : PageModel
{
    public List<Draft> Drafts { get; private set; } = [];

    public async Task OnGetAsync() => Drafts = User.UserId() is { } me ? await drafts.DraftedByAsync(me) : [];
}
