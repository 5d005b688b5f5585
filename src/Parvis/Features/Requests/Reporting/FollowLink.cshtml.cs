using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Requests.Reporting;

/// <summary>
/// The links e-mailed to a follower without an account: to start following (7 days) and to stop. Opening
/// one shows a button: mail scanners that fetch links must not change anything by themselves.
/// </summary>
public class FollowLinkModel(RequestFollowing following) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }
    [BindProperty(SupportsGet = true)] public string Step { get; set; } = "";
    public int RequestId { get; private set; }
    public bool Stopping => Step == "arreter";

    public void OnGet(int id) => RequestId = id;

    public async Task<IActionResult> OnPostAsync(int id)
    {
        RequestId = id;
        if (Stopping)
        {
            var removed = await following.StopByLinkAsync(id, Token);
            TempData["Message"] = removed ? "Vous ne suivez plus ce signalement." : "Vous ne suiviez pas ce signalement.";
        }
        else
        {
            var added = await following.ConfirmEmailAsync(id, Token);
            TempData["Message"] = added ? "Vous suivez ce signalement : vous serez prévenu de chaque étape." : "Vous suivez déjà ce signalement.";
        }
        return Redirect("/");
    }
}
