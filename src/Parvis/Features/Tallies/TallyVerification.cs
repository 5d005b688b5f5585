using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Tallies;

/// <summary>An item's log checked: the chain, and the count it gives against the page's and the rows'.</summary>
public sealed record TallyReport(string Item, int ItemId, TallySubject Subject, long Sealed, long Pending, long Added, long Removed, long Erased,
    TallyBreak? Break, string? Head, DateTime? LastSealedAt)
{
    public long LogCount => Added - Removed;

    public bool CountMatches => LogCount == Subject.ShownCount && LogCount - Erased == Subject.Rows;

    public bool Holds => Break is null && CountMatches;
}

/// <summary>Where a receipt's entries are: the item, the entry sealed or not, its removal if any.</summary>
public sealed record ReceiptFinding(string Item, int ItemId, TallySubject Subject, TallyEntry Entry, TallyEntry? Removal);

public sealed class TallyVerification(ParvisDbContext db, IEnumerable<ITallySource> sources)
{
    public ITallySource? SourceOf(string? item) => sources.FirstOrDefault(s => s.Item == item);

    public async Task<TallyReport?> ReportAsync(string? item, int id)
    {
        if (SourceOf(item) is not { } source || await source.FindAsync(id) is not { } subject) return null;
        var entries = await EntriesAsync(source.Item, id);
        var sealedEntries = entries.Where(e => e.Sequence is not null).OrderBy(e => e.Sequence).ToList();
        var seals = await db.TallySeals.AsNoTracking().Where(s => s.Item == source.Item && s.ItemId == id).ToListAsync();
        var last = seals.MaxBy(s => s.LastSequence);
        return new TallyReport(source.Item, id, subject, sealedEntries.Count, entries.Count - sealedEntries.Count,
            entries.Count(e => e.Kind == TallyKind.Added), entries.Count(e => e.Kind == TallyKind.Removed),
            entries.Count(e => e.Kind == TallyKind.Erased), TallyChain.Check(sealedEntries, seals), last?.Head, last?.SealedAt);
    }

    /// <summary>The item's entries, sealed first in sequence, then those waiting in the order they came.</summary>
    public async Task<List<TallyEntry>> EntriesAsync(string item, int id) =>
        await db.TallyEntries.AsNoTracking().Where(e => e.Item == item && e.ItemId == id)
            .OrderBy(e => e.Sequence == null).ThenBy(e => e.Sequence).ThenBy(e => e.Id).ToListAsync();

    /// <summary>The entries a receipt gave, in this organization, on items still public.</summary>
    public async Task<List<ReceiptFinding>> FindAsync(string receipt)
    {
        var entryId = Receipt.EntryId(receipt);
        var entries = await db.TallyEntries.AsNoTracking().Where(e => e.EntryId == entryId).OrderBy(e => e.Id).Take(20).ToListAsync();
        var found = new List<ReceiptFinding>();
        foreach (var added in entries.Where(e => e.Kind == TallyKind.Added))
        {
            if (SourceOf(added.Item) is not { } source || await source.FindAsync(added.ItemId) is not { } subject) continue;
            var removal = entries.FirstOrDefault(e => e.Kind != TallyKind.Added && e.Item == added.Item && e.ItemId == added.ItemId && e.Id > added.Id);
            found.Add(new ReceiptFinding(added.Item, added.ItemId, subject, added, removal));
        }
        return found;
    }
}
