using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Search;

/// <summary>What the page asks; <see cref="State"/> is one of <see cref="SearchStates.Of"/> for <see cref="Kind"/>.</summary>
public sealed record SearchFilter(SearchKind? Kind, int? TerritoryId, DateTime? FromUtc, DateTime? BeforeUtc, ListCursor? After,
    string? State = null);

/// <summary>A result: what it is, where it leads, its title and the text around the searched words.</summary>
public sealed record SearchHit(long EntryId, SearchKind Kind, long ItemId, string Title, string Text, DateTime At, int? ParentId)
{
    public string Link => Kind switch
    {
        SearchKind.Consultation => $"/concertations/{ItemId}",
        SearchKind.Contribution => $"/contributions/{ItemId}",
        SearchKind.Comment => $"/contributions/{ParentId}?commentaire={ItemId}#commentaire-{ItemId}",
        SearchKind.Proposal => $"/propositions/{ItemId}",
        SearchKind.Petition => $"/petitions/{ItemId}",
        SearchKind.Request => $"/signalements/{ItemId}",
        SearchKind.Outcome => $"/nous-avons-fait/resultats/{ItemId}",
        SearchKind.Project => $"/projets/{ItemId}",
        SearchKind.Meeting => $"/reunions/{ItemId}",
        SearchKind.Council => $"/conseils/{ItemId}",
        SearchKind.Survey => $"/enquetes/{ItemId}",
        _ => $"/actualites/{ItemId}",
    };
}

public sealed record SearchPage(List<SearchHit> Hits, ListCursor? Next);

/// <summary>
/// The search: the index's match (<see cref="SearchIndex.Matching"/>), then only the items anyone may read now,
/// each checked on its own row by <see cref="PublicItems"/> (the rules of the pages and the API; the organization by
/// the query filters); newest first, by key, without a count.
/// </summary>
public sealed class SearchQueries(ParvisDbContext db, TerritoryTrees territories, TenantContext tenant, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<SearchPage> SearchAsync(SearchTerms terms, SearchFilter filter)
    {
        if (terms.IsEmpty) return new SearchPage([], null);
        var query = SearchIndex.Matching(db, terms.Phrases).Where(Visible(filter));
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

    // Each item by its primary key, under the rule its own page applies (Domain/PublicItems), narrowed by the state
    // asked for its kind; only the chosen kind's rule when there is one. (int) casts the entry's id, not the column,
    // so the key's index serves.
    private Expression<Func<SearchEntry, bool>> Visible(SearchFilter filter)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string? StateOf(SearchKind kind) => filter.Kind == kind ? filter.State : null;
        var consultations = SearchStates.Filter(db.Consultations.Where(PublicItems.Consultations), StateOf(SearchKind.Consultation), now);
        var contributions = db.Contributions.Readable(db.Consultations);
        var comments = db.Comments.Readable(db.Contributions, db.Consultations);
        var proposals = SearchStates.Filter(db.Proposals.Readable(db.ProposalSpaces), StateOf(SearchKind.Proposal));
        var petitions = SearchStates.Filter(db.Petitions.Where(PublicItems.Petitions), StateOf(SearchKind.Petition));
        var requests = SearchStates.Filter(db.ServiceRequests.Where(PublicItems.ServiceRequests), StateOf(SearchKind.Request));
        var outcomes = SearchStates.Filter(db.Outcomes.Where(PublicItems.Outcomes), StateOf(SearchKind.Outcome));
        var projects = db.Projects.Where(PublicItems.Projects);
        var meetings = db.Meetings.Where(PublicItems.Meetings);
        var councils = db.Councils;
        var surveys = db.Surveys.Where(PublicItems.Surveys);
        var news = db.NewsPosts.Where(PublicItems.NewsPostsAt(now));
        var rules = new List<(SearchKind Kind, Expression<Func<SearchEntry, bool>> Rule)>
        {
            (SearchKind.Consultation, e => e.Kind == SearchKind.Consultation && consultations.Any(c => c.Id == (int)e.ItemId)),
            (SearchKind.Contribution, e => e.Kind == SearchKind.Contribution && contributions.Any(c => c.Id == (int)e.ItemId)),
            (SearchKind.Comment, e => e.Kind == SearchKind.Comment && comments.Any(c => c.Id == e.ItemId)),
            (SearchKind.Proposal, e => e.Kind == SearchKind.Proposal && proposals.Any(p => p.Id == (int)e.ItemId)),
            (SearchKind.Petition, e => e.Kind == SearchKind.Petition && petitions.Any(p => p.Id == (int)e.ItemId)),
            (SearchKind.Outcome, e => e.Kind == SearchKind.Outcome && outcomes.Any(o => o.Id == (int)e.ItemId)),
            (SearchKind.Project, e => e.Kind == SearchKind.Project && projects.Any(p => p.Id == (int)e.ItemId)),
            (SearchKind.Meeting, e => e.Kind == SearchKind.Meeting && meetings.Any(m => m.Id == (int)e.ItemId)),
            (SearchKind.Council, e => e.Kind == SearchKind.Council && councils.Any(c => c.Id == (int)e.ItemId)),
            (SearchKind.Survey, e => e.Kind == SearchKind.Survey && surveys.Any(s => s.Id == (int)e.ItemId)),
            (SearchKind.News, e => e.Kind == SearchKind.News && news.Any(n => n.Id == (int)e.ItemId)),
        };
        // Requests of an organization that keeps them private are each their author's alone: never found.
        if (tenant.Organization.Requests.PublicRequests)
            rules.Add((SearchKind.Request, e => e.Kind == SearchKind.Request && requests.Any(r => r.Id == (int)e.ItemId)));
        return ExpressionBinding.AnyOf(rules.Where(r => filter.Kind is null || r.Kind == filter.Kind).Select(r => r.Rule));
    }
}
