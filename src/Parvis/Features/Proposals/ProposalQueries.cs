using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Proposals;

public enum ProposalSort { Supported, Recent }

/// <param name="After">The keyset cursor of the last row of the previous page ("count-id" or "id").</param>
public sealed record ProposalFilter(ProposalSort Sort, int? CategoryId, ProposalState? Status, int? TerritoryId, string? After);

public sealed record ProposalRow(int Id, string Title, string Body, int SupportCount, ProposalState Status, int? CategoryId, int TerritoryId, DateTime CreatedAt, AuthorView Author);

public sealed record SpaceCard(int Id, string Title, string? Territory, DateTime? OpensAt, DateTime? ClosesAt, bool Open, int? Threshold, int Proposals);

/// <summary>
/// The lists of proposals. Pages are keyset ranges on (space, visibility, order key, id) indexes, so
/// the 5,000th page of a 100,000-proposal space reads 20 rows, like the first.
/// </summary>
public sealed class ProposalQueries(ParvisDbContext db, AuthorDisplay authors, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<List<SpaceCard>> SpacesAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var spaces = await db.ProposalSpaces.AsNoTracking().Include(s => s.Territory).Where(PublicItems.ProposalSpaces).ToListAsync();
        var ids = spaces.Select(s => s.Id).ToList();
        var counts = await db.Proposals.Where(PublicItems.Proposals).Where(p => ids.Contains(p.SpaceId))
            .GroupBy(p => p.SpaceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return spaces.Select(s => new SpaceCard(s.Id, s.Title, s.Territory?.Name, s.OpensAt, s.ClosesAt, s.IsOpenAt(now), s.SupportThreshold, counts.GetValueOrDefault(s.Id)))
            .OrderByDescending(s => s.Open).ThenBy(s => s.Title).ToList();
    }

    /// <summary>The organization's latest visible proposals, all spaces together.</summary>
    public Task<List<(int Id, string Title, int SpaceId, int Supports, ProposalState Status)>> RecentAsync(int count) =>
        db.Proposals.AsNoTracking().Where(PublicItems.Proposals).Where(p => p.Space!.PublishedAt != null)
            .OrderByDescending(p => p.CreatedAt).Take(count)
            .Select(p => new ValueTuple<int, string, int, int, ProposalState>(p.Id, p.Title, p.SpaceId, p.SupportCount, p.Status)).ToListAsync()
            .ContinueWith(t => t.Result.Select(r => (r.Item1, r.Item2, r.Item3, r.Item4, r.Item5)).ToList(), TaskScheduler.Default);

    /// <summary>One page of the space's proposals, and the cursor of the next page (null on the last).</summary>
    public async Task<(List<ProposalRow> Rows, string? Next)> PageAsync(ProposalSpace space, ProposalFilter filter)
    {
        var query = db.Proposals.AsNoTracking().Where(PublicItems.Proposals).Where(p => p.SpaceId == space.Id);
        if (filter.CategoryId is { } category) query = query.Where(p => p.CategoryId == category);
        if (filter.Status is { } status && Enum.IsDefined(status)) query = query.Where(p => p.Status == status);
        if (filter.TerritoryId is { } territory) query = query.Where(p => p.TerritoryId == territory);
        var cursor = Cursor.Parse(filter.After);
        if (filter.Sort == ProposalSort.Recent)
        {
            if (cursor is { } c) query = query.Where(p => p.Id < c.Id);
            query = query.OrderByDescending(p => p.Id);
        }
        else
        {
            if (cursor is { } c) query = query.Where(p => p.SupportCount < c.Count || (p.SupportCount == c.Count && p.Id < c.Id));
            query = query.OrderByDescending(p => p.SupportCount).ThenByDescending(p => p.Id);
        }
        var rows = await query.Take(PageSize + 1)
            .Select(p => new { p.Id, p.Title, p.Body, p.SupportCount, p.Status, p.CategoryId, p.TerritoryId, p.CreatedAt, p.AuthorId, p.DisplayAs, p.Badges })
            .ToListAsync();
        var shown = rows.Take(PageSize).ToList();
        var names = await authors.ForAsync(shown.Select(r => AuthorOf(r.AuthorId, r.DisplayAs, r.Badges)).ToList(), space.DisplayRules);
        var result = shown.Select((r, i) => new ProposalRow(r.Id, r.Title, r.Body, r.SupportCount, r.Status, r.CategoryId, r.TerritoryId, r.CreatedAt, names[i])).ToList();
        var last = shown.LastOrDefault();
        var next = rows.Count > PageSize && last is not null ? new Cursor(last.SupportCount, last.Id).ToString(filter.Sort) : null;
        return (result, next);
    }

    /// <summary>
    /// A proposal always has an author account; none left means it was erased and the proposal kept:
    /// an id that matches no account makes the author display say "Participant supprimé".
    /// </summary>
    public static AuthorSource AuthorOf(Guid? authorId, DisplayIdentity? display, BadgeChoices badges) =>
        new(authorId ?? Guid.Empty, display, null, badges);

    public Task<List<ProposalStateChange>> HistoryAsync(int proposalId) =>
        db.ProposalStateChanges.AsNoTracking().Where(c => c.ProposalId == proposalId).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync();

    public Task<List<OfficialResponse>> ResponsesAsync(int proposalId, bool includeDrafts) =>
        db.OfficialResponses.AsNoTracking().Where(r => r.ProposalId == proposalId && (includeDrafts || r.Status == ResponseStatus.Published))
            .OrderBy(r => r.DraftedAt).ToListAsync();

    private readonly record struct Cursor(int Count, int Id)
    {
        public static Cursor? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text) || text.Length > 30) return null;
            var parts = text.Split('-');
            if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new Cursor(int.MaxValue, id);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id2)) return new Cursor(count, id2);
            return null;
        }

        public string ToString(ProposalSort sort) => sort == ProposalSort.Recent
            ? Id.ToString(CultureInfo.InvariantCulture)
            : $"{Count.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}";
    }
}
