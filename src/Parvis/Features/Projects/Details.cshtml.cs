using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Projects;

/// <summary>A published project: the phase under way first, the timeline, the dossier, and everything about it.</summary>
public class DetailsModel(ProjectQueries queries, News.NewsQueries news, Infrastructure.Tenancy.PublicLinks links) : PageModel
{
    public ProjectPage View { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public List<News.NewsCard> News { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await queries.PageAsync(id, forStaff: false) is not { } page) return NotFound();
        View = page;
        Today = queries.Today;
        News = await news.LatestAsync(new News.NewsFilter(null, id, null), 10);
        ViewData["Alternates"] = Parvis.Features.News.NewsFeeds.Alternates(links, "Actualités · " + page.Project.Title, null, id);
        return Page();
    }
}
