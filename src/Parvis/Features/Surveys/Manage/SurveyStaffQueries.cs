using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys.Manage;

/// <summary>What the staff pages of surveys read: the list in scope, the written answers, the CSV export.</summary>
public sealed class SurveyStaffQueries(ParvisDbContext db, TimeProvider clock)
{
    public const int MaxRows = 500;
    public const int TextsShown = 300;
    private static readonly string[] FixedColumns = ["reponse", "canal", "feuille", "date"];

    public sealed record Row(int Id, string Title, bool IsQuickQuestion, string State, int Online, int Paper);

    public sealed record TextRow(long Id, string Question, string Text, bool Hidden, Channel Channel, DateTime SubmittedAt);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the settings form offers: territories as a tree, the projects, the services named in the roles.</summary>
    public sealed record Choices(List<(int Id, string Label)> Territories, List<(int Id, string Title)> Projects, List<string> Services,
        bool IsAdministrator);

    public async Task<Choices> ChoicesAsync(bool isAdministrator) => new(
        await Consultations.TerritoryTree.OptionsAsync(db),
        [.. (await db.Projects.AsNoTracking().OrderBy(p => p.Title).Take(MaxRows).Select(p => new { p.Id, p.Title }).ToListAsync())
            .Select(p => (p.Id, p.Title))],
        await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync(),
        isAdministrator);

    /// <summary>The surveys this person manages: all for an administrator, their service's and those without one for an agent.</summary>
    public async Task<List<Row>> ListAsync(bool all, string? service)
    {
        var query = db.Surveys.AsNoTracking();
        if (!all) query = query.Where(s => s.ServiceName == null || s.ServiceName == service);
        var surveys = await query.OrderByDescending(s => s.Id).Take(MaxRows).ToListAsync();
        var ids = surveys.Select(s => s.Id).ToList();
        var counts = await db.SurveyResponses.Where(r => ids.Contains(r.SurveyId))
            .GroupBy(r => new { r.SurveyId, Paper = r.Channel == Channel.PaperRegister })
            .Select(g => new { g.Key.SurveyId, g.Key.Paper, Count = g.Count() }).ToListAsync();
        int Count(int id, bool paper) => counts.Where(c => c.SurveyId == id && c.Paper == paper).Sum(c => c.Count);
        var now = Now;
        return [.. surveys.Select(s =>
            new Row(s.Id, s.Title, s.IsQuickQuestion, SurveyLabels.StateOf(s, now), Count(s.Id, false), Count(s.Id, true)))];
    }

    /// <summary>The latest written answers, hidden ones included, with their question.</summary>
    public async Task<List<TextRow>> TextsAsync(SurveyStructure survey)
    {
        var questions = survey.Questions.ToDictionary(q => q.Id, q => q.Text);
        var rows = await db.SurveyTextAnswers.AsNoTracking().Where(t => t.SurveyId == survey.Survey.Id)
            .OrderByDescending(t => t.Id).Take(TextsShown)
            .Join(db.SurveyResponses, t => t.ResponseId, r => r.Id,
                (t, r) => new { t.Id, t.QuestionId, t.Text, t.HiddenAt, r.Channel, r.SubmittedAt })
            .ToListAsync();
        return [.. rows.Select(t => new TextRow(t.Id, questions.GetValueOrDefault(t.QuestionId, ""), t.Text, t.HiddenAt != null,
            t.Channel, t.SubmittedAt))];
    }

    /// <summary>One row per response, one column per question (options by their text), and the channel.</summary>
    public async Task<CsvDownload> ExportAsync(SurveyStructure survey, string fileName)
    {
        var id = survey.Survey.Id;
        var questions = survey.Questions;
        var options = survey.Options.SelectMany(g => g).ToDictionary(o => o.Id, o => o.Text);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Channel, r.SheetNumber, r.SubmittedAt }).ToListAsync();
        var choices = (await db.SurveyAnswerChoices.AsNoTracking().Where(c => c.SurveyId == id && (c.OptionId != null || c.Value != null))
            .Select(c => new { c.ResponseId, c.QuestionId, c.OptionId, c.RowOptionId, c.Value }).ToListAsync())
            .ToLookup(c => (c.ResponseId, c.QuestionId));
        var texts = (await db.SurveyTextAnswers.AsNoTracking().Where(t => t.SurveyId == id)
            .Select(t => new { t.ResponseId, t.QuestionId, t.Text }).ToListAsync())
            .ToDictionary(t => (t.ResponseId, t.QuestionId), t => t.Text);
        string Option(int? o) => o is { } k ? options.GetValueOrDefault(k, "") : "";
        return CsvFile.Download(fileName, [.. FixedColumns.Concat(questions.Select((q, i) => $"q{(i + 1).ToString(CultureInfo.InvariantCulture)}"))], async csv =>
        {
            await csv.RowAsync([null, null, null, null, .. questions.Select(q => (object?)q.Text)]);
            foreach (var r in responses)
            {
                var cells = new List<object?> { r.Id, SurveyLabels.ChannelOf(r.Channel), r.SheetNumber, r.SubmittedAt };
                foreach (var q in questions)
                {
                    var mine = choices[(r.Id, q.Id)].ToList();
                    cells.Add(q.Kind switch
                    {
                        _ when q.IsText => texts.GetValueOrDefault((r.Id, q.Id)),
                        _ when mine.Count == 0 => null,
                        SurveyQuestionKind.Matrix => string.Join(" | ", mine.Select(c => $"{Option(c.RowOptionId)} : {Option(c.OptionId)}")),
                        SurveyQuestionKind.Ranking => string.Join(" | ", mine.OrderBy(c => c.Value).Select(c => Option(c.OptionId))),
                        SurveyQuestionKind.Date => DateOnly.FromDayNumber(mine[0].Value ?? 0),
                        SurveyQuestionKind.Scale or SurveyQuestionKind.Number => mine[0].Value,
                        _ => string.Join(" | ", mine.Select(c => Option(c.OptionId))),
                    });
                }
                await csv.RowAsync([.. cells]);
            }
        });
    }
}
