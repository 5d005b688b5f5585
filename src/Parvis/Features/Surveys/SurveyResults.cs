using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Surveys;

/// <summary>Which answers the results count: a channel, the residents of a territory (and under it), a verified age bracket.</summary>
public sealed record ResultFilter(Channel? Channel = null, int? TerritoryId = null, AgeBracket? Age = null)
{
    public bool IsEmpty => Channel is null && TerritoryId is null && Age is null;
}

/// <param name="Mean">A ranking's average rank, a scale's mean.</param>
public sealed record Figure(string Label, int Count, double Percent, double? Mean = null);

public sealed record MatrixRow(string Label, IReadOnlyList<Figure> Figures);

public sealed record NumberSummary(int Count, double Min, double Max, double Mean);

public sealed record TextView(long Id, string Text, bool Hidden);

public sealed record QuestionResult(SurveyQuestion Question, int Respondents, bool Suppressed, IReadOnlyList<Figure> Figures,
    IReadOnlyList<MatrixRow> Matrix, NumberSummary? Numbers, IReadOnlyList<TextView> Texts, double? Mean);

/// <param name="Suppressed">Fewer than <see cref="Survey.MinimumGroup"/> answers in the group: nothing is shown about it.</param>
public sealed record SurveyResultsView(int Respondents, int Online, int Paper, bool Suppressed, IReadOnlyList<QuestionResult> Questions);

/// <summary>
/// The results, computed in the database: respondents counted over the responses' index, answers by one GROUP BY over the
/// answer-choices index; no answer is loaded, and no figure is given about fewer than ten answers.
/// </summary>
public sealed class SurveyResults(ParvisDbContext db)
{
    public const int TextsShown = 100;

    public async Task<SurveyResultsView> ForAsync(SurveyStructure s, ResultFilter filter, bool staff)
    {
        var id = s.Survey.Id;
        List<int>? territories = filter.TerritoryId is { } t ? await Consultations.TerritoryTree.SelfAndDescendantsAsync(db, t) : null;
        var responses = db.SurveyResponses.Where(r => r.SurveyId == id);
        if (territories is not null) responses = responses.Where(r => r.TerritoryId != null && territories.Contains(r.TerritoryId.Value));
        if (filter.Age is { } age) responses = responses.Where(r => r.AgeBracket == age);
        var byChannel = await responses.GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var online = byChannel.Where(c => c.Key != Channel.PaperRegister).Sum(c => c.Count);
        var paper = byChannel.Where(c => c.Key == Channel.PaperRegister).Sum(c => c.Count);
        var total = filter.Channel switch { Channel.PaperRegister => paper, null => online + paper, _ => online };
        if (total < Survey.MinimumGroup) return new(total, online, paper, true, []);

        var numeric = s.Questions.Where(q => q.Kind is SurveyQuestionKind.Number or SurveyQuestionKind.Date).Select(q => q.Id).ToHashSet();
        var (counts, numbers) = territories is null && filter.Age is null
            ? await TalliedAsync(id, filter.Channel, numeric)
            : await CountedAsync(id, filter, territories, numeric);
        var byQuestion = counts.ToLookup(c => c.QuestionId);
        var results = new List<QuestionResult>();
        foreach (var q in s.Questions)
        {
            var rows = byQuestion[q.Id].ToList();
            var n = numbers.FirstOrDefault(x => x.QuestionId == q.Id);
            var respondents = n?.Count ?? rows.Where(r => r.OptionId is null && r.RowOptionId is null && r.Value is null).Sum(r => r.N);
            if (respondents < Survey.MinimumGroup)
            {
                results.Add(new(q, respondents, true, [], [], null, [], null));
                continue;
            }
            var texts = q.IsText ? await TextsAsync(q.Id, filter, territories, staff) : [];
            var summary = n is null ? null : new NumberSummary(n.Count, n.Min, n.Max, n.Mean);
            results.Add(Build(s, q, respondents, rows, summary, texts));
        }
        return new(total, online, paper, false, results);
    }

    private static QuestionResult Build(SurveyStructure s, SurveyQuestion q, int respondents, List<Count> rows, NumberSummary? summary,
        IReadOnlyList<TextView> texts)
    {
        double Percent(int count) => Math.Round(100.0 * count / respondents, 1);
        var figures = new List<Figure>();
        var matrix = new List<MatrixRow>();
        double? mean = null;
        switch (q.Kind)
        {
            case SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice:
                figures.AddRange(s.Columns(q.Id).Select(o =>
                {
                    var count = rows.Where(r => r.OptionId == o.Id && r.RowOptionId is null).Sum(r => r.N);
                    return new Figure(o.Text, count, Percent(count));
                }));
                break;
            case SurveyQuestionKind.Scale:
                for (var v = q.ScaleMin; v <= q.ScaleMax; v++)
                {
                    var count = rows.Where(r => r.OptionId is null && r.Value == v).Sum(r => r.N);
                    var label = v.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + (v == q.ScaleMin && q.LowLabel is { } low ? $" ({low})" : v == q.ScaleMax && q.HighLabel is { } high ? $" ({high})" : "");
                    figures.Add(new Figure(label, count, Percent(count)));
                }
                var valued = rows.Where(r => r.OptionId is null && r.Value is not null).ToList();
                var weight = valued.Sum(r => r.N);
                mean = weight == 0 ? null : Math.Round(valued.Sum(r => (double)r.Value!.Value * r.N) / weight, 2);
                break;
            case SurveyQuestionKind.Ranking:
                figures.AddRange(s.Columns(q.Id).Select(o =>
                {
                    var ranked = rows.Where(r => r.OptionId == o.Id && r.Value is not null).ToList();
                    var first = ranked.Where(r => r.Value == 1).Sum(r => r.N);
                    var all = ranked.Sum(r => r.N);
                    var average = all == 0 ? (double?)null : Math.Round(ranked.Sum(r => (double)r.Value!.Value * r.N) / all, 2);
                    return new Figure(o.Text, first, Percent(first), average);
                }).OrderBy(f => f.Mean ?? double.MaxValue));
                break;
            case SurveyQuestionKind.Matrix:
                foreach (var row in s.Rows(q.Id))
                    matrix.Add(new MatrixRow(row.Text, [.. s.Columns(q.Id).Select(col =>
                    {
                        var count = rows.Where(r => r.RowOptionId == row.Id && r.OptionId == col.Id).Sum(r => r.N);
                        return new Figure(col.Text, count, Percent(count));
                    })]));
                break;
        }
        return new(q, respondents, false, figures, matrix, summary, texts, mean);
    }

    private async Task<IReadOnlyList<TextView>> TextsAsync(int questionId, ResultFilter filter, List<int>? territories, bool staff)
    {
        var texts = db.SurveyTextAnswers.Where(t => t.QuestionId == questionId);
        if (!staff) texts = texts.Where(t => t.HiddenAt == null);
        if (!filter.IsEmpty)
        {
            var responses = db.SurveyResponses.AsQueryable();
            if (filter.Channel is { } c) responses = responses.Where(r => r.Channel == c);
            if (territories is not null) responses = responses.Where(r => r.TerritoryId != null && territories.Contains(r.TerritoryId.Value));
            if (filter.Age is { } a) responses = responses.Where(r => r.AgeBracket == a);
            texts = texts.Where(t => responses.Any(r => r.Id == t.ResponseId));
        }
        return await texts.OrderByDescending(t => t.Id).Take(TextsShown)
            .Select(t => new TextView(t.Id, t.Text, t.HiddenAt != null)).ToListAsync();
    }

    private sealed record Count(int QuestionId, int? OptionId, int? RowOptionId, int? Value, int N);

    private sealed record Numbers(int QuestionId, int Count, double Min, double Max, double Mean);

    /// <summary>Without a territory or age filter: the counters the database keeps (<see cref="SurveyTally"/>), a few rows.</summary>
    private async Task<(List<Count>, List<Numbers>)> TalliedAsync(int id, Channel? channel, HashSet<int> numeric)
    {
        var tallies = db.SurveyTallies.Where(t => t.SurveyId == id && t.Count != 0);
        if (channel is { } c) tallies = tallies.Where(t => t.Channel == c);
        var rows = await tallies.GroupBy(t => new { t.QuestionId, t.OptionId, t.RowOptionId, t.Value })
            .Select(g => new { g.Key.QuestionId, g.Key.OptionId, g.Key.RowOptionId, g.Key.Value, N = g.Sum(t => t.Count) })
            .ToListAsync();
        var counts = rows.Select(r => new Count(r.QuestionId, SurveyTally.Part(r.OptionId), SurveyTally.Part(r.RowOptionId),
            SurveyTally.Part(r.Value), (int)r.N)).ToList();
        var numbers = counts.Where(r => numeric.Contains(r.QuestionId) && r.Value is not null && r.N > 0)
            .GroupBy(r => r.QuestionId)
            .Select(g => new Numbers(g.Key, g.Sum(r => r.N), g.Min(r => r.Value!.Value), g.Max(r => r.Value!.Value),
                g.Sum(r => (double)r.Value!.Value * r.N) / g.Sum(r => r.N)))
            .ToList();
        return ([.. counts.Where(r => !numeric.Contains(r.QuestionId))], numbers);
    }

    /// <summary>With a territory or age filter: one GROUP BY over the answers' covering index, narrowed by the filter.</summary>
    private async Task<(List<Count>, List<Numbers>)> CountedAsync(int id, ResultFilter filter, List<int>? territories,
        HashSet<int> numeric)
    {
        var choices = db.SurveyAnswerChoices.Where(c => c.SurveyId == id);
        if (filter.Channel is { } channel) choices = choices.Where(c => c.Channel == channel);
        if (territories is not null) choices = choices.Where(c => c.TerritoryId != null && territories.Contains(c.TerritoryId.Value));
        if (filter.Age is { } a) choices = choices.Where(c => c.AgeBracket == a);
        var counts = await choices.Where(c => !numeric.Contains(c.QuestionId))
            .GroupBy(c => new { c.QuestionId, c.OptionId, c.RowOptionId, c.Value })
            .Select(g => new Count(g.Key.QuestionId, g.Key.OptionId, g.Key.RowOptionId, g.Key.Value, g.Count())).ToListAsync();
        var numbers = numeric.Count == 0 ? [] : await choices.Where(c => numeric.Contains(c.QuestionId) && c.Value != null)
            .GroupBy(c => c.QuestionId)
            .Select(g => new Numbers(g.Key, g.Count(), g.Min(c => c.Value!.Value), g.Max(c => c.Value!.Value),
                g.Average(c => (double)c.Value!.Value)))
            .ToListAsync();
        return (counts, numbers);
    }
}
