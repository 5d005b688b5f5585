using System.Collections.Concurrent;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Synthesis;

/// <summary>A text to group: a contribution's id and what it says.</summary>
public sealed record GroupedText(int Id, string Text);

/// <summary>
/// The words of each text as search compares them (<see cref="SearchText"/>: accents, case and plurals ignored, French
/// stop words dropped, Snowball stems), with the word people wrote most often for each stem, to show key words as
/// written rather than as stems. Tokenizing is the long part of grouping, so it runs on every core.
/// </summary>
public sealed class TextFeatures
{
    /// <summary>Per text, its stems in order (stop words, single letters and numbers left out).</summary>
    public required string[][] Terms { get; init; }

    /// <summary>Per text, its words with stop words as gaps: texts with the same key say the same thing.</summary>
    public required string[] Keys { get; init; }

    /// <summary>The most written form of each stem, in lower case.</summary>
    public required Dictionary<string, string> Surface { get; init; }

    public static TextFeatures Of(IReadOnlyList<GroupedText> texts, Action<int>? done = null, CancellationToken token = default)
    {
        var terms = new string[texts.Count][];
        var keys = new string[texts.Count];
        var forms = new ConcurrentBag<Dictionary<(string Term, string Word), int>>();
        var finished = 0;
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = token },
            () => new Dictionary<(string, string), int>(), (i, _, local) =>
            {
                var text = texts[i].Text;
                var tokens = SearchText.Tokens(text);
                var words = new List<string>(tokens.Count);
                var key = new System.Text.StringBuilder(text.Length);
                foreach (var token in tokens)
                {
                    if (key.Length > 0) key.Append(' ');
                    key.Append(token.Term ?? SearchText.Gap);
                    if (token.Term is not { Length: > 1 } term || term.All(char.IsDigit)) continue;
                    words.Add(term);
                    var word = text.Substring(token.Start, token.Length).ToLowerInvariant();
                    local[(term, word)] = local.GetValueOrDefault((term, word)) + 1;
                }
                terms[i] = [.. words];
                keys[i] = key.ToString();
                var count = Interlocked.Increment(ref finished);
                if (count % 1000 == 0) done?.Invoke(count);
                return local;
            }, forms.Add);
        var counts = new Dictionary<(string Term, string Word), int>();
        foreach (var local in forms)
            foreach (var (form, n) in local) counts[form] = counts.GetValueOrDefault(form) + n;
        var surface = counts.GroupBy(c => c.Key.Term, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Word, StringComparer.Ordinal).First().Key.Word,
            StringComparer.Ordinal);
        return new TextFeatures { Terms = terms, Keys = keys, Surface = surface };
    }
}
