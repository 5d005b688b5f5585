using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Search;

public sealed record SearchFilter(SearchKind? Kind, int? TerritoryId, DateTime? FromUtc, DateTime? BeforeUtc, ListCursor? After);

/// <summary>A result: what it is, where it leads, its title and the text around the searched words.</summary>
public sealed record SearchHit(long EntryId, SearchKind Kind, long ItemId, string Title, string Text, DateTime At, int? ParentId)
{
    public string Link => Kind switch
    {
        SearchKind.Consultation => $"/concertations/{ItemId}",
        SearchKind.Contribution => $"/contributions/{ItemId}",
        SearchKind.Comment => $"/contributions/{ParentId}?commentaire={ItemId}#commentaire-{ItemId}",
        SearchKind.Proposal => $"/propositions/{ItemId}",
        _ => $"/petitions/{ItemId}",
    };
}

public sealed record SearchPage(List<SearchHit> Hits, ListCursor? Next);

/// <summary>
/// The search: the index's match (<see cref="SearchIndex.Matching"/>), then only the items anyone may read now,
/// each checked on its own row by <see cref="PublicItems"/> (the rules of the pages and the API; the organization by
/// the query filters); newest first, by key, without a count.
/// </summary>
public sealed class SearchQueries(ParvisDbContext db, TerritoryTrees territories)
{
    public const int PageSize = 20;

    public async Task<SearchPage> SearchAsync(SearchTerms terms, SearchFilter filter)
    {
        if (terms.IsEmpty) return new SearchPage([], null);
        var query = Visible(SearchIndex.Matching(db, terms.Phrases));
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.TerritoryId is { } territory)
        {
            var scope = await territories.SelfAndDescendantsAsync(territory);
            query = query.Where(e => e.TerritoryId != null && scope.Contains(e.TerritoryId.Value));
        }
        if (filter.FromUtc is { } from) query = query.Where(e => e.At >= from);
        if (filter.BeforeUtc is { } before) query = query.Where(e => e.At < before);
        if (filter.After is { Time: { } at } after)
        {
            var id = after.Id;
            query = query.Where(e => e.At <= at && (e.At < at || e.Id < id));
        }
        var hits = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new SearchHit(e.Id, e.Kind, e.ItemId, e.Title, e.Text, e.At,
                e.Kind == SearchKind.Comment
                    ? db.Comments.Where(c => c.Id == e.ItemId).Select(c => (int?)c.ContributionId).FirstOrDefault()
                    : null))
            .ToListAsync();
        var more = hits.Count > PageSize;
        if (more) hits.RemoveAt(PageSize);
        return new SearchPage(hits, more ? ListCursor.At(hits[^1].At, hits[^1].EntryId) : null);
    }

    // Each item by its primary key, under the rule its own page applies (Domain/PublicItems); (int) casts the entry's
    // id, not the column, so the key's index serves.
    private IQueryable<SearchEntry> Visible(IQueryable<SearchEntry> entries)
    {
        var consultations = db.Consultations.Where(PublicItems.Consultations);
        var contributions = db.Contributions.Readable(db.Consultations);
        var comments = db.Comments.Readable(db.Contributions, db.Consultations);
        var proposals = db.Proposals.Readable(db.ProposalSpaces);
        var petitions = db.Petitions.Where(PublicItems.Petitions);
        return entries.Where(e =>
            (e.Kind == SearchKind.Consultation && consultations.Any(c => c.Id == (int)e.ItemId))
            || (e.Kind == SearchKind.Contribution && contributions.Any(c => c.Id == (int)e.ItemId))
            || (e.Kind == SearchKind.Comment && comments.Any(c => c.Id == e.ItemId))
            || (e.Kind == SearchKind.Proposal && proposals.Any(p => p.Id == (int)e.ItemId))
            || (e.Kind == SearchKind.Petition && petitions.Any(p => p.Id == (int)e.ItemId)));
    }
}
