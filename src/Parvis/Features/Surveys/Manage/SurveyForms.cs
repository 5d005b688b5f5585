using Parvis.Domain;

namespace Parvis.Features.Surveys.Manage;

/// <summary>A survey's settings as staff type them; the survey checks them (<see cref="Survey.ValidateSettings"/>).</summary>
public sealed class SurveyForm
{
    public string? Title { get; set; }
    public string? Intro { get; set; }
    public int? TerritoryId { get; set; }
    public int? ProjectId { get; set; }
    public string? ServiceName { get; set; }
    public ParticipationLevel AnswerLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? MinimumAge { get; set; }
    public bool AllowChanges { get; set; }
    public bool PublicResults { get; set; }
    /// <summary>Local time of the organization.</summary>
    public DateTime? ClosesAt { get; set; }
    public bool IsQuickQuestion { get; set; }

    public static SurveyForm From(Survey s, Organization organization) => new()
    {
        Title = s.Title,
        Intro = s.IntroMarkdown,
        TerritoryId = s.TerritoryId,
        ProjectId = s.ProjectId,
        ServiceName = s.ServiceName,
        AnswerLevel = s.AnswerLevel,
        MinimumAge = s.MinimumAge,
        AllowChanges = s.AllowChanges,
        PublicResults = s.PublicResults,
        ClosesAt = s.ClosesAt is { } at ? organization.ToLocal(at) : null,
        IsQuickQuestion = s.IsQuickQuestion,
    };
}

/// <summary>A question as staff type it: options and matrix rows one per line, the condition as "question:option" values.</summary>
public sealed class QuestionForm
{
    public int? SectionId { get; set; }
    public SurveyQuestionKind Kind { get; set; }
    public string? Text { get; set; }
    public string? Help { get; set; }
    public bool Required { get; set; }
    public string? Options { get; set; }
    public string? Rows { get; set; }
    public int? MaxChoices { get; set; }
    /// <summary>"1-5" or "0-10".</summary>
    public string? Scale { get; set; }
    public string? LowLabel { get; set; }
    public string? HighLabel { get; set; }
    public List<string> Condition { get; set; } = [];

    public static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

/// <summary>Labels of question kinds and states, in French (translated by the resource file).</summary>
public static class SurveyLabels
{
    public static string Of(SurveyQuestionKind kind) => kind switch
    {
        SurveyQuestionKind.SingleChoice => "Choix unique",
        SurveyQuestionKind.MultipleChoice => "Choix multiple",
        SurveyQuestionKind.Scale => "Échelle",
        SurveyQuestionKind.Ranking => "Classement",
        SurveyQuestionKind.ShortText => "Texte court",
        SurveyQuestionKind.LongText => "Texte long",
        SurveyQuestionKind.Number => "Nombre",
        SurveyQuestionKind.Date => "Date",
        _ => "Matrice de choix",
    };

    public static string StateOf(Survey s, DateTime now) =>
        s.PublishedAt is null ? "Brouillon" : s.IsOpenAt(now) ? "Ouverte" : "Close";

    public static string ChannelOf(Channel channel) => channel == Channel.PaperRegister ? "papier" : "en ligne";
}
