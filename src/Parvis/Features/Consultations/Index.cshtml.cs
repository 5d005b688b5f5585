using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations;

public class IndexModel(ConsultationQueries queries, ParvisDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryId { get; set; }
    public IReadOnlyList<ConsultationCard> Consultations { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Territories = await TerritoryTree.OptionsAsync(db);
        Consultations = await queries.PublishedAsync(TerritoryId);
    }
}
