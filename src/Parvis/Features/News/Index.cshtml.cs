using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.News;

/// <summary>The public posts, newest first: filters by territory, project and theme with a plain GET form, pages, feeds.</summary>
public class IndexModel(NewsQueries queries, PublicLinks links) : PageModel
{
    public List<NewsCard> Posts { get; private set; } = [];
    public bool More { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<(int Id, string Title)> Projects { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "projet")] public int? ProjectFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "theme")] public ProjectTheme? ThemeFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync()
    {
        // A filter that does not parse (or names nothing here) shows everything rather than an error.
        ModelState.Clear();
        if (ThemeFilter is { } theme && !Enum.IsDefined(theme)) ThemeFilter = null;
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Territories = await queries.TerritoryOptionsAsync();
        Projects = await queries.ProjectOptionsAsync();
        if (TerritoryFilter is { } t && Territories.All(x => x.Id != t)) TerritoryFilter = null;
        if (ProjectFilter is { } p && Projects.All(x => x.Id != p)) ProjectFilter = null;
        (Posts, More) = await queries.PageAsync(new NewsFilter(TerritoryFilter, ProjectFilter, ThemeFilter), PageNumber);
        ViewData["Alternates"] = NewsFeeds.Alternates(links, "Actualités", ProjectFilter is null ? TerritoryFilter : null, ProjectFilter);
        return Page();
    }

    public string PageLink(int page)
    {
        var query = new List<string>();
        if (TerritoryFilter is { } t) query.Add($"territoire={t}");
        if (ProjectFilter is { } p) query.Add($"projet={p}");
        if (ThemeFilter is { } th) query.Add($"theme={th}");
        if (page > 1) query.Add($"page={page}");
        return "/actualites" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
