namespace Parvis.Infrastructure.Web;

/// <summary>The first words of a plain text on one line, cut at a word: what a shared link or a search engine shows.</summary>
public static class TextExcerpt
{
    public const int DefaultLength = 200;

    public static string Of(string? text, int maxLength = DefaultLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= maxLength) return line;
        var cut = line.LastIndexOf(' ', maxLength - 1);
        return line[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(',', ';', ':', '.') + "…";
    }
}
