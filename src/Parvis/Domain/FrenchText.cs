using System.Globalization;
using System.Text;

namespace Parvis.Domain;

/// <summary>
/// Reduces French text to comparable words: lower case, no accents, no stop words, naive singular
/// ("pistes cyclables" and "piste cyclable" give the same words). Good enough to find duplicates; not a stemmer.
/// </summary>
public static class FrenchText
{
    private static readonly HashSet<string> StopWords =
    [
        "les", "des", "une", "pour", "dans", "sur", "aux", "par", "avec", "sans", "sous", "entre", "vers", "chez",
        "que", "qui", "quoi", "dont", "est", "sont", "etre", "avoir", "ont", "fait", "faire", "plus", "moins", "tres", "tout",
        "tous", "toute", "toutes", "cette", "ces", "cet", "son", "ses", "leur", "leurs", "nos", "notre", "vos", "votre",
        "mon", "mes", "ton", "tes", "pas", "mais", "ou", "donc", "car", "comme", "aussi", "bien", "peu", "afin", "nous",
        "vous", "ils", "elles", "elle", "lui", "meme", "autre", "autres", "quand", "alors", "ainsi", "encore", "deja",
        "ville", "proposition", "propose", "idee",
    ];

    /// <summary>The distinct normalised words of a text, in order of first appearance.</summary>
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text)) return tokens;
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            Add(tokens, word);
        }
        Add(tokens, word);
        return tokens;
    }

    private static void Add(List<string> tokens, StringBuilder word)
    {
        if (word.Length == 0) return;
        var raw = word.ToString();
        word.Clear();
        var token = Singular(raw.Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal));
        if (token.Length <= 2 || StopWords.Contains(raw) || StopWords.Contains(token) || tokens.Contains(token)) return;
        tokens.Add(token);
    }

    // Naive plural and feminine: chevaux → cheval, pistes → piste, cyclables → cyclable, jeux → jeu; "-ée" → "-e".
    private static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("aux", StringComparison.Ordinal)) return word[..^3] + "al";
        if (word.Length > 3 && (word.EndsWith('s') || word.EndsWith('x'))) word = word[..^1];
        if (word.Length > 3 && word.EndsWith("ee", StringComparison.Ordinal)) word = word[..^1];
        return word;
    }

    /// <summary>Words stored for search: space-separated, with a space at each end so " word " matches whole words.</summary>
    public static string SearchTerms(string? title, string? body, int maxLength)
    {
        var joined = new StringBuilder(" ");
        foreach (var token in Tokens(title).Concat(Tokens(body)).Distinct())
        {
            if (joined.Length + token.Length + 1 > maxLength) break;
            joined.Append(token).Append(' ');
        }
        return joined.ToString();
    }

    /// <summary>
    /// How alike two texts are, from 0 to 1: a weighted Jaccard on the word sets, title words counting double.
    /// </summary>
    public static double Similarity(IReadOnlyCollection<string> titleA, IReadOnlyCollection<string> bodyA, IReadOnlyCollection<string> titleB, IReadOnlyCollection<string> bodyB)
    {
        var a = Weights(titleA, bodyA);
        var b = Weights(titleB, bodyB);
        if (a.Count == 0 || b.Count == 0) return 0;
        double shared = 0, all = 0;
        foreach (var key in a.Keys.Union(b.Keys))
        {
            var wa = a.GetValueOrDefault(key);
            var wb = b.GetValueOrDefault(key);
            shared += Math.Min(wa, wb);
            all += Math.Max(wa, wb);
        }
        return shared / all;
    }

    private static Dictionary<string, double> Weights(IReadOnlyCollection<string> title, IReadOnlyCollection<string> body)
    {
        var weights = new Dictionary<string, double>();
        foreach (var t in body) weights[t] = 1;
        foreach (var t in title) weights[t] = 2;
        return weights;
    }
}
