using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.News;
using Parvis.Features.Outcomes;
using Parvis.Features.Projects;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Home;

/// <summary>
/// The organization's front page: the blocks an administrator ordered (or the default order), each read only when it
/// shows. The quick question's block is reserved: its kind exists, the surveys add what it shows.
/// </summary>
public class IndexModel(HomeBlocks blocks, ConsultationQueries consultations, NewsQueries news, ProjectQueries projects,
    OutcomeStatistics statistics, PublicLinks links) : PageModel
{
    public const int NewsCount = 3;
    public const int ProjectCount = 3;

    public List<HomeBlockKind> Blocks { get; private set; } = [];
    public IReadOnlyList<ConsultationCard> Open { get; private set; } = [];
    public IReadOnlyList<ConsultationCard> Recent { get; private set; } = [];
    public List<NewsCard> News { get; private set; } = [];
    public List<ProjectCard> Projects { get; private set; } = [];
    public OutcomeFigures? Figures { get; private set; }

    public async Task OnGetAsync()
    {
        Blocks = (await blocks.ArrangedAsync()).Where(b => b.Visible).Select(b => b.Kind).ToList();
        if (Blocks.Contains(HomeBlockKind.OpenConsultations))
        {
            var all = await consultations.PublishedAsync(territoryId: null);
            Open = all.Where(c => c.Phase == ConsultationPhase.Contributions).ToList();
            Recent = all.Where(c => c.Phase != ConsultationPhase.Contributions).Take(6).ToList();
        }
        if (Blocks.Contains(HomeBlockKind.News))
        {
            News = await news.LatestAsync(new NewsFilter(null, null, null), NewsCount);
            ViewData["Alternates"] = NewsFeeds.Alternates(links, "Actualités", null, null);
        }
        if (Blocks.Contains(HomeBlockKind.Projects))
            Projects = (await projects.PublishedAsync(new ProjectFilter(null, null, null))).Take(ProjectCount).ToList();
        if (Blocks.Contains(HomeBlockKind.Figures))
            Figures = await statistics.ForAsync(null, null, OutcomeStatistics.DefaultMonths);
    }
}
