using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>The organization's councils, and for an animator the ones they animate.</summary>
public class IndexModel(CouncilQueries queries) : PageModel
{
    public List<CouncilCard> Councils { get; private set; } = [];
    public List<int> Animated { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Councils = await queries.AllAsync();
        if (User.UserId() is { } me) Animated = await queries.AnimatedByAsync(me);
    }
}
