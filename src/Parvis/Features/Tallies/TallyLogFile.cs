using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parvis.Domain;
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

    /// <summary>Null when the text is not a log of this shape; the message then says why.</summary>
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

    public CsvFile ToCsv()
    {
        var csv = new CsvFile("sequence", "type", "id", "heure", "motif", "empreinte_precedente", "empreinte");
        foreach (var l in Entries) csv.Row(l.Sequence, l.Kind, l.Id, l.At, l.Reason, l.Previous, l.Hash);
        return csv;
    }

    /// <summary>
    /// What the command prints: the chain recomputed from the file alone (the first entry that does not hold),
    /// the count the entries give, and whether the page's count and the last seal agree.
    /// </summary>
    public (bool Holds, List<string> Lines) Verify()
    {
        var lines = new List<string>();
        var previous = "";
        long expected = 0, count = 0;
        TallyBreak? broken = null;
        foreach (var l in Entries)
        {
            if (TallyChain.KindOf(l.Kind) is not { } kind)
            {
                broken ??= new TallyBreak(l.Sequence ?? 0, "type d'entrée inconnu : " + l.Kind);
                continue;
            }
            count += kind switch { TallyKind.Added => 1, TallyKind.Removed => -1, _ => 0 };
            if (l.Sequence is not { } sequence || broken is not null) continue;
            if (sequence != ++expected)
            {
                broken = new TallyBreak(expected, "cette entrée manque (numéros non consécutifs)");
                continue;
            }
            var hash = TallyChain.HashOf(previous, sequence, kind, l.Id, l.At.Kind == DateTimeKind.Local ? l.At.ToUniversalTime() : l.At, l.Reason);
            if (hash != l.Hash) broken = new TallyBreak(sequence, "son contenu ne correspond plus à son empreinte");
            previous = hash;
        }
        var sealedCount = Entries.Count(l => l.Sequence is not null);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"entrées : {Entries.Count} dont {sealedCount} scellées"));
        lines.Add(broken is null ? "chaîne : intacte" : string.Create(CultureInfo.InvariantCulture, $"chaîne : ROMPUE à l'entrée n° {broken.Sequence} : {broken.Problem}"));
        var headMatches = broken is not null || (Head ?? "") == previous;
        if (!headMatches) lines.Add("sceau : la dernière empreinte scellée n'est pas celle du fichier");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"compte recalculé : {count} (la page affichait {ShownCount})"));
        return (broken is null && headMatches && count == ShownCount, lines);
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

    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "verify-log") return false;
        Environment.ExitCode = await RunAsync(args[1..], Console.Out, Console.Error);
        return true;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 1)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            var document = TallyLogDocument.Parse(await File.ReadAllTextAsync(args[0]));
            var (holds, lines) = document.Verify();
            foreach (var line in lines) await output.WriteLineAsync(line);
            return holds ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DomainException)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
