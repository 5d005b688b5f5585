using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Notifications;

/// <summary>"Mes abonnements": what the person follows; the follow and unfollow buttons of every item's page post here.</summary>
[Authorize]
[RateLimited(RateLimits.Reactions)]
public class FollowsModel(ParvisDbContext db, Following following, FollowSubjects subjects) : PageModel
{
    private const int Shown = 200;

    public sealed record Row(FollowSubjectKind Kind, int Id, string Title, string Path, bool Automatic);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.UserId()!.Value;
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == me).OrderByDescending(f => f.Id).Take(Shown).ToListAsync();
        var found = await subjects.FindAllAsync(follows.Select(f => (f.SubjectKind, f.SubjectId)));
        foreach (var f in follows)
            if (found.TryGetValue((f.SubjectKind, f.SubjectId), out var subject))
                Rows.Add(new Row(f.SubjectKind, f.SubjectId, subject.Title, subject.Path, f.Automatic));
    }

    public async Task<IActionResult> OnPostAsync(FollowSubjectKind kind, int id, string? returnUrl)
    {
        if (!Enum.IsDefined(kind)) return BadRequest();
        var added = await following.FollowAsync(User, kind, id);
        TempData["Message"] = added ? "Vous suivez désormais cet élément : vous serez prévenu de ses nouvelles." : "Vous suivez déjà cet élément.";
        return LocalRedirect(Back(returnUrl, kind, id));
    }

    public async Task<IActionResult> OnPostStopAsync(FollowSubjectKind kind, int id, string? returnUrl)
    {
        if (!Enum.IsDefined(kind)) return BadRequest();
        var removed = await following.UnfollowAsync(User, kind, id);
        TempData["Message"] = removed ? "Vous ne suivez plus cet élément." : "Vous ne suiviez pas cet élément.";
        return LocalRedirect(Back(returnUrl, kind, id));
    }

    private string Back(string? returnUrl, FollowSubjectKind kind, int id) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : FollowSubjects.PathOf(kind, id);
}
