using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Parvis.Infrastructure.Data;

/// <summary>A word of a text: where it is, and its search form (null for a stop word, which keeps its place).</summary>
public readonly record struct SearchToken(int Start, int Length, string? Term);

/// <summary>
/// French words as search compares them, the way PostgreSQL's <c>parvis_fr</c> configuration does (unaccent, then
/// the Snowball French stemmer and its stop words): lower case, accents and ligatures gone, stop words dropped,
/// stemmed ("aménagements", "aménager" → "amenag"). Snowball keeps "vélos" apart from "vélo" (it drops an s only
/// after some letters), so a final s or x is removed first: <see cref="Term"/> is what SQLite's index stores and
/// what both databases are asked for, <see cref="Variants"/> the words PostgreSQL stems itself.
/// </summary>
public static class SearchText
{
    /// <summary>The token SQLite's index holds in place of a stop word, so that phrases keep their distances.</summary>
    public const string Gap = "zz";

    // PostgreSQL's tsearch_data/french.stop, matched after unaccent as PostgreSQL does (accented entries never match).
    private static readonly HashSet<string> StopWords =
    [
        .. ("au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos "
            + "notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d "
            + "j l à m n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras "
            + "sera serons serez seront serais serait serions seriez seraient étais était étions étiez étaient fus fut "
            + "fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante "
            + "ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait "
            + "aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez "
            + "aient eusse eusses eût eussions eussiez eussent").Split(' '),
        // Not in PostgreSQL's list, yet never worth requiring: PostgreSQL indexes them, but they are not asked for.
        "les", "a", "cet", "cette",
    ];

    [ThreadStatic] private static FrenchStemmer? _stemmer;

    /// <summary>The words of a text in order, stop words included (without a term).</summary>
    public static List<SearchToken> Tokens(string? text)
    {
        var tokens = new List<SearchToken>();
        if (string.IsNullOrEmpty(text)) return tokens;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = Plain(text.AsSpan(start, i - start));
                tokens.Add(new SearchToken(start, i - start, StopWords.Contains(word) ? null : Term(word)));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>What SQLite's full-text index stores for a text: its terms, a gap for each stop word.</summary>
    public static string IndexTerms(string? text)
    {
        var terms = new StringBuilder();
        foreach (var token in Tokens(text))
        {
            if (terms.Length > 0) terms.Append(' ');
            terms.Append(token.Term ?? Gap);
        }
        return terms.ToString();
    }

    /// <summary>Lower case, without accents or ligatures.</summary>
    public static string Plain(ReadOnlySpan<char> word)
    {
        var plain = new StringBuilder(word.Length);
        foreach (var c in word.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            switch (char.ToLowerInvariant(c))
            {
                case 'œ': plain.Append("oe"); break;
                case 'æ': plain.Append("ae"); break;
                case 'ß': plain.Append("ss"); break;
                case var lower: plain.Append(lower); break;
            }
        }
        return plain.ToString();
    }

    public static bool IsStopWord(string plainWord) => StopWords.Contains(plainWord);

    /// <summary>The search form of a plain word: singular, then stemmed; numbers as they are.</summary>
    public static string Term(string plainWord)
    {
        if (plainWord.Any(char.IsDigit)) return plainWord;
        var stemmer = _stemmer ??= new FrenchStemmer();
        stemmer.SetCurrent(Singular(plainWord));
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The plain words whose stems PostgreSQL's index may hold for this word (it never removes the plural).</summary>
    public static IEnumerable<string> Variants(string plainWord)
    {
        if (plainWord.Any(char.IsDigit)) return [plainWord];
        var singular = Singular(plainWord);
        return new[] { plainWord, singular, singular + "s", singular + "x" }.Distinct();
    }

    private static string Singular(string word) =>
        word.Length > 3 && (word.EndsWith('s') || (word.EndsWith('x') && !word.EndsWith("aux", StringComparison.Ordinal)))
            ? word[..^1] : word;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
}
