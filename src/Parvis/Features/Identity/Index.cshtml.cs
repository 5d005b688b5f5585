using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>"Mon identité": what the person is verified to be, by whom and until when, and the ways to add to it.</summary>
[Authorize]
public class IndexModel(Verifications verifications, ParvisDbContext db, TimeProvider clock) : PageModel
{
    public List<Verification> History { get; private set; } = [];
    public VerifiedAttributes Attributes { get; private set; } = VerifiedAttributes.None;
    public Dictionary<int, string> TerritoryNames { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = User.UserId()!.Value;
        Now = clock.GetUtcNow().UtcDateTime;
        History = await verifications.HistoryOfAsync(userId);
        Attributes = VerifiedAttributes.Of(History, Now);
        var ids = History.Where(v => v.ResidentTerritoryId is not null).Select(v => v.ResidentTerritoryId!.Value).Distinct().ToList();
        TerritoryNames = await db.Territories.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
    }
}
