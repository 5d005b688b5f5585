using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Search;

/// <summary>
/// What a person typed, read the way search compares words: every word is required, a quoted passage is a phrase,
/// stop words ("le", "de"…) are skipped but keep their place in a phrase. <see cref="Terms"/> are the words' search
/// forms, which the highlighting marks.
/// </summary>
public sealed class SearchTerms
{
    public const int MaxLength = 200;
    public const int MaxPhrases = 8;

    public IReadOnlyList<SearchPhrase> Phrases { get; }
    public IReadOnlySet<string> Terms { get; }

    private SearchTerms(List<SearchPhrase> phrases)
    {
        Phrases = phrases;
        Terms = phrases.SelectMany(p => p.Words).OfType<string>().Select(SearchText.Term).ToHashSet();
    }

    public bool IsEmpty => Phrases.Count == 0;

    public static SearchTerms Parse(string? text)
    {
        var phrases = new List<SearchPhrase>();
        if (string.IsNullOrWhiteSpace(text)) return new SearchTerms(phrases);
        if (text.Length > MaxLength) text = text[..MaxLength];
        // Even pieces are outside quotes, odd ones inside; an unclosed quote runs to the end.
        var pieces = text.Split('"');
        for (var i = 0; i < pieces.Length; i++)
        {
            var words = SearchText.Tokens(pieces[i])
                .Select(t => SearchText.Plain(pieces[i].AsSpan(t.Start, t.Length)))
                .Select(w => SearchText.IsStopWord(w) ? null : w).ToList();
            if (i % 2 == 1)
            {
                if (words.Any(w => w is not null)) phrases.Add(new SearchPhrase(words));
            }
            else
            {
                phrases.AddRange(words.OfType<string>().Distinct().Select(w => new SearchPhrase([w])));
            }
        }
        return new SearchTerms(phrases.Take(MaxPhrases).ToList());
    }

    /// <summary>The text, HTML-encoded, with the searched words in <c>&lt;mark&gt;</c>.</summary>
    public IHtmlContent Highlight(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var token in SearchText.Tokens(text))
        {
            if (token.Term is null || !Terms.Contains(token.Term)) continue;
            html.Append(Encode(text[at..token.Start])).Append("<mark>")
                .Append(Encode(text.Substring(token.Start, token.Length))).Append("</mark>");
            at = token.Start + token.Length;
        }
        html.Append(Encode(text[at..]));
        return new HtmlString(html.ToString());
    }

    /// <summary>A passage of at most <paramref name="length"/> characters around the first searched word.</summary>
    public string Excerpt(string text, int length = 240)
    {
        text = text.ReplaceLineEndings(" ");
        if (text.Length <= length) return text;
        var first = SearchText.Tokens(text).FirstOrDefault(t => t.Term is not null && Terms.Contains(t.Term));
        var start = Math.Max(0, first.Start - length / 3);
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < first.Start ? space + 1 : start;
        }
        var end = Math.Min(text.Length, start + length);
        return (start > 0 ? "… " : "") + text[start..end] + (end < text.Length ? " …" : "");
    }

    // As Razor encodes: accented letters stay letters.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
