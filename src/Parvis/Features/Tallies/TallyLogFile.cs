using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Tallies;

/// <summary>One line of the downloaded log: what the chain hashes, plus the previous hash to read it line by line.</summary>
public sealed record TallyLogLine(long? Sequence, string Kind, string Id, DateTime At, string? Reason, string? Previous, string? Hash);

/// <summary>The downloaded log (JSON): the item, the count its page showed, the last seal's head, and every entry.</summary>
public sealed record TallyLogDocument(string Item, int ItemId, string Title, long ShownCount, string? Head, List<TallyLogLine> Entries)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static TallyLogDocument Of(TallyReport report, IReadOnlyList<TallyEntry> entries)
    {
        var lines = new List<TallyLogLine>(entries.Count);
        var previous = "";
        foreach (var e in entries)
        {
            lines.Add(new TallyLogLine(e.Sequence, TallyChain.KindName(e.Kind), e.EntryId, e.At, e.Reason, e.Sequence is null ? null : previous, e.Hash));
            if (e.Hash is not null) previous = e.Hash;
        }
        return new TallyLogDocument(report.Item, report.ItemId, report.Subject.Title, report.Subject.ShownCount, report.Head, lines);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The log a text holds; a <see cref="DomainException"/> that says why when it holds none.</summary>
    public static TallyLogDocument Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<TallyLogDocument>(text, Json) is { Entries: not null } document
                ? document : throw new DomainException("Ce fichier n'est pas un journal de comptage Parvis (JSON).");
        }
        catch (JsonException e)
        {
            throw DomainException.WithValues("Ce fichier n'est pas un journal de comptage Parvis (JSON) : {0}", e.Message);
        }
    }

    public CsvDownload ToCsv(string fileName) =>
        CsvFile.Download(fileName, ["sequence", "type", "id", "heure", "motif", "empreinte_precedente", "empreinte"], async csv =>
        {
            foreach (var l in Entries) await csv.RowAsync(l.Sequence, l.Kind, l.Id, l.At, l.Reason, l.Previous, l.Hash);
        });

    /// <summary>
    /// What the command prints: the chain recomputed from the file alone by the code that checks the stored log
    /// (<see cref="TallyChain.Check"/>, the file's head standing for the last seal), the count the entries give,
    /// and whether it is the page's.
    /// </summary>
    public (bool Holds, List<string> Lines) Verify()
    {
        TallyBreak? broken = null;
        var entries = new List<TallyEntry>(Entries.Count);
        foreach (var l in Entries)
        {
            if (TallyChain.KindOf(l.Kind) is { } kind)
                entries.Add(new TallyEntry
                {
                    Item = Item,
                    ItemId = ItemId,
                    Kind = kind,
                    EntryId = l.Id,
                    At = l.At.Kind == DateTimeKind.Local ? l.At.ToUniversalTime() : l.At,
                    Reason = l.Reason,
                    Sequence = l.Sequence,
                    Hash = l.Hash,
                });
            else broken ??= new TallyBreak(l.Sequence ?? 0, "type d'entrée inconnu : " + l.Kind);
        }
        var sealedEntries = entries.Where(e => e.Sequence is not null).ToList();
        // A head without sealed entries names entry 1 as missing; sealed entries without a head do not hold either.
        List<TallySeal> seals = sealedEntries.Count == 0 && Head is null ? []
            : [new TallySeal { Item = Item, ItemId = ItemId, LastSequence = Math.Max(sealedEntries.Count, 1), Head = Head ?? "" }];
        broken ??= TallyChain.Check(sealedEntries, seals);
        var count = entries.Sum(e => (long)e.Delta);
        List<string> lines =
        [
            string.Create(CultureInfo.InvariantCulture, $"entrées : {Entries.Count} dont {sealedEntries.Count} scellées"),
            broken is null ? "chaîne : intacte"
                : string.Create(CultureInfo.InvariantCulture, $"chaîne : ROMPUE à l'entrée n° {broken.Sequence} : {broken.Problem}"),
            string.Create(CultureInfo.InvariantCulture, $"compte recalculé : {count} (la page affichait {ShownCount})"),
        ];
        return (broken is null && count == ShownCount, lines);
    }
}

/// <summary>
/// <c>dotnet run --project src/Parvis -- verify-log journal.json</c>: recomputes a downloaded log's chain and count,
/// without a database. Exit codes: 0 the log holds and gives the page's count, 1 it does not (the output says where),
/// 2 bad arguments or an unreadable file.
/// </summary>
public static class VerifyLogCommand
{
    public const string Usage = "usage : verify-log journal.json (téléchargé depuis la page « Vérifier » d'une pétition ou d'une proposition)";

    public static Task<bool> TryRunAsync(string[] args) => CommandLine.TryRunAsync(args, "verify-log", RunAsync);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (CommandLine.Parse(args, [], positional: 1) is not { } options) return await CommandLine.FailAsync(error, 2, Usage);
        try
        {
            TallyLogDocument document;
            await using (var file = CommandLine.OpenRead(options.Positional[0]))
            using (var reader = new StreamReader(file))
                document = TallyLogDocument.Parse(await reader.ReadToEndAsync());
            var (holds, lines) = document.Verify();
            foreach (var line in lines) await output.WriteLineAsync(line);
            return holds ? 0 : 1;
        }
        catch (DomainException e)
        {
            return await CommandLine.FailAsync(error, 2, e.Message);
        }
    }
}
