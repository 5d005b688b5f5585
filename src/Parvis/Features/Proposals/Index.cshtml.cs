using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;

namespace Parvis.Features.Proposals;

public class IndexModel(ProposalQueries queries) : PageModel
{
    public List<SpaceCard> Spaces { get; private set; } = [];
    public List<(int Id, string Title, int SpaceId, int Supports, ProposalState Status)> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Spaces = await queries.SpacesAsync();
        Recent = await queries.RecentAsync(10);
    }
}
