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
}
