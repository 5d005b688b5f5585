using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Requests.Manage;

/// <summary>
/// The former page of the Open311 keys: they are API keys with the Open311 use now, issued and revoked with the
/// others on /admin/cles-api. Old bookmarks and documents land there.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public class Open311KeysModel : PageModel
{
    public IActionResult OnGet() => RedirectPermanent("/admin/cles-api");
}
