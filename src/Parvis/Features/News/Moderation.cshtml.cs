using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.News;

/// <summary>The moderators' queue of comments on posts: publish or hide with a reason, within their territories.</summary>
[Authorize(Policy = Policies.Moderate)]
public class ModerationModel(NewsCommentCommands comments) : PageModel, IRedisplaysBrokenRules
{
    public List<NewsCommentQueueItem> Queue { get; private set; } = [];

    public async Task OnGetAsync() => Queue = await comments.QueueAsync(User);

    public async Task<IActionResult> OnPostPublishAsync(long commentId)
    {
        await comments.PublishAsync(User, commentId);
        TempData["Message"] = "Commentaire publié.";
        return Redirect("/moderation/actualites");
    }

    public async Task<IActionResult> OnPostHideAsync(long commentId, string? reason)
    {
        await comments.HideAsync(User, commentId, reason);
        TempData["Message"] = "Commentaire masqué.";
        return Redirect("/moderation/actualites");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Queue = await comments.QueueAsync(User);
        return true;
    }
}
