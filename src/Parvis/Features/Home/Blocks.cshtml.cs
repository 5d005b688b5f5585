using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Home;

/// <summary>The administrator's page for the home page's blocks: up and down buttons, show or hide; no script needed.</summary>
[Authorize(Policy = Policies.Administer)]
public class BlocksModel(HomeBlocks blocks) : PageModel, IRedisplaysBrokenRules
{
    public List<(HomeBlockKind Kind, bool Visible)> Blocks { get; private set; } = [];

    public async Task OnGetAsync() => Blocks = await blocks.ArrangedAsync();

    public Task<IActionResult> OnPostUpAsync(HomeBlockKind? kind) => ActAsync(kind, k => blocks.MoveAsync(k, -1), "Bloc monté.");

    public Task<IActionResult> OnPostDownAsync(HomeBlockKind? kind) => ActAsync(kind, k => blocks.MoveAsync(k, 1), "Bloc descendu.");

    public Task<IActionResult> OnPostShowAsync(HomeBlockKind? kind) => ActAsync(kind, k => blocks.ShowAsync(k, true), "Bloc affiché.");

    public Task<IActionResult> OnPostHideAsync(HomeBlockKind? kind) => ActAsync(kind, k => blocks.ShowAsync(k, false), "Bloc masqué.");

    private async Task<IActionResult> ActAsync(HomeBlockKind? kind, Func<HomeBlockKind, Task> action, string success)
    {
        // A missing or unreadable kind: refused, nothing saved.
        if (!ModelState.IsValid || kind is not { } k) throw new DomainException("Ce bloc n'existe pas.");
        await action(k);
        TempData["Message"] = success;
        return Redirect("/admin/accueil");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Blocks = await blocks.ArrangedAsync();
        return true;
    }
}
