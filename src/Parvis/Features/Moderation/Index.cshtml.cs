using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Moderation;

public class IndexModel(ModerationCommands commands, CommentModeration comments) : PageModel, IRedisplaysBrokenRules
{
    public List<QueueItem> Items { get; private set; } = [];
    public List<CommentQueueItem> Comments { get; private set; } = [];
    public int ItemTotal { get; private set; }
    public int CommentTotal { get; private set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Math.Max(ItemTotal, CommentTotal) + ModerationCommands.QueuePageSize - 1) / ModerationCommands.QueuePageSize);

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(PageNumber, 1);
        // Both lists within the same perimeter, looked up once.
        var scope = await commands.ScopeAsync(User);
        (Items, ItemTotal) = await commands.QueueAsync(scope, PageNumber);
        (Comments, CommentTotal) = await comments.QueueAsync(scope, PageNumber);
    }

    public Task<IActionResult> OnPostHideCommentAsync(long commentId, string? reason) => Act(() => comments.HideAsync(User, commentId, reason), "Commentaire masqué.");

    public Task<IActionResult> OnPostRestoreCommentAsync(long commentId, string? reason) => Act(() => comments.RestoreAsync(User, commentId, reason), "Commentaire publié.");

    public Task<IActionResult> OnPostDismissCommentAsync(long commentId, string? reason) => Act(() => comments.DismissFlagsAsync(User, commentId, reason), "Signalements classés sans suite.");

    public Task<IActionResult> OnPostHideAsync(int id, string? reason) => Act(() => commands.HideAsync(User, id, reason), "Contribution masquée.");

    public Task<IActionResult> OnPostRestoreAsync(int id, string? reason) => Act(() => commands.RestoreAsync(User, id, reason), "Contribution publiée.");

    public Task<IActionResult> OnPostDismissAsync(int id, string? reason) => Act(() => commands.DismissFlagsAsync(User, id, reason), "Signalements classés sans suite.");

    public Task<IActionResult> OnPostBlockAsync(int id, string? reason) => Act(() => commands.BlockAuthorAsync(User, id, reason), "Auteur bloqué.");

    private async Task<IActionResult> Act(Func<Task> action, string success)
    {
        await action();
        TempData["Message"] = success;
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await OnGetAsync();
        return true;
    }
}
