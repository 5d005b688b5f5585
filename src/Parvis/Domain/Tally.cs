using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parvis.Domain;

/// <summary>What an entry does to the count: +1, −1, or nothing (the row behind it was erased, the vote still counts).</summary>
public enum TallyKind { Added, Removed, Erased }

/// <summary>
/// One line of an item's public tally log (a petition's signatures, a proposal's supports, later a budget's ballots):
/// pseudonymous — a receipt-derived id, a time rounded to the hour, a reason for removals, never a name or address.
/// Appended without a hash in the action's transaction; <see cref="Sequence"/> and <see cref="Hash"/> are given later,
/// in order, by the sealing job (<see cref="TallyChain"/>), so simultaneous signers never wait on one row.
/// </summary>
public class TallyEntry : ITenantOwned
{
    public const int MaxItem = 20;
    public const int MaxReason = 1_000;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    /// <summary>"petition", "proposal"… (<see cref="TallyItems"/>).</summary>
    public required string Item { get; set; }
    public int ItemId { get; set; }
    public TallyKind Kind { get; set; }
    /// <summary><see cref="Receipt.EntryId"/> of the receipt given to the person; a removal repeats the id of what it removes.</summary>
    public required string EntryId { get; set; }
    /// <summary>UTC, rounded down to the hour (<see cref="TallyChain.Round"/>).</summary>
    public DateTime At { get; set; }
    public string? Reason { get; set; }
    /// <summary>1, 2, 3… in the item's chain; null until sealed.</summary>
    public long? Sequence { get; set; }
    /// <summary>Hex SHA-256 of the previous entry's hash and this entry (<see cref="TallyChain.HashOf"/>); null until sealed.</summary>
    public string? Hash { get; set; }
    public DateTime? SealedAt { get; set; }

    public int Delta => Kind switch { TallyKind.Added => 1, TallyKind.Removed => -1, _ => 0 };

    public static TallyEntry Added(string item, int itemId, string entryId, DateTime now) =>
        new() { Item = item, ItemId = itemId, Kind = TallyKind.Added, EntryId = entryId, At = TallyChain.Round(now) };

    public static TallyEntry Removed(string item, int itemId, string entryId, string reason, DateTime now) =>
        new() { Item = item, ItemId = itemId, Kind = TallyKind.Removed, EntryId = entryId, At = TallyChain.Round(now), Reason = reason };
}

/// <summary>One run of the sealing job on one item: the chain's head after it, kept apart so that deleting the last entries shows.</summary>
public class TallySeal : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Item { get; set; }
    public int ItemId { get; set; }
    public long FirstSequence { get; set; }
    public long LastSequence { get; set; }
    public required string Head { get; set; }
    public DateTime SealedAt { get; set; }
}

/// <summary>The kinds of item that keep a tally log; ballots of participatory budgets join with their own name.</summary>
public static class TallyItems
{
    public const string Petition = "petition";
    public const string Proposal = "proposal";
}

/// <summary>
/// A receipt: 12 characters of Crockford's base 32 (60 bits), shown as "ABCD-EFGH-JKMN". The log holds only
/// <see cref="EntryId"/>, a hash of it, so the published log names no receipt and a receipt names no person.
/// </summary>
public static class Receipt
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 12;

    public static string New() => FromBytes(RandomNumberGenerator.GetBytes(8));

    /// <summary>A receipt derived from a secret the person holds (a signature's link), so it can be shown again from it.</summary>
    public static string FromSecret(string secret) =>
        FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes("parvis-receipt:" + secret)));

    public static string EntryId(string receipt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("parvis-tally:" + receipt)))[..20];

    /// <summary>"ABCD-EFGH-JKMN" from what a person typed (spaces, dashes, lower case, O for 0, I or L for 1); null if it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40) return null;
        var chars = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '\t') continue;
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(mapped, StringComparison.Ordinal) || chars.Length == Length) return null;
            chars.Append(mapped);
        }
        return chars.Length == Length ? Format(chars.ToString()) : null;
    }

    private static string FromBytes(byte[] bytes)
    {
        var value = BitConverter.ToUInt64(bytes, 0);
        var chars = new char[Length];
        for (var i = 0; i < Length; i++, value >>= 5) chars[i] = Alphabet[(int)(value & 31)];
        return Format(new string(chars));
    }

    private static string Format(string plain) => $"{plain[..4]}-{plain[4..8]}-{plain[8..]}";
}

/// <summary>A place where a chain does not hold: the entry (by sequence) and what is wrong with it, in French.</summary>
public sealed record TallyBreak(long Sequence, string Problem);

/// <summary>
/// The hash chain: each entry's hash is SHA-256 of the previous hash and the entry's fields, one per line, the reason
/// last and prefixed by its length (so no reason can pass for other fields). The first entry's previous hash is empty.
/// The same code checks the stored log, a downloaded file (<c>verify-log</c>) and is written out in docs/TALLIES.md.
/// </summary>
public static class TallyChain
{
    public static DateTime Round(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    public static string KindName(TallyKind kind) => kind switch
    {
        TallyKind.Added => "ajout",
        TallyKind.Removed => "retrait",
        _ => "effacement",
    };

    public static TallyKind? KindOf(string? name) => name switch
    {
        "ajout" => TallyKind.Added,
        "retrait" => TallyKind.Removed,
        "effacement" => TallyKind.Erased,
        _ => null,
    };

    public static string HashOf(string previous, long sequence, TallyKind kind, string entryId, DateTime at, string? reason)
    {
        var reasonText = reason ?? "";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{previous}\n{sequence}\n{KindName(kind)}\n{entryId}\n{at:yyyy-MM-ddTHH:mm:ssZ}\n{reasonText.Length}:{reasonText}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Gives the unsealed entries, in the order given, the next sequences after (<paramref name="last"/>, <paramref name="head"/>).</summary>
    public static string Seal(IEnumerable<TallyEntry> entries, long last, string head, DateTime now)
    {
        foreach (var e in entries)
        {
            e.Sequence = ++last;
            e.Hash = head = HashOf(head, last, e.Kind, e.EntryId, e.At, e.Reason);
            e.SealedAt = now;
        }
        return head;
    }

    /// <summary>
    /// The first place the sealed entries (in sequence order) and the seals do not hold, or null: a sequence missing
    /// or repeated, a hash that the entry's fields no longer give, a seal's head that is not its last entry's hash.
    /// </summary>
    public static TallyBreak? Check(IReadOnlyList<TallyEntry> sealedEntries, IReadOnlyList<TallySeal> seals)
    {
        var previous = "";
        for (var i = 0; i < sealedEntries.Count; i++)
        {
            var e = sealedEntries[i];
            var expected = i + 1L;
            if (e.Sequence != expected)
                return e.Sequence > expected
                    ? new TallyBreak(expected, "cette entrée manque au journal (supprimée ?)")
                    : new TallyBreak(e.Sequence ?? 0, "cette entrée figure deux fois");
            var hash = HashOf(previous, expected, e.Kind, e.EntryId, e.At, e.Reason);
            if (hash != e.Hash) return new TallyBreak(expected, "son contenu ne correspond plus à son empreinte (modifiée ?)");
            previous = hash;
        }
        foreach (var seal in seals.OrderBy(s => s.LastSequence))
        {
            if (seal.LastSequence > sealedEntries.Count)
                return new TallyBreak(sealedEntries.Count + 1L, "cette entrée manque au journal (supprimée ?)");
            if (sealedEntries[(int)seal.LastSequence - 1].Hash != seal.Head)
                return new TallyBreak(seal.LastSequence, "l'empreinte scellée de cette entrée a changé");
        }
        return null;
    }
}
