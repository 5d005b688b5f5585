using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Proposals;

public class SpaceModel(ParvisDbContext db, ProposalQueries queries, TimeProvider clock) : PageModel
{
    public ProposalSpace Space { get; private set; } = null!;
    public bool Open { get; private set; }
    public List<ProposalRow> Rows { get; private set; } = [];
    public string? Next { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public Dictionary<int, string> CategoryNames { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "tri")] public ProposalSort Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "categorie")] public int? CategoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "etat")] public ProposalState? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "apres")] public string? After { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var space = await db.ProposalSpaces.AsNoTracking().Include(s => s.Territory).Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id && s.PublishedAt != null);
        if (space is null) return NotFound();
        Space = space;
        Space.Categories.Sort((a, b) => a.Position.CompareTo(b.Position));
        CategoryNames = Space.Categories.ToDictionary(c => c.Id, c => c.Name);
        Open = space.IsOpenAt(clock.GetUtcNow().UtcDateTime);
        Territories = await TerritoryTree.OptionsAsync(db);
        if (!Enum.IsDefined(Sort)) Sort = ProposalSort.Supported;
        (Rows, Next) = await queries.PageAsync(space, new ProposalFilter(Sort, CategoryFilter, StatusFilter, TerritoryFilter, After));
        return Page();
    }

    public string Link(string? after) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/propositions/espaces/{Space.Id}",
        new Dictionary<string, string?>
        {
            ["tri"] = Sort.ToString(),
            ["categorie"] = CategoryFilter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["etat"] = StatusFilter?.ToString(),
            ["territoire"] = TerritoryFilter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["apres"] = after,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
