using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;

namespace Parvis.Features.Projects;

/// <summary>The projects: a list filtered by territory, theme and phase under way with a plain GET form, and a map over it.</summary>
public class IndexModel(ProjectQueries queries) : PageModel
{
    public List<ProjectCard> Projects { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "theme")] public ProjectTheme? ThemeFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "phase")] public ProjectPhaseKind? PhaseFilter { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // A filter that does not parse (or names nothing) shows everything rather than an error.
        ModelState.Clear();
        if (ThemeFilter is { } theme && !Enum.IsDefined(theme)) ThemeFilter = null;
        if (PhaseFilter is { } phase && !Enum.IsDefined(phase)) PhaseFilter = null;
        Territories = await queries.TerritoryOptionsAsync();
        if (TerritoryFilter is { } territory && Territories.All(t => t.Id != territory)) TerritoryFilter = null;
        Projects = await queries.PublishedAsync(new ProjectFilter(TerritoryFilter, ThemeFilter, PhaseFilter));
        return Page();
    }
}
