using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.News;

/// <summary>
/// A public post (a 404 before its date) with its visible comments. The comment form is shown to signed-in people
/// only, so the page an anonymous visitor reads holds no form token and stays in the page cache.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class DetailsModel(NewsQueries queries, NewsCommentCommands comments, PublicLinks links) : PageModel, IRedisplaysBrokenRules
{
    public NewsPost Post { get; private set; } = null!;
    public string? Territory { get; private set; }
    public string? Project { get; private set; }
    public List<NewsCommentView> Comments { get; private set; } = [];
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCommentAsync(int id)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        var comment = await comments.WriteAsync(User, id, Body);
        TempData["Message"] = comment.IsVisible ? "Votre commentaire est publié."
            : "Merci : votre commentaire sera publié après relecture par la modération.";
        return Redirect($"/actualites/{id}#commentaires");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        if (await queries.PublicPostAsync(id) is not { } post) return false;
        Post = post;
        (Territory, Project) = await queries.PlacesAsync(post);
        if (post.Comments != NewsComments.Closed) Comments = await queries.CommentsAsync(id);
        ViewData["Alternates"] = NewsFeeds.Alternates(links, "Actualités", null, Project is null ? null : post.ProjectId);
        return true;
    }
}
