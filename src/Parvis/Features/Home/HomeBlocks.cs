using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Home;

/// <summary>
/// The order of the home page's blocks: what an administrator saved, or <see cref="HomeBlock.DefaultOrder"/> for an
/// organization that never did. A move or a show/hide writes every block's row in one transaction, audited (which
/// also empties the page cache, so the home page changes at once).
/// </summary>
public sealed class HomeBlocks(ParvisDbContext db, AuditLog audit)
{
    public async Task<List<(HomeBlockKind Kind, bool Visible)>> ArrangedAsync() =>
        HomeBlock.Arrange(await db.HomeBlocks.AsNoTracking().ToListAsync());

    /// <summary>Moves a block one place up (-1) or down (+1).</summary>
    public Task MoveAsync(HomeBlockKind kind, int by) => ChangeAsync(kind, blocks =>
    {
        var index = blocks.FindIndex(b => b.Kind == kind);
        var target = index + Math.Sign(by);
        if (target < 0 || target >= blocks.Count) throw new DomainException("Ce bloc ne peut pas aller plus loin.");
        (blocks[index], blocks[target]) = (blocks[target], blocks[index]);
    }, by < 0 ? "home.block.up" : "home.block.down");

    public Task ShowAsync(HomeBlockKind kind, bool visible) => ChangeAsync(kind, blocks =>
    {
        var index = blocks.FindIndex(b => b.Kind == kind);
        blocks[index] = (kind, visible);
    }, visible ? "home.block.show" : "home.block.hide");

    private async Task ChangeAsync(HomeBlockKind kind, Action<List<(HomeBlockKind Kind, bool Visible)>> change, string action)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Ce bloc n'existe pas.");
        var saved = await db.HomeBlocks.ToListAsync();
        var blocks = HomeBlock.Arrange(saved);
        change(blocks);
        for (var i = 0; i < blocks.Count; i++)
        {
            var row = saved.FirstOrDefault(b => b.Kind == blocks[i].Kind);
            if (row is null) db.HomeBlocks.Add(row = new HomeBlock { Kind = blocks[i].Kind });
            row.Position = i;
            row.Visible = blocks[i].Visible;
        }
        audit.Record(action, nameof(HomeBlock), kind.ToString());
        await db.SaveChangesAsync();
    }

    /// <summary>The French name of a block (English in SharedResource.en.resx).</summary>
    public static string Label(HomeBlockKind kind) => kind switch
    {
        HomeBlockKind.News => "Actualités",
        HomeBlockKind.OpenConsultations => "Concertations ouvertes",
        HomeBlockKind.QuickQuestion => "Question rapide",
        HomeBlockKind.Projects => "Projets",
        _ => "Chiffres de « Nous avons fait »",
    };
}
