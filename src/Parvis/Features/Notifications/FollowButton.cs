using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Notifications;

/// <summary>
/// "Suivre" on an item's page: <c>@await Component.InvokeAsync("FollowButton", new { kind, id })</c>. A signed-in person
/// gets a form (follow or stop); a visitor a link to sign in, so the page they read stays free of form tokens and cacheable.
/// </summary>
public sealed class FollowButtonViewComponent(Following following) : ViewComponent
{
    public sealed record Model(FollowSubjectKind Kind, int Id, bool SignedIn, bool Following, string Here);

    public async Task<IViewComponentResult> InvokeAsync(FollowSubjectKind kind, int id)
    {
        var me = UserClaimsPrincipal.UserId();
        var here = HttpContext.Request.Path.ToString();
        var isFollowing = me is { } user && await following.IsFollowingAsync(user, kind, id);
        return View("/Features/Notifications/_FollowButton.cshtml", new Model(kind, id, me is not null, isFollowing, here));
    }
}

/// <summary>
/// The unread count in the header, for signed-in people only: their pages are never cached, an anonymous page never
/// holds one. One indexed count, no script, and bounded: notices are never purged, so someone who never reads them
/// would otherwise have every page view count all of them; past <see cref="Shown"/> the header says "99+".
/// </summary>
public sealed class NotificationCountViewComponent(ParvisDbContext db) : ViewComponent
{
    public const int Shown = 99;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.UserId();
        var unread = me is { } user
            ? await db.Notifications.Where(n => n.UserId == user && n.ReadAt == null).OrderBy(n => n.Id).Take(Shown + 1)
                .CountAsync()
            : 0;
        return View("/Features/Notifications/_NotificationCount.cshtml", unread);
    }
}
