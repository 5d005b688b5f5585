using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Moderation;

public class IndexModel(ModerationCommands commands) : PageModel
{
    public List<QueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await commands.QueueAsync(User);

    public Task<IActionResult> OnPostHideAsync(int id, string? reason) => Act(() => commands.HideAsync(User, id, reason), "Contribution masquée.");

    public Task<IActionResult> OnPostRestoreAsync(int id, string? reason) => Act(() => commands.RestoreAsync(User, id, reason), "Contribution publiée.");

    public Task<IActionResult> OnPostDismissAsync(int id, string? reason) => Act(() => commands.DismissFlagsAsync(User, id, reason), "Signalements classés sans suite.");

    public Task<IActionResult> OnPostBlockAsync(int id, string? reason) => Act(() => commands.BlockAuthorAsync(User, id, reason), "Auteur bloqué.");

    private async Task<IActionResult> Act(Func<Task> action, string success)
    {
        try
        {
            await action();
            TempData["Message"] = success;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError("", e);
            Items = await commands.QueueAsync(User);
            return Page();
        }
    }
}
