using System.Globalization;
using System.Text;
using Parvis.Domain;
using Parvis.Features.Identity;

namespace Parvis.Features.OpinionMaps;

/// <summary>
/// Reads a conversation exported by Pol.is: <c>votes.csv</c> (timestamp, datetime, comment-id, voter-id, vote; each
/// voter's last vote on a statement counts, by timestamp) and optionally <c>comments.csv</c> (comment-id, moderated;
/// -1 = moderated out, whose votes are left out). Errors are <see cref="DomainException"/>s in French.
/// </summary>
public static class PolisExport
{
    private const string VotesFile = "des votes";
    private const string CommentsFile = "des affirmations";

    public static async Task<VoteMatrix> ReadAsync(Stream votes, Stream? comments)
    {
        var excluded = comments is null ? [] : await ModeratedOutAsync(comments);
        // Ids are kept once each, the rows as numbers: 5 million votes take 160 MB here, not a string per field.
        var voters = new Dictionary<string, string>(StringComparer.Ordinal);
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<(long Time, string Voter, string Statement, int Vote)>();
        string[]? header = null;
        int time = -1, statement = -1, voter = -1, vote = -1;
        await foreach (var row in Read(votes, VotesFile))
        {
            if (header is null)
            {
                header = Normalize(row.Fields);
                RequireColumns(VotesFile, header, "comment-id", "voter-id", "vote");
                (time, statement) = (Array.IndexOf(header, "timestamp"), Array.IndexOf(header, "comment-id"));
                (voter, vote) = (Array.IndexOf(header, "voter-id"), Array.IndexOf(header, "vote"));
                continue;
            }
            var (who, what) = (Field(row, voter), Field(row, statement));
            if (who.Length == 0 || what.Length == 0)
                throw DomainException.WithValues(
                    "votes, ligne {0} : l'identifiant du participant ou de l'affirmation est vide.", row.Line);
            var value = Field(row, vote) switch
            {
                "1" => 1,
                "-1" => -1,
                "0" => 0,
                var other => throw DomainException.WithValues(
                    "votes, ligne {0} : « {1} » n'est pas un vote (1 d'accord, -1 pas d'accord, 0 passe).",
                    row.Line, Short(other)),
            };
            long when = 0;
            if (time >= 0
                && !long.TryParse(Field(row, time), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out when))
                throw DomainException.WithValues(
                    "votes, ligne {0} : l'horodatage « {1} » n'est pas un nombre.",
                    row.Line, Short(Field(row, time)));
            who = Intern(voters, who);
            if (!excluded.Contains(what)) rows.Add((when, who, Intern(statements, what), value));
        }
        if (header is null) throw new DomainException("Le fichier des votes est vide.");
        if (rows.Count == 0)
            throw new DomainException("La conversation est vide : aucun vote sur une affirmation retenue.");
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var times = rows.Select(r => r.Time).ToArray();
        Array.Sort(times, order);
        // Array.Sort is not stable: of two votes with the same timestamp, the later line wins.
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && times[end] == times[start]) end++;
            Array.Sort(order, start, end - start);
            start = end;
        }
        var builder = new VoteMatrix.Builder();
        foreach (var i in order) builder.Vote(rows[i].Voter, rows[i].Statement, rows[i].Vote);
        foreach (var who in voters.Keys) builder.Participant(who);
        var matrix = builder.Build();
        if (matrix.Participants.Count < 2)
            throw new DomainException(
                "Un seul participant a voté : il en faut au moins deux pour une carte des opinions.");
        return matrix;
    }

    private static string Intern(Dictionary<string, string> ids, string id)
    {
        if (ids.TryGetValue(id, out var kept)) return kept;
        ids.Add(id, id);
        return id;
    }

    private static async Task<HashSet<string>> ModeratedOutAsync(Stream comments)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        string[]? header = null;
        int id = -1, moderated = -1;
        await foreach (var row in Read(comments, CommentsFile))
        {
            if (header is null)
            {
                header = Normalize(row.Fields);
                RequireColumns(CommentsFile, header, "comment-id", "moderated");
                (id, moderated) = (Array.IndexOf(header, "comment-id"), Array.IndexOf(header, "moderated"));
                continue;
            }
            var state = Field(row, moderated);
            if (state is not ("-1" or "0" or "1"))
                throw DomainException.WithValues(
                    "affirmations, ligne {0} : « {1} » n'est pas un état de modération (-1, 0 ou 1).",
                    row.Line, Short(state));
            if (state == "-1") excluded.Add(Field(row, id));
        }
        if (header is null) throw new DomainException("Le fichier des affirmations est vide.");
        return excluded;
    }

    private static async IAsyncEnumerable<CsvRow> Read(Stream stream, string file)
    {
        await using var rows = CsvRows.ReadAsync(stream).GetAsyncEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (DecoderFallbackException)
            {
                throw DomainException.WithValues("Le fichier {0} n'est pas en UTF-8.", file);
            }
            if (!more) yield break;
            yield return rows.Current;
        }
    }

    private static string[] Normalize(IReadOnlyList<string> header) =>
        [.. header.Select(c => c.Trim().ToLowerInvariant())];

    private static void RequireColumns(string file, string[] header, params string[] columns)
    {
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw DomainException.WithValues(
                "Colonnes manquantes dans le fichier {0} : {1}.", file, string.Join(", ", missing));
    }

    private static string Field(CsvRow row, int index) => index < row.Fields.Count ? row.Fields[index].Trim() : "";

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
