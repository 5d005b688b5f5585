using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Outcomes;

/// <summary>How a set of requests was answered: counts, the median delay of the first official response, and the deadline kept.</summary>
public sealed record AnswerFigures(int Asked, int Answered, TimeSpan? MedianDelay, int Due, int WithinDeadline)
{
    public int Waiting => Asked - Answered;
    public double? AnsweredShare => Asked == 0 ? null : (double)Answered / Asked;
    /// <summary>Among what is due (answered, or posted more than the deadline ago), the share answered within the deadline.</summary>
    public double? WithinDeadlineShare => Due == 0 ? null : (double)WithinDeadline / Due;
}

/// <summary>One kind of request and how many were made ("Contributions": 120); proposals and petitions are one more row each.</summary>
public sealed record AskedRow(string Label, int Count);

public sealed record ServiceFigures(string? Service, AnswerFigures Figures);

public sealed record OutcomeFigures(int Months, int DeadlineDays, IReadOnlyList<AskedRow> Asked, AnswerFigures Answers, IReadOnlyList<ServiceFigures> PerService);

/// <summary>
/// The figures of "Vous avez dit, nous avons fait" for an organization or a territory and what is under it,
/// over the last months. Counted in the database (grouped by service), medians read with one sorted
/// query each (two rows at most leave the database), cached for a minute.
/// </summary>
public sealed class OutcomeStatistics(ParvisDbContext db, TenantContext tenant, TimeProvider clock, IMemoryCache cache)
{
    public static readonly int[] Periods = [3, 12, 36];
    public const int DefaultMonths = 12;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public static int PeriodOrDefault(int? months) => months is { } m && Periods.Contains(m) ? m : DefaultMonths;

    /// <param name="territories">The territory and its descendants; null for the whole organization.</param>
    public Task<OutcomeFigures> ForAsync(int? territoryId, IReadOnlyCollection<int>? territories, int months) =>
        cache.GetOrCreateAsync($"outcomes:figures:{tenant.OrganizationId}:{territoryId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}:{months}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return ComputeAsync(territories, months);
        })!;

    public async Task<OutcomeFigures> ComputeAsync(IReadOnlyCollection<int>? territories, int months)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deadlineDays = tenant.Organization.ResponseDeadlineDays;
        var since = now.AddMonths(-months);
        var dueBefore = now.AddDays(-deadlineDays);
        double deadlineSeconds = deadlineDays * 86_400;

        var contributions = db.Contributions.AsNoTracking().Where(c => c.State == ModerationState.Published && c.CreatedAt >= since);
        if (territories is not null) contributions = contributions.Where(c => territories.Contains(c.TerritoryId));

        var groups = await contributions
            .GroupBy(c => c.Consultation!.ServiceName)
            .Select(g => new
            {
                Service = g.Key,
                Asked = g.Count(),
                Answered = g.Count(c => c.FirstAnsweredAt != null),
                Due = g.Count(c => c.FirstAnsweredAt != null || c.CreatedAt <= dueBefore),
                Within = g.Count(c => c.FirstAnsweredAt != null && SqlTime.Seconds(c.FirstAnsweredAt) - SqlTime.Seconds(c.CreatedAt) <= deadlineSeconds),
            })
            .ToListAsync();

        var perService = new List<ServiceFigures>();
        foreach (var g in groups.OrderBy(g => g.Service is null).ThenBy(g => g.Service, StringComparer.Ordinal))
        {
            var ofService = contributions.Where(c => c.Consultation!.ServiceName == g.Service);
            var median = await MedianDelayAsync(ofService, g.Answered);
            perService.Add(new ServiceFigures(g.Service, new AnswerFigures(g.Asked, g.Answered, median, g.Due, g.Within)));
        }
        var answered = groups.Sum(g => g.Answered);
        // One service (or none): its median is the overall one, no second sort.
        var overallMedian = perService.Count == 1 ? perService[0].Figures.MedianDelay : await MedianDelayAsync(contributions, answered);
        var overall = new AnswerFigures(groups.Sum(g => g.Asked), answered, overallMedian,
            groups.Sum(g => g.Due), groups.Sum(g => g.Within));
        var petitions = db.Petitions.AsNoTracking().Where(p => p.PublishedAt != null && p.PublishedAt >= since);
        if (territories is not null) petitions = petitions.Where(p => territories.Contains(p.TerritoryId));
        var proposals = db.Proposals.AsNoTracking().Where(p => p.State == ModerationState.Published && p.Status != ProposalState.Merged && p.CreatedAt >= since);
        if (territories is not null) proposals = proposals.Where(p => territories.Contains(p.TerritoryId));
        IReadOnlyList<AskedRow> asked =
        [
            new AskedRow("Contributions", overall.Asked),
            new AskedRow("Propositions", await proposals.CountAsync()),
            new AskedRow("Pétitions", await petitions.CountAsync()),
        ];
        return new OutcomeFigures(months, deadlineDays, asked, overall, perService);
    }

    /// <summary>
    /// The median delay between posting and the first official response: the answered rows sorted by
    /// delay in SQL, and only the middle one (odd count) or two (even count, averaged) read.
    /// </summary>
    public static async Task<TimeSpan?> MedianDelayAsync(IQueryable<Contribution> scope, int answeredCount)
    {
        if (answeredCount == 0) return null;
        var middle = await scope.Where(c => c.FirstAnsweredAt != null)
            .OrderBy(c => SqlTime.Seconds(c.FirstAnsweredAt) - SqlTime.Seconds(c.CreatedAt)).ThenBy(c => c.Id)
            .Skip((answeredCount - 1) / 2).Take(answeredCount % 2 == 0 ? 2 : 1)
            .Select(c => new { c.CreatedAt, c.FirstAnsweredAt })
            .ToListAsync();
        if (middle.Count == 0) return null;
        return TimeSpan.FromTicks((long)middle.Average(m => (m.FirstAnsweredAt!.Value - m.CreatedAt).Ticks));
    }
}
