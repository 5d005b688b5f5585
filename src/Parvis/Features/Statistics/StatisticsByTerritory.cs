using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;

namespace Parvis.Features.Statistics;

/// <summary>
/// The figures one level down a territory (the quartiers of a commune): each territory under it with what is under
/// that, and a row for what was placed on the territory itself, so that the rows add up to the total. A territory
/// with one territory under it (an agglomération of one commune) is passed through, its own rest kept as a row.
/// </summary>
public static class StatisticsByTerritory
{
    public static async Task<FigureTable?> TableAsync(IQueryable<Contribution> period, IReadOnlyList<TerritoryNode> all,
        int? parentId, int total)
    {
        var passed = new List<int>();
        var children = all.Where(t => t.ParentId == parentId).ToList();
        while (children.Count == 1 && all.Any(t => t.ParentId == children[0].Id))
        {
            if (parentId is { } passedThrough) passed.Add(passedThrough);
            parentId = children[0].Id;
            children = all.Where(t => t.ParentId == parentId).ToList();
        }
        if (parentId is { } last) passed.Add(last);
        if (children.Count == 0) return null;
        var byTerritory = await period.GroupBy(c => c.TerritoryId).Select(g => new
        {
            TerritoryId = g.Key,
            Count = g.Count(),
            People = g.Where(c => c.AuthorId != null).Select(c => c.AuthorId).Distinct().Count(),
        }).ToDictionaryAsync(t => t.TerritoryId);
        var rows = new List<RowCounts>();
        foreach (var child in children)
        {
            var under = TerritoryTree.SelfAndDescendants(all, child.Id);
            var count = under.Sum(id => byTerritory.GetValueOrDefault(id)?.Count ?? 0);
            // A person may have posted in two places under the child: counted once, in the database, when that can be.
            var people = under.Count(byTerritory.ContainsKey) <= 1
                ? under.Sum(id => byTerritory.GetValueOrDefault(id)?.People ?? 0)
                : await period.Where(c => under.Contains(c.TerritoryId) && c.AuthorId != null)
                    .Select(c => c.AuthorId).Distinct().CountAsync();
            rows.Add(new RowCounts("", [count, people], child.Name, Link(child.Id)));
        }
        foreach (var territory in Enumerable.Reverse(passed))
        {
            if (byTerritory.GetValueOrDefault(territory) is not { } itself) continue;
            var name = all.First(t => t.Id == territory).Name;
            rows.Add(new RowCounts(StatisticsLabels.TerritoryItself, [itself.Count, itself.People], name));
        }
        // Participants may have posted in several territories: that column has no total to give a figure away.
        return FigureTable.Summing("par-territoire", StatisticsLabels.ByTerritory,
            [StatisticsLabels.Contributions, StatisticsLabels.Participants],
            rows, [total, null]);
    }

    public static string Link(int territoryId) =>
        string.Create(CultureInfo.InvariantCulture, $"/statistiques/territoires/{territoryId}");
}
