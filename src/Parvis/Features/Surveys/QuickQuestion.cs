using Microsoft.AspNetCore.Mvc;

namespace Parvis.Features.Surveys;

/// <param name="Answered">This person (or device) has answered already: the results link instead of the buttons.</param>
public sealed record QuickQuestionView(SurveyStructure Structure, bool Answered);

/// <summary>
/// The open quick question of a project (<c>@await Component.InvokeAsync("QuickQuestion", new { projectId })</c>) or,
/// with no project, the organization's latest (the home page); nothing when there is none.
/// </summary>
public sealed class QuickQuestionViewComponent(SurveyQueries queries, SurveyAnswering answering) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int? projectId)
    {
        if (await queries.QuickQuestionAsync(projectId) is not { } question) return Content("");
        SurveyAnswering.KeepPersonal(HttpContext);
        var answered = await answering.ExistingAsync(question.Survey.Id, SurveyAnswering.RespondentOf(HttpContext, create: false)) is not null;
        return View("/Features/Surveys/_QuickQuestion.cshtml", new QuickQuestionView(question, answered));
    }
}
