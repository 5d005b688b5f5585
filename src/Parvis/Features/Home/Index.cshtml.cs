using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.Consultations;

namespace Parvis.Features.Home;

public class IndexModel(ConsultationQueries queries) : PageModel
{
    public IReadOnlyList<ConsultationCard> Open { get; private set; } = [];
    public IReadOnlyList<ConsultationCard> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = await queries.PublishedAsync(territoryId: null);
        Open = all.Where(c => c.Phase == Domain.ConsultationPhase.Contributions).ToList();
        Recent = all.Where(c => c.Phase != Domain.ConsultationPhase.Contributions).Take(6).ToList();
    }
}
