namespace Parvis.Features.PaperKits;

/// <summary>What a printed kit says, for a consultation, a survey, or anything else people answer on paper.</summary>
/// <param name="Dates">"Vous pouvez répondre jusqu'au …": when the answers are taken.</param>
/// <param name="Use">How the answers will be used, in a few sentences.</param>
/// <param name="NameLine">The invitation to sign the sheet, when answers are published with a name; null: no name asked.</param>
public sealed record PaperKit(string OrganizationName, string Title, string Summary, string Dates, string Use,
    IReadOnlyList<PaperPart> Parts, string Url, string? NameLine = null);

/// <summary>A part of the sheet: a title (none for a consultation's questions) and its questions, numbered across parts.</summary>
public sealed record PaperPart(string? Title, IReadOnlyList<PaperQuestion> Questions);

/// <summary>How a question is answered in ink.</summary>
public enum PaperAnswerKind
{
    /// <summary>Ruled lines to write on (<see cref="PaperQuestion.Lines"/> of them).</summary>
    Lines,
    /// <summary>A box to tick before each option.</summary>
    Boxes,
    /// <summary>A row of numbered boxes (the options are the numbers), the ends' labels under it.</summary>
    Scale,
    /// <summary>A grid: a box per row and column.</summary>
    Grid,
    /// <summary>A blank before each option, for its rank.</summary>
    Ranking,
}

/// <summary>One printed question: its text, how to answer it, and when it applies.</summary>
public sealed record PaperQuestion(string Text, PaperAnswerKind Kind)
{
    public string? Help { get; init; }
    /// <summary>"Cochez une seule case." and the like, printed under the question.</summary>
    public string? Instruction { get; init; }
    /// <summary>"Si vous avez répondu « Oui » à la question 1": printed before the question.</summary>
    public string? Condition { get; init; }
    /// <summary>The options (boxes and ranking), the numbers (scale) or the columns (grid).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
    /// <summary>The grid's rows.</summary>
    public IReadOnlyList<string> Rows { get; init; } = [];
    /// <summary>The scale's end labels.</summary>
    public string? LowLabel { get; init; }
    public string? HighLabel { get; init; }
    public int Lines { get; init; } = 7;

    public static PaperQuestion Written(string text, int lines = 7) => new(text, PaperAnswerKind.Lines) { Lines = lines };
}
