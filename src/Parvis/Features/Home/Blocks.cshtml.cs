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

    public Task<IActionResult> OnPostUpAsync(HomeBlockKind kind) => ActAsync(() => blocks.MoveAsync(kind, -1), "Bloc monté.");

    public Task<IActionResult> OnPostDownAsync(HomeBlockKind kind) => ActAsync(() => blocks.MoveAsync(kind, 1), "Bloc descendu.");

    public Task<IActionResult> OnPostShowAsync(HomeBlockKind kind) => ActAsync(() => blocks.ShowAsync(kind, true), "Bloc affiché.");

    public Task<IActionResult> OnPostHideAsync(HomeBlockKind kind) => ActAsync(() => blocks.ShowAsync(kind, false), "Bloc masqué.");

    private async Task<IActionResult> ActAsync(Func<Task> action, string success)
    {
        // An unreadable kind arrives as the default value with an error: refused, nothing saved.
        if (!ModelState.IsValid) throw new DomainException("Ce bloc n'existe pas.");
        await action();
        TempData["Message"] = success;
        return Redirect("/admin/accueil");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Blocks = await blocks.ArrangedAsync();
        return true;
    }
}
