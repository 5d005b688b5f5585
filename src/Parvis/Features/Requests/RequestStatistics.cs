using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests;

/// <summary>How a set of requests was handled: received, how fast acknowledged and resolved, and the target kept.</summary>
/// <param name="Due">Those the target applies to: resolved, or still open past their due time.</param>
/// <param name="WithinTarget">Among <paramref name="Due"/>, those resolved by their due time.</param>
public sealed record RequestFigures(string Label, int Received, TimeSpan? MedianToAcknowledge, TimeSpan? MedianToResolve, int Due, int WithinTarget)
{
    public double? WithinTargetShare => Due == 0 ? null : (double)WithinTarget / Due;
}

public sealed record RequestFigureTables(bool InUse, IReadOnlyList<RequestFigures> PerService, IReadOnlyList<RequestFigures> PerCategory, RequestFigures Overall);

/// <summary>
/// The requests' figures of the accountability page, per service (the one answering now) and per category,
/// over the page's period and territory. Counted in the database; each median read with one sorted query
/// (two rows at most leave the database); cached for a minute. Hidden and unconfirmed requests do not count.
/// </summary>
public sealed class RequestStatistics(ParvisDbContext db, TenantContext tenant, TimeProvider clock, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <param name="territories">The territory and its descendants; null for the whole organization.</param>
    public Task<RequestFigureTables> ForAsync(int? territoryId, IReadOnlyCollection<int>? territories, int months) =>
        cache.GetOrCreateAsync($"requests:figures:{tenant.OrganizationId}:{territoryId?.ToString(CultureInfo.InvariantCulture) ?? "all"}:{months}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return ComputeAsync(territories, months);
        })!;

    public async Task<RequestFigureTables> ComputeAsync(IReadOnlyCollection<int>? territories, int months)
    {
        var inUse = await db.RequestCategories.AnyAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddMonths(-months);
        var scope = db.ServiceRequests.AsNoTracking().Where(r => !r.IsHidden && !r.AwaitingEmail && r.SubmittedAt >= since);
        if (territories is not null) scope = scope.Where(r => r.TerritoryId != null && territories.Contains(r.TerritoryId.Value));

        var services = await scope.GroupBy(r => r.ServiceName)
            .Select(g => new Counts(g.Key, g.Count(), g.Count(r => r.AcknowledgedAt != null), g.Count(r => r.Status == RequestStatus.Resolved && r.ClosedAt != null),
                g.Count(r => r.Status == RequestStatus.Resolved || ((r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress) && r.DueAt < now)),
                g.Count(r => r.Status == RequestStatus.Resolved && r.ClosedAt <= r.DueAt)))
            .ToListAsync();
        var categories = await scope.GroupBy(r => r.CategoryId)
            .Select(g => new
            {
                Id = g.Key,
                Counts = new Counts("", g.Count(), g.Count(r => r.AcknowledgedAt != null), g.Count(r => r.Status == RequestStatus.Resolved && r.ClosedAt != null),
                g.Count(r => r.Status == RequestStatus.Resolved || ((r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress) && r.DueAt < now)),
                g.Count(r => r.Status == RequestStatus.Resolved && r.ClosedAt <= r.DueAt))
            })
            .ToListAsync();
        var ids = categories.Select(c => c.Id).ToList();
        var names = await db.RequestCategories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name);

        var perService = new List<RequestFigures>();
        foreach (var s in services.OrderBy(s => s.Label, StringComparer.Ordinal))
            perService.Add(await FiguresAsync(scope.Where(r => r.ServiceName == s.Label), s));
        var perCategory = new List<RequestFigures>();
        foreach (var c in categories.OrderBy(c => names.GetValueOrDefault(c.Id, ""), StringComparer.CurrentCulture))
            perCategory.Add(await FiguresAsync(scope.Where(r => r.CategoryId == c.Id), c.Counts with { Label = names.GetValueOrDefault(c.Id, "") }));
        var total = new Counts("", services.Sum(s => s.Received), services.Sum(s => s.Acknowledged), services.Sum(s => s.Resolved), services.Sum(s => s.Due), services.Sum(s => s.Within));
        // One service: its medians are the overall ones, no second sort.
        var overall = perService.Count == 1 ? perService[0] with { Label = "" } : await FiguresAsync(scope, total);
        return new RequestFigureTables(inUse, perService, perCategory, overall);
    }

    private sealed record Counts(string Label, int Received, int Acknowledged, int Resolved, int Due, int Within);

    private static async Task<RequestFigures> FiguresAsync(IQueryable<ServiceRequest> scope, Counts counts)
    {
        var toAcknowledge = await MedianAsync(scope.Where(r => r.AcknowledgedAt != null), counts.Acknowledged, r => r.AcknowledgedAt);
        var toResolve = await MedianAsync(scope.Where(r => r.Status == RequestStatus.Resolved && r.ClosedAt != null), counts.Resolved, r => r.ClosedAt);
        return new RequestFigures(counts.Label, counts.Received, toAcknowledge, toResolve, counts.Due, counts.Within);
    }

    /// <summary>The median time from submission to <paramref name="end"/>: rows sorted by that time in SQL, the middle one or two read.</summary>
    private static async Task<TimeSpan?> MedianAsync(IQueryable<ServiceRequest> scope, int count, System.Linq.Expressions.Expression<Func<ServiceRequest, DateTime?>> end)
    {
        if (count == 0) return null;
        var delay = Delay(end);
        var middle = await scope.OrderBy(delay).ThenBy(r => r.Id)
            .Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1)
            .Select(delay)
            .ToListAsync();
        if (middle.Count == 0) return null;
        return TimeSpan.FromSeconds(middle.Average(seconds => seconds ?? 0));
    }

    // SqlTime.Seconds(end) - SqlTime.Seconds(submitted), built from the chosen end column.
    private static System.Linq.Expressions.Expression<Func<ServiceRequest, double?>> Delay(System.Linq.Expressions.Expression<Func<ServiceRequest, DateTime?>> end)
    {
        System.Linq.Expressions.Expression<Func<DateTime?, DateTime, double?>> difference = (e, s) => SqlTime.Seconds(e) - SqlTime.Seconds(s);
        var request = end.Parameters[0];
        var submitted = System.Linq.Expressions.Expression.Property(request, nameof(ServiceRequest.SubmittedAt));
        var body = difference.Body.Substitute(difference.Parameters[0], end.Body).Substitute(difference.Parameters[1], submitted);
        return System.Linq.Expressions.Expression.Lambda<Func<ServiceRequest, double?>>(body, request);
    }

    /// <summary>A duration as people read it in French ("2 j 4 h", "5 h", "40 min"); the template is translated in the view.</summary>
    public static (string Template, object[] Values) DurationText(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        if (duration < TimeSpan.FromHours(1)) return ("{0} min", [(int)Math.Round(duration.TotalMinutes)]);
        var hours = (int)Math.Round(duration.TotalHours);
        var (days, rest) = (hours / 24, hours % 24);
        if (days == 0) return ("{0} h", [rest]);
        return rest == 0 ? ("{0} j", [days]) : ("{0} j {1} h", [days, rest]);
    }
}
