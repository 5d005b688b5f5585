using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Surveys;

/// <summary>A survey's public results, where the organizer publishes them (a quick question's always).</summary>
public class ResultsModel(SurveyQueries queries, SurveyResults results) : PageModel
{
    public SurveyStructure Survey { get; private set; } = null!;
    public SurveyResultsView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await queries.StructureAsync(id, publishedOnly: true) is not { } survey) return NotFound();
        if (!survey.Survey.PublicResults && !survey.Survey.IsQuickQuestion) return NotFound();
        Survey = survey;
        View = await results.ForAsync(survey, new ResultFilter(), staff: false);
        return Page();
    }
}
