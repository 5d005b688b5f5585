using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests;

/// <summary>
/// One request's public page: what was reported, where, its photos and its public history signed by the
/// service. Hidden and unconfirmed requests do not exist here; when reports are not public, only their
/// author reads them.
/// </summary>
public class DetailsModel(RequestQueries queries, TimeProvider clock) : PageModel
{
    public RequestView View { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var view = await queries.OneAsync(id, User.UserId());
        if (view is null) return NotFound();
        View = view;
        Now = clock.GetUtcNow().UtcDateTime;
        if (view.Request.Latitude is not null) ViewData["Scripts"] = "map";
        // Reports speak of streets and neighbours: readable by all, but not offered to search engines.
        ViewData["NoIndex"] = true;
        return Page();
    }
}
