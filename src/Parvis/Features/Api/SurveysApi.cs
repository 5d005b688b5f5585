using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Surveys;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

/// <param name="IsRow">A matrix's row (the other options are its columns).</param>
public sealed record ApiSurveyOption(int Id, string Text, bool IsRow);

public sealed record ApiSurveyQuestion(int Id, int SectionId, string Section, int Position, string Kind, string Text, string? Help,
    bool Required, int? MaxChoices, int? ScaleMin, int? ScaleMax, IReadOnlyList<ApiSurveyOption> Options);

/// <param name="Mean">A ranking's average rank.</param>
public sealed record ApiFigure(string Label, int Count, double Percent, double? Mean);

/// <summary>A number or date question's answers (a date as its day number).</summary>
public sealed record ApiNumbers(int Count, double Min, double Max, double Mean);

public sealed record ApiMatrixRow(string Label, IReadOnlyList<ApiFigure> Figures);

/// <param name="Suppressed">Fewer than ten answers: no figure is given.</param>
public sealed record ApiQuestionResult(int QuestionId, int Respondents, bool Suppressed, IReadOnlyList<ApiFigure> Figures,
    IReadOnlyList<ApiMatrixRow> Matrix, ApiNumbers? Numbers, double? Mean, IReadOnlyList<string> Texts);

public sealed record ApiSurveyResults(int Respondents, int Online, int Paper, bool Suppressed, IReadOnlyList<ApiQuestionResult> Questions);

/// <param name="Results">Where the survey publishes them (a quick question always does), as its results page; else null.</param>
public sealed record ApiSurvey(int Id, string Title, string Intro, bool IsQuickQuestion, int TerritoryId, int? ProjectId, bool Open,
    DateTime PublishedAt, DateTime? ClosesAt, DateTime? ClosedAt, IReadOnlyList<ApiSurveyQuestion> Questions, ApiSurveyResults? Results,
    string Url);

/// <summary>
/// Published surveys and quick questions with their questions; their results only where the organizer publishes them,
/// with the results page's rules (nothing about fewer than ten answers, texts hidden by moderation left out). Never a response.
/// </summary>
public sealed class SurveysApi(ParvisDbContext db, SurveyQueries queries, SurveyResults results, PublicLinks links, TimeProvider clock)
{
    public async Task<ApiPage<ApiSurvey>> SurveysAsync(PageRequest page, int? id = null)
    {
        var query = db.Surveys.AsNoTracking().Where(PublicItems.Surveys).Where(s => s.Id > page.AfterId);
        if (id is not null) query = query.Where(s => s.Id == id);
        if (page.UpdatedSince is { } since)
            query = query.Where(s => s.PublishedAt >= since || s.ClosedAt >= since || s.ClosesAt >= since);
        var ids = await query.OrderBy(s => s.Id).Take(page.Limit + 1).Select(s => s.Id).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<ApiSurvey>();
        foreach (var surveyId in ids)
        {
            if (await queries.StructureAsync(surveyId, publishedOnly: true) is not { } structure) continue;
            var s = structure.Survey;
            var sections = structure.Sections.ToDictionary(x => x.Id, x => x.Title);
            var questions = structure.Questions.Select(q => new ApiSurveyQuestion(q.Id, q.SectionId, sections.GetValueOrDefault(q.SectionId, ""),
                q.Position, q.Kind.ToString(), q.Text, q.Help, q.Required, q.MaxChoices,
                q.Kind == SurveyQuestionKind.Scale ? q.ScaleMin : null, q.Kind == SurveyQuestionKind.Scale ? q.ScaleMax : null,
                structure.Options[q.Id].Select(o => new ApiSurveyOption(o.Id, o.Text, o.IsRow)).ToList())).ToList();
            var shown = s.PublicResults || s.IsQuickQuestion ? ResultsOf(await results.ForAsync(structure, new ResultFilter(), staff: false)) : null;
            items.Add(new ApiSurvey(s.Id, s.Title, s.IntroMarkdown, s.IsQuickQuestion, s.TerritoryId, s.ProjectId, s.IsOpenAt(now),
                s.PublishedAt!.Value, s.ClosesAt, s.ClosedAt, questions, shown, links.To($"/enquetes/{s.Id}")));
        }
        return page.PageOf(items, s => s.Id);
    }

    private static ApiSurveyResults ResultsOf(SurveyResultsView view) => new(view.Respondents, view.Online, view.Paper, view.Suppressed,
        view.Questions.Select(r => new ApiQuestionResult(r.Question.Id, r.Respondents, r.Suppressed, r.Figures.Select(Figure).ToList(),
            r.Matrix.Select(m => new ApiMatrixRow(m.Label, m.Figures.Select(Figure).ToList())).ToList(),
            r.Numbers is { } n ? new ApiNumbers(n.Count, n.Min, n.Max, n.Mean) : null, r.Mean,
            r.Texts.Where(t => !t.Hidden).Select(t => t.Text).ToList())).ToList());

    private static ApiFigure Figure(Figure f) => new(f.Label, f.Count, f.Percent, f.Mean);
}
