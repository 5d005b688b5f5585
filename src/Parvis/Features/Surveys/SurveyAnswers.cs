using System.Globalization;
using Microsoft.Extensions.Primitives;
using Parvis.Domain;

namespace Parvis.Features.Surveys;

/// <summary>A survey as it is asked: its sections in order, their questions in order, each question's options.</summary>
public sealed record SurveyStructure(Survey Survey, IReadOnlyList<SurveySection> Sections, IReadOnlyList<SurveyQuestion> Questions,
    ILookup<int, SurveyOption> Options)
{
    public IEnumerable<SurveyQuestion> QuestionsOf(int sectionId) => Questions.Where(q => q.SectionId == sectionId);
    public IEnumerable<SurveyOption> Columns(int questionId) => Options[questionId].Where(o => !o.IsRow);
    public IEnumerable<SurveyOption> Rows(int questionId) => Options[questionId].Where(o => o.IsRow);
}

/// <summary>
/// One question's answer: the options chosen, the matrix row → column or ranking option → rank pairs, a scale, number
/// or date value (a date as its day number), or a text.
/// </summary>
public sealed record QuestionAnswer(int QuestionId, IReadOnlyList<int> Options, IReadOnlyDictionary<int, int> Pairs, int? Value, string? Text)
{
    public static QuestionAnswer Empty(int questionId) => new(questionId, [], new Dictionary<int, int>(), null, null);
    public bool IsEmpty => Options.Count == 0 && Pairs.Count == 0 && Value is null && Text is null;
}

/// <summary>
/// The answers read from a form (the field names are the question's: <c>q12</c>, a matrix row <c>q12r40</c>, a ranked option
/// <c>q12o41</c>), checked question by question in order, the conditions decided by the earlier answers: a question
/// that does not apply is dropped whatever was posted for it.
/// </summary>
public sealed class SurveyAnswers
{
    private readonly Dictionary<int, QuestionAnswer> _answers = [];
    private readonly Dictionary<int, IReadOnlyCollection<int>> _chosen = [];

    /// <summary>The broken rules by field, kept whole so the page translates them with their values.</summary>
    public Dictionary<string, DomainException> Errors { get; } = [];
    public IReadOnlyDictionary<int, QuestionAnswer> ByQuestion => _answers;
    public IReadOnlyDictionary<int, IReadOnlyCollection<int>> Chosen => _chosen;

    public static string Field(int questionId) => $"q{questionId}";
    public static string RowField(int questionId, int rowId) => $"q{questionId}r{rowId}";
    public static string RankField(int questionId, int optionId) => $"q{questionId}o{optionId}";

    /// <summary>Reads and checks the questions of the given sections; later questions stay unanswered.</summary>
    public static SurveyAnswers Read(SurveyStructure survey, IFormCollection form, IReadOnlyCollection<int> sectionIds)
    {
        var result = new SurveyAnswers();
        foreach (var q in survey.Questions.Where(q => sectionIds.Contains(q.SectionId)))
        {
            if (!q.IsShown(result._chosen)) continue;
            var answer = result.ReadOne(survey, q, form);
            if (answer is null) continue;
            if (answer.IsEmpty)
            {
                if (q.Required) result.Errors[Field(q.Id)] = new DomainException("Cette question demande une réponse.");
                continue;
            }
            result._answers[q.Id] = answer;
            if (q.CanBeCondition) result._chosen[q.Id] = [.. answer.Options];
        }
        return result;
    }

    public bool IsShown(SurveyQuestion question) => question.IsShown(_chosen);

    /// <summary>The fields that carry these answers to the next step (hidden inputs), by name.</summary>
    public IEnumerable<KeyValuePair<string, string>> AsFields()
    {
        foreach (var a in _answers.Values)
        {
            foreach (var o in a.Options) yield return new(Field(a.QuestionId), Inv(o));
            foreach (var (key, value) in a.Pairs) yield return new(RankOrRow(a, key), Inv(value));
            if (a.Value is { } v) yield return new(Field(a.QuestionId), Inv(v));
            if (a.Text is { } t) yield return new(Field(a.QuestionId), t);
        }
    }

    // Pairs of a matrix are row → column, of a ranking option → rank: the field names differ.
    private string RankOrRow(QuestionAnswer a, int key) => IsMatrix(a.QuestionId)
        ? RowField(a.QuestionId, key) : RankField(a.QuestionId, key);

    private readonly Dictionary<int, bool> _pairKinds = [];

    public bool IsMatrix(int questionId) => _pairKinds.TryGetValue(questionId, out var rows) && rows;

    private QuestionAnswer? ReadOne(SurveyStructure survey, SurveyQuestion q, IFormCollection form)
    {
        var raw = form[Field(q.Id)];
        QuestionAnswer? Broken(DomainException error)
        {
            Errors[Field(q.Id)] = error;
            return null;
        }
        QuestionAnswer? Fail(string message) => Broken(new DomainException(message));
        switch (q.Kind)
        {
            case SurveyQuestionKind.SingleChoice:
            case SurveyQuestionKind.MultipleChoice:
                {
                    var valid = survey.Columns(q.Id).Select(o => o.Id).ToHashSet();
                    var picked = new List<int>();
                    foreach (var s in raw.Where(s => !string.IsNullOrWhiteSpace(s)))
                    {
                        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !valid.Contains(id))
                            return Fail("Ce choix ne fait pas partie de la liste.");
                        if (!picked.Contains(id)) picked.Add(id);
                    }
                    if (q.Kind == SurveyQuestionKind.SingleChoice && picked.Count > 1) return Fail("Choisissez une seule réponse.");
                    if (q.MaxChoices is { } max && picked.Count > max)
                    {
                        return Broken(DomainException.WithValues("Choisissez au plus {0} réponses.", max));
                    }
                    return new(q.Id, picked, new Dictionary<int, int>(), null, null);
                }
            case SurveyQuestionKind.Scale:
                {
                    var s = raw.ToString().Trim();
                    if (s.Length == 0) return QuestionAnswer.Empty(q.Id);
                    if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < q.ScaleMin || v > q.ScaleMax)
                        return Fail("Choisissez une valeur de l'échelle.");
                    return new(q.Id, [], new Dictionary<int, int>(), v, null);
                }
            case SurveyQuestionKind.Number:
                {
                    var s = raw.ToString().Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
                    if (s.Length == 0) return QuestionAnswer.Empty(q.Id);
                    if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v is < -1_000_000_000 or > 1_000_000_000)
                        return Fail("Indiquez un nombre entier (par exemple 3).");
                    return new(q.Id, [], new Dictionary<int, int>(), v, null);
                }
            case SurveyQuestionKind.Date:
                {
                    var s = raw.ToString().Trim();
                    if (s.Length == 0) return QuestionAnswer.Empty(q.Id);
                    if (!DateOnly.TryParseExact(s, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        return Fail("Indiquez une date (jj/mm/aaaa).");
                    return new(q.Id, [], new Dictionary<int, int>(), d.DayNumber, null);
                }
            case SurveyQuestionKind.ShortText:
            case SurveyQuestionKind.LongText:
                {
                    var s = raw.ToString().Trim();
                    if (s.Length == 0) return QuestionAnswer.Empty(q.Id);
                    var max = q.Kind == SurveyQuestionKind.ShortText ? SurveyTextAnswer.MaxShort : SurveyTextAnswer.MaxLong;
                    if (s.Length > max)
                    {
                        return Broken(DomainException.WithValues("La réponse dépasse {0} caractères.", max));
                    }
                    return new(q.Id, [], new Dictionary<int, int>(), null, s);
                }
            case SurveyQuestionKind.Matrix:
                _pairKinds[q.Id] = true;
                return ReadPairs(q, form, survey.Rows(q.Id), survey.Columns(q.Id).Select(o => o.Id).ToHashSet(), RowField);
            default:
                _pairKinds[q.Id] = false;
                var options = survey.Columns(q.Id).ToList();
                var ranks = Enumerable.Range(1, options.Count).ToHashSet();
                var answer = ReadPairs(q, form, options, ranks, RankField);
                if (answer is null || answer.IsEmpty) return answer;
                if (answer.Pairs.Count != options.Count || answer.Pairs.Values.Distinct().Count() != options.Count)
                    return Fail("Classez chaque proposition, avec un rang différent pour chacune.");
                return answer;
        }
    }

    private QuestionAnswer? ReadPairs(SurveyQuestion q, IFormCollection form, IEnumerable<SurveyOption> keys, HashSet<int> allowed,
        Func<int, int, string> field)
    {
        var pairs = new Dictionary<int, int>();
        foreach (var key in keys)
        {
            StringValues raw = form[field(q.Id, key.Id)];
            var s = raw.ToString().Trim();
            if (s.Length == 0) continue;
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || !allowed.Contains(v))
            {
                Errors[Field(q.Id)] = new DomainException("Une réponse ne fait pas partie de la liste.");
                return null;
            }
            pairs[key.Id] = v;
        }
        if (q.Kind == SurveyQuestionKind.Matrix && q.Required && pairs.Count > 0 && pairs.Count < keys.Count())
        {
            Errors[Field(q.Id)] = new DomainException("Répondez pour chaque ligne.");
            return null;
        }
        return new(q.Id, [], pairs, null, null);
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
