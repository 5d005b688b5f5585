namespace Parvis.Features.Shared;

public static class Excerpt
{
    /// <summary>The beginning of a text, cut at a word where one is near, with "…" when something was left out.</summary>
    public static string Of(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        if (cut < length * 3 / 4) cut = length;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>What a shared link or a search engine shows of a page: the first words of its text, on one line.</summary>
    public static string Summary(string? text, int length = 200) =>
        Of(string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), length);

    /// <summary>The same for a Markdown text, read as plain text.</summary>
    public static string SummaryOfMarkdown(string? markdown, int length = 200) =>
        Of(Infrastructure.Web.MarkdownRenderer.PlainText(markdown), length);

    /// <summary>A participant's words quoted in a Markdown section of the closing report: on one line, in « ».</summary>
    public static string Quote(string text) => "« " + text.ReplaceLineEndings(" ") + " »";
}
