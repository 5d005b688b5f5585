using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Reporting;

/// <summary>
/// "Suivre ce signalement": a button for a signed-in person (and one to stop), an e-mail field otherwise;
/// the address is recorded only once the link sent to it is followed.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class FollowModel(RequestFollowing following) : PageModel, IRedisplaysBrokenRules
{
    public ServiceRequest Request_ { get; private set; } = null!;
    public bool SignedIn => User.UserId() is not null;
    public bool Following { get; private set; }
    public bool LinkSent { get; private set; }

    [BindProperty] public string? Email { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        if (SignedIn)
        {
            var added = await following.FollowAsync(User, id);
            TempData["Message"] = added ? "Vous suivez ce signalement : vous serez prévenu de chaque étape." : "Vous suivez déjà ce signalement.";
            return Redirect("/compte/signalements");
        }
        await following.AskByEmailAsync(id, Email);
        LinkSent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostStopAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        var removed = await following.UnfollowAsync(User, id);
        TempData["Message"] = removed ? "Vous ne suivez plus ce signalement." : "Vous ne suiviez pas ce signalement.";
        return Redirect("/compte/signalements");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    public string BrokenRuleField(string? handler) => handler == "Stop" ? "" : nameof(Email);

    private async Task<bool> LoadAsync(int id)
    {
        if (await following.FollowableAsync(id) is not { } request) return false;
        Request_ = request;
        if (User.UserId() is { } me) Following = await following.IsFollowingAsync(me, id);
        return true;
    }
}
