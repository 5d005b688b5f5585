using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Surveys;

/// <summary>The published surveys, newest first (quick questions live on the pages that show them).</summary>
public class IndexModel(SurveyQueries queries) : PageModel
{
    public List<SurveyCard> Surveys { get; private set; } = [];

    public async Task OnGetAsync() => Surveys = await queries.PublishedAsync();
}
