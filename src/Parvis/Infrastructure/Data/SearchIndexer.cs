using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

/// <summary>
/// Keeps the search index in step with what is saved: every <see cref="ISearchable"/> added, changed or deleted
/// through <see cref="ParvisDbContext.SaveChangesAsync"/> has its entry written in the same transaction. One place
/// for every feature (a contribution, a comment, a proposal… are all saved there); what bypasses the change tracker
/// (ExecuteUpdate of states and counts) never changes a text, and visibility is read from the item at query time.
/// </summary>
internal static class SearchIndexer
{
    public sealed record Change(ISearchable Item, bool Deleted);

    /// <summary>What this save changes of searchable items, read before the save resets the states.</summary>
    public static List<Change> Changes(ChangeTracker tracker) =>
        tracker.Entries().Where(e => e.Entity is ISearchable && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new Change((ISearchable)e.Entity, e.State == EntityState.Deleted))
            .ToList();

    /// <summary>Writes the entries of the saved items (their ids are known now).</summary>
    public static async Task IndexAsync(ParvisDbContext db, List<Change> changes, CancellationToken cancellationToken)
    {
        var documents = changes.Select(c => (Change: c, Document: c.Item.ToSearchDocument())).ToList();
        var sqlite = !SearchIndex.IsPostgres(db.Database.ProviderName);
        foreach (var kind in documents.GroupBy(d => d.Document.Kind))
        {
            var ids = kind.Select(d => d.Document.ItemId).ToList();
            var existing = await db.SearchEntries.IgnoreQueryFilters()
                .Where(e => e.Kind == kind.Key && ids.Contains(e.ItemId)).ToDictionaryAsync(e => e.ItemId, cancellationToken);
            foreach (var (change, document) in kind)
            {
                existing.TryGetValue(document.ItemId, out var entry);
                if (change.Deleted)
                {
                    if (entry is not null) db.SearchEntries.Remove(entry);
                    continue;
                }
                if (entry is null)
                {
                    entry = new SearchEntry { OrganizationId = ((ITenantOwned)change.Item).OrganizationId, Kind = document.Kind, ItemId = document.ItemId };
                    db.SearchEntries.Add(entry);
                    existing[document.ItemId] = entry;
                }
                entry.Fill(document);
                if (sqlite) entry.Terms = SearchText.IndexTerms(entry.Title + "\n" + entry.Text);
            }
        }
    }
}
