using System.Globalization;
using Parvis.Domain;

namespace Parvis.Features.Consultations;

/// <summary>
/// Where a page of a list starts: just after (or just before) a row, named by the list's sort key and its id,
/// written <c>key_id</c> in links. The key is the agreement or comment count, the creation time in ticks,
/// or the shuffle value of the random order.
/// </summary>
public sealed record ListCursor(long Key, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key}_{Id}");

    /// <summary>Null for anything that is not two integers (a link typed by hand, an old link): the list starts over.</summary>
    public static ListCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 60) return null;
        var cut = text.LastIndexOf('_');
        if (cut <= 0) return null;
        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        return long.TryParse(text.AsSpan(0, cut), integer, CultureInfo.InvariantCulture, out var key)
            && long.TryParse(text.AsSpan(cut + 1), integer, CultureInfo.InvariantCulture, out var id)
            ? new ListCursor(key, id) : null;
    }

    /// <summary>A creation time given in ticks, if it is one.</summary>
    public DateTime? Time => Key is >= 0 and <= 3_155_378_975_999_999_999 ? new DateTime(Key, DateTimeKind.Utc) : null;

    public static ListCursor At(DateTime time, long id) => new(time.Ticks, id);
}

/// <summary>The orders of a consultation's list, with the conditions that start a page after or before a row.</summary>
/// <remarks>
/// Each condition is written <c>key ≤ k AND (key &lt; k OR id &lt; i)</c> rather than as a row comparison, which
/// EF Core does not translate: the first half is a range PostgreSQL reads from the sorted index
/// (e.g. <c>IX_Contributions_ConsultationId_TerritoryId_State_AgreeCount_Id</c>), so a page deep in the list
/// costs what the first one costs; the second half only drops the ties already shown.
/// </remarks>
public static class ContributionOrder
{
    public const int ShuffleModulus = 1_000_003;

    public static long KeyOf(ContributionSort sort, int seed, long id, int agree, int comments, DateTime createdAt) => sort switch
    {
        ContributionSort.Supported => agree,
        ContributionSort.Discussed => comments,
        ContributionSort.Random => id * seed % ShuffleModulus,
        _ => createdAt.Ticks,
    };

    /// <summary>Whether a cursor can belong to a list in this order (a count fits an int, a time is a time).</summary>
    public static bool Fits(ContributionSort sort, ListCursor cursor) => cursor.Id is >= 0 and <= int.MaxValue && sort switch
    {
        ContributionSort.Supported or ContributionSort.Discussed => cursor.Key is >= int.MinValue and <= int.MaxValue,
        ContributionSort.Random => true,
        _ => cursor.Time is not null,
    };

    /// <summary>The list in its order, or in reverse (to read the page before a cursor), starting past the cursor.</summary>
    public static IQueryable<Contribution> Apply(IQueryable<Contribution> query, ContributionSort sort, int seed, ListCursor? cursor, bool backward)
    {
        var id = (int)(cursor?.Id ?? 0);
        switch (sort)
        {
            case ContributionSort.Supported:
                {
                    var k = (int)(cursor?.Key ?? 0);
                    if (cursor is not null)
                        query = backward ? query.Where(c => c.AgreeCount >= k && (c.AgreeCount > k || c.Id > id))
                            : query.Where(c => c.AgreeCount <= k && (c.AgreeCount < k || c.Id < id));
                    return backward ? query.OrderBy(c => c.AgreeCount).ThenBy(c => c.Id)
                        : query.OrderByDescending(c => c.AgreeCount).ThenByDescending(c => c.Id);
                }
            case ContributionSort.Discussed:
                {
                    var k = (int)(cursor?.Key ?? 0);
                    if (cursor is not null)
                        query = backward ? query.Where(c => c.CommentCount >= k && (c.CommentCount > k || c.Id > id))
                            : query.Where(c => c.CommentCount <= k && (c.CommentCount < k || c.Id < id));
                    return backward ? query.OrderBy(c => c.CommentCount).ThenBy(c => c.Id)
                        : query.OrderByDescending(c => c.CommentCount).ThenByDescending(c => c.Id);
                }
            case ContributionSort.Random:
                {
                    // A shuffle that stays the same for one visitor's seed, so paging neither repeats nor skips.
                    var k = cursor?.Key ?? 0;
                    long s = seed;
                    if (cursor is not null)
                        query = backward
                            ? query.Where(c => c.Id * s % ShuffleModulus <= k && (c.Id * s % ShuffleModulus < k || c.Id < id))
                            : query.Where(c => c.Id * s % ShuffleModulus >= k && (c.Id * s % ShuffleModulus > k || c.Id > id));
                    return backward ? query.OrderByDescending(c => c.Id * s % ShuffleModulus).ThenByDescending(c => c.Id)
                        : query.OrderBy(c => c.Id * s % ShuffleModulus).ThenBy(c => c.Id);
                }
            default:
                {
                    var k = cursor?.Time ?? default;
                    if (cursor is not null)
                        query = backward ? query.Where(c => c.CreatedAt >= k && (c.CreatedAt > k || c.Id > id))
                            : query.Where(c => c.CreatedAt <= k && (c.CreatedAt < k || c.Id < id));
                    return backward ? query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                        : query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
                }
        }
    }
}
