using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// "Est-ce réglé ?": the reporter, by the e-mailed link (or signed in as its author), says the problem is fixed,
/// or reopens the request, which goes back to its service's queue. The link only shows buttons: a mail scanner
/// opening it changes nothing.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class IsFixedModel(ParvisDbContext db, RequestMail mails, EmailQueue queue, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }

    public ServiceRequest? Item { get; private set; }
    public string CategoryName { get; private set; } = "";
    /// <summary>What the person just did: null before answering, true "réglé", false "rouvert".</summary>
    public bool? Answered { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostFixedAsync(int id)
    {
        if (await LoadAsync(id) is not { } request) return Page();
        if (request.Status != RequestStatus.Resolved) ModelState.AddModelError("", "Ce signalement n'est plus marqué résolu.");
        else Answered = true;
        return Page();
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, string? reason)
    {
        if (await LoadAsync(id) is not { } request) return Page();
        var update = request.Reopen(clock.GetUtcNow().UtcDateTime, reason);
        await mails.NotifyAsync(request, update, toReporter: false);
        await mails.NotifyServiceAsync(request, update);
        await db.SaveChangesAsync();
        queue.Flush();
        Answered = false;
        return Page();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync(this.RouteId()!.Value);
        return true;
    }

    /// <summary>The request when the link is its own (or the signed-in person reported it); otherwise a form error and null.</summary>
    private async Task<ServiceRequest?> LoadAsync(int id)
    {
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id && !r.AwaitingEmail);
        var userId = User.Identity?.IsAuthenticated == true ? Infrastructure.Web.ParvisClaims.UserId(User) : null;
        if (request is null || !(mails.IsFixCheckToken(tenant.OrganizationId, id, Token) || (userId is not null && request.AuthorId == userId)))
        {
            ModelState.AddModelError("", "Ce lien n'est pas valable ou a expiré. Connectez-vous avec le compte qui a fait le signalement, ou écrivez à la collectivité.");
            return null;
        }
        Item = request;
        CategoryName = await db.RequestCategories.AsNoTracking().Where(c => c.Id == request.CategoryId).Select(c => c.Name).FirstAsync();
        return request;
    }
}
