using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations;

public sealed record TerritoryNode(int Id, int? ParentId, string Name);

public static class TerritoryTree
{
    /// <summary>The territory and every territory under it; trees are small, so one read and a walk in memory.</summary>
    public static async Task<List<int>> SelfAndDescendantsAsync(ParvisDbContext db, int territoryId) =>
        SelfAndDescendants(await AllAsync(db), territoryId);

    public static async Task<List<(int Id, string Label)>> OptionsAsync(ParvisDbContext db) => Options(await AllAsync(db));

    /// <summary>The organization's territories, by name.</summary>
    public static Task<List<TerritoryNode>> AllAsync(ParvisDbContext db) =>
        db.Territories.AsNoTracking().OrderBy(t => t.Name).Select(t => new TerritoryNode(t.Id, t.ParentId, t.Name)).ToListAsync();

    public static List<int> SelfAndDescendants(IReadOnlyList<TerritoryNode> all, int territoryId)
    {
        var result = new List<int>();
        if (all.All(t => t.Id != territoryId)) return result;
        var frontier = new Queue<int>([territoryId]);
        while (frontier.Count > 0)
        {
            var id = frontier.Dequeue();
            if (result.Contains(id)) continue;
            result.Add(id);
            foreach (var child in all.Where(t => t.ParentId == id)) frontier.Enqueue(child.Id);
        }
        return result;
    }

    /// <summary>Every territory under its parent, indented by depth, siblings by name.</summary>
    public static List<(int Id, string Label)> Options(IReadOnlyList<TerritoryNode> all)
    {
        var result = new List<(int, string)>();
        void Walk(int? parent, int depth)
        {
            foreach (var t in all.Where(t => t.ParentId == parent))
            {
                result.Add((t.Id, new string('\u00A0', depth * 3) + t.Name));
                Walk(t.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }
}

/// <summary>The organization's territory tree from <see cref="OrganizationCache"/>, for the pages read on every request.</summary>
public sealed class TerritoryTrees(ParvisDbContext db, OrganizationCache cache)
{
    public Task<List<TerritoryNode>> AllAsync() => cache.GetAsync("territories", null, () => TerritoryTree.AllAsync(db));

    public async Task<List<int>> SelfAndDescendantsAsync(int territoryId) => TerritoryTree.SelfAndDescendants(await AllAsync(), territoryId);

    public Task<List<(int Id, string Label)>> OptionsAsync() =>
        cache.GetAsync("territory-options", null, async () => TerritoryTree.Options(await AllAsync()));
}
