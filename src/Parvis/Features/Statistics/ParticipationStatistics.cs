using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Statistics;

/// <summary>Where the figures are taken: the organization, a territory and what is under it, or one consultation.</summary>
public sealed record StatisticsScope(int? TerritoryId, int? ConsultationId)
{
    public static readonly StatisticsScope Organization = new(null, null);
    public string Key => $"{TerritoryId?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{ConsultationId?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
}

/// <summary>
/// Participation in public contributions (published, in published consultations, every channel): by month with new
/// and returning participants, by channel, by territory one level down, by verified age bracket, and the consultations
/// that drew the most. A participant is an account that posted at least one of them; contributions without an account
/// (on paper, at a meeting, anonymous) count as contributions only. Counted in the database, kept five minutes or until
/// the staff change something in the organization (a moderation hides a contribution, a consultation is unpublished).
/// </summary>
public sealed class ParticipationStatistics(ParvisDbContext db, TenantContext tenant, TimeProvider clock, IMemoryCache cache,
    StaffChanges changes)
{
    public static readonly int[] Periods = [3, 12, 36];
    public const int DefaultMonths = 12;
    public const int TopConsultations = 10;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public static int PeriodOrDefault(int? months) => months is { } m && Periods.Contains(m) ? m : DefaultMonths;

    public async Task<ParticipationReport> ForAsync(StatisticsScope scope, int months)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"statistics:{tenant.OrganizationId}:{scope.Key}:{months}");
        if (cache.TryGetValue(key, out ParticipationReport? known)) return known!;
        // Taken before the count: a change saved while it runs evicts what it counted.
        var staffChange = changes.For(AnonymousPagePolicy.OrganizationTag(tenant.OrganizationId));
        var report = await ComputeAsync(scope, months);
        cache.Set(key, report, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor }
            .AddExpirationToken(staffChange));
        return report;
    }

    private async Task<ParticipationReport> ComputeAsync(StatisticsScope scope, int months)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - months);
        var territories = await TerritoryTree.AllAsync(db);
        var all = db.Contributions.AsNoTracking().Readable(db.Consultations);
        if (scope.ConsultationId is { } consultationId) all = all.Where(c => c.ConsultationId == consultationId);
        if (scope.TerritoryId is { } territoryId)
        {
            var under = TerritoryTree.SelfAndDescendants(territories, territoryId);
            all = all.Where(c => under.Contains(c.TerritoryId));
        }
        var period = all.Where(c => c.CreatedAt >= since);

        var totals = await period.GroupBy(c => 1).Select(g => new
        {
            Count = g.Count(),
            People = g.Where(c => c.AuthorId != null).Select(c => c.AuthorId).Distinct().Count(),
            WithoutAccount = g.Count(c => c.AuthorId == null),
        }).FirstOrDefaultAsync();
        var count = totals?.Count ?? 0;
        var people = totals?.People ?? 0;

        var parentOfRows = scope.ConsultationId is { } id
            ? await db.Consultations.Where(c => c.Id == id).Select(c => (int?)c.TerritoryId).FirstOrDefaultAsync()
            : scope.TerritoryId;
        var consultations = scope.ConsultationId is null ? await ConsultationsAsync(period) : null;
        return new ParticipationReport(months, Figure.Of(count), Figure.Of(people), Figure.Of(totals?.WithoutAccount ?? 0),
            await MonthlyAsync(all, period, since, months),
            await ChannelsAsync(period, count),
            await StatisticsByTerritory.TableAsync(period, territories, parentOfRows, count),
            await AgesAsync(period, people, now),
            consultations);
    }

    private static async Task<FigureTable> MonthlyAsync(IQueryable<Contribution> all, IQueryable<Contribution> period,
        DateTime since, int months)
    {
        var byMonth = await period.GroupBy(c => new { c.CreatedAt.Year, c.CreatedAt.Month }).Select(g => new
        {
            g.Key.Year,
            g.Key.Month,
            Count = g.Count(),
            People = g.Where(c => c.AuthorId != null).Select(c => c.AuthorId).Distinct().Count(),
        }).ToListAsync();
        // A newcomer's first contribution in this scope, ever, falls in the month.
        var newcomers = await all.Where(c => c.AuthorId != null).GroupBy(c => c.AuthorId).Select(g => g.Min(c => c.CreatedAt))
            .Where(first => first >= since)
            .GroupBy(first => new { first.Year, first.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync();
        var rows = new List<FigureRow>();
        for (var month = since; month < since.AddMonths(months); month = month.AddMonths(1))
        {
            var figures = byMonth.FirstOrDefault(m => m.Year == month.Year && m.Month == month.Month);
            var participants = figures?.People ?? 0;
            var newOnes = newcomers.FirstOrDefault(m => m.Year == month.Year && m.Month == month.Month)?.Count ?? 0;
            // New and returning add up to the participants: one withheld alone would be given away by the other.
            var split = SmallGroups.Withheld([newOnes, participants - newOnes], !SmallGroups.IsTooSmall(participants));
            rows.Add(new FigureRow("", [Figure.Of(figures?.Count ?? 0), Figure.Of(participants),
                new(newOnes, split[0]), new(participants - newOnes, split[1])], Month: DateOnly.FromDateTime(month)));
        }
        return new FigureTable("par-mois", StatisticsLabels.ByMonth,
            [StatisticsLabels.Contributions, StatisticsLabels.Participants, StatisticsLabels.Newcomers,
                StatisticsLabels.Returning], rows);
    }

    private static async Task<FigureTable> ChannelsAsync(IQueryable<Contribution> period, int total)
    {
        var byChannel = await period.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var rows = byChannel.OrderBy(c => c.Key)
            .Select(c => new RowCounts(Labels.Of(c.Key), [c.Count])).ToList();
        return FigureTable.Summing("par-canal", StatisticsLabels.ByChannel, [StatisticsLabels.Contributions], rows, [total]);
    }

    private async Task<FigureTable> AgesAsync(IQueryable<Contribution> period, int people, DateTime now)
    {
        var authors = period.Where(c => c.AuthorId != null).Select(c => c.AuthorId!.Value);
        var verified = await db.Verifications.AsNoTracking()
            .Where(v => v.AgeBracket != null && v.RevokedAt == null && v.ExpiresAt > now && authors.Contains(v.UserId))
            .Select(v => new { v.UserId, v.AgeBracket, v.VerifiedAt })
            .ToListAsync();
        // A person's latest verification that saw a birth date has the freshest bracket.
        var brackets = verified.GroupBy(v => v.UserId)
            .Select(g => g.OrderByDescending(v => v.VerifiedAt).First().AgeBracket!.Value)
            .GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        var rows = Enum.GetValues<AgeBracket>().Where(brackets.ContainsKey)
            .Select(b => new RowCounts(b.Label(), [brackets[b]])).ToList();
        rows.Add(new RowCounts(StatisticsLabels.AgeUnknown, [people - brackets.Values.Sum()]));
        return FigureTable.Summing("par-age", StatisticsLabels.ByAge, [StatisticsLabels.Participants], rows, [people]);
    }

    private async Task<FigureTable?> ConsultationsAsync(IQueryable<Contribution> period)
    {
        var top = await period.GroupBy(c => c.ConsultationId).Select(g => new { Id = g.Key, Count = g.Count() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Id).Take(TopConsultations).ToListAsync();
        if (top.Count == 0) return null;
        var ids = top.Select(c => c.Id).ToList();
        var titles = await db.Consultations.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title);
        var rows = top.Select(c => new RowCounts("", [c.Count], titles[c.Id],
            string.Create(CultureInfo.InvariantCulture, $"/statistiques/concertations/{c.Id}"))).ToList();
        // Only the busiest are listed: the rows do not add up to the total, so no complement is withheld.
        return FigureTable.Summing("par-concertation", StatisticsLabels.ByConsultation,
            [StatisticsLabels.Contributions], rows, [null]);
    }
}
