using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Projects;

/// <summary>A published project: the phase under way first, the timeline, the dossier, and everything about it.</summary>
public class DetailsModel(ProjectQueries queries) : PageModel
{
    public ProjectPage View { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await queries.PageAsync(id, forStaff: false) is not { } page) return NotFound();
        View = page;
        Today = queries.Today;
        return Page();
    }
}
