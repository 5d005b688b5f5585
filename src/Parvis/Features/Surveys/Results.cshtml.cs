using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;

namespace Parvis.Features.Surveys;

/// <summary>
/// A survey's public results, where the organizer publishes them (a quick question's always), for everyone or for the
/// verified residents of a territory or an age bracket: a group under ten answers shows nothing.
/// </summary>
public class ResultsModel(SurveyQueries queries, SurveyResults results) : PageModel
{
    public SurveyStructure Survey { get; private set; } = null!;
    public SurveyResultsView View { get; private set; } = null!;
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public int? Territory { get; private set; }
    public AgeBracket? Age { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? territoire, AgeBracket? age)
    {
        if (await queries.StructureAsync(id, publishedOnly: true) is not { } survey) return NotFound();
        if (!survey.Survey.PublicResults && !survey.Survey.IsQuickQuestion) return NotFound();
        Survey = survey;
        Territories = await queries.TerritoriesAsync();
        // A territory that is not one of this organization's is no filter at all (and no figure about nobody).
        Territory = Territories.Any(t => t.Id == territoire) ? territoire : null;
        Age = age is { } a && Enum.IsDefined(a) ? a : null;
        View = await results.ForAsync(survey, new ResultFilter(null, Territory, Age), staff: false);
        return Page();
    }
}
