using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Surveys;

public sealed record SurveyCard(int Id, string Title, bool IsQuickQuestion, DateTime? ClosesAt, bool Open, int Answers);

/// <summary>What the public and staff pages read of surveys.</summary>
public sealed class SurveyQueries(ParvisDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The survey with its sections, questions and options, in order; null when unknown here.</summary>
    public async Task<SurveyStructure?> StructureAsync(int id, bool publishedOnly)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        if (survey is null || (publishedOnly && survey.PublishedAt is null)) return null;
        var sections = await db.SurveySections.AsNoTracking().Where(s => s.SurveyId == id).OrderBy(s => s.Position).ToListAsync();
        var order = sections.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var questions = (await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == id).ToListAsync())
            .OrderBy(q => order.GetValueOrDefault(q.SectionId)).ThenBy(q => q.Position).ToList();
        var ids = questions.Select(q => q.Id).ToList();
        var options = await db.SurveyOptions.AsNoTracking().Where(o => ids.Contains(o.QuestionId)).OrderBy(o => o.Position).ToListAsync();
        return new SurveyStructure(survey, sections, questions, options.ToLookup(o => o.QuestionId));
    }

    public async Task<List<SurveyCard>> PublishedAsync()
    {
        var now = Now;
        var rows = await db.Surveys.AsNoTracking().Where(s => s.PublishedAt != null && !s.IsQuickQuestion)
            .OrderByDescending(s => s.PublishedAt)
            .Select(s => new { Survey = s, Answers = db.SurveyResponses.Count(r => r.SurveyId == s.Id) })
            .Take(200).ToListAsync();
        return [.. rows.Select(r => new SurveyCard(r.Survey.Id, r.Survey.Title, r.Survey.IsQuickQuestion, r.Survey.ClosesAt,
            r.Survey.IsOpenAt(now), r.Answers))];
    }

    public Task<List<(int Id, string Label)>> TerritoriesAsync() => Consultations.TerritoryTree.OptionsAsync(db);

    /// <summary>The open quick question of a project (or, without one, the organization's latest), for its partial.</summary>
    public async Task<SurveyStructure?> QuickQuestionAsync(int? projectId)
    {
        var now = Now;
        var open = db.Surveys.AsNoTracking().Where(Survey.OpenAt(now)).Where(s => s.IsQuickQuestion);
        if (projectId is not null) open = open.Where(s => s.ProjectId == projectId);
        var id = await open.OrderByDescending(s => s.PublishedAt).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        return id is { } found ? await StructureAsync(found, publishedOnly: true) : null;
    }
}
