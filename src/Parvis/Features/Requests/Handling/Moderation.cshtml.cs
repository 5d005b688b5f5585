using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Moderation;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// Moderating requests: the hidden ones of the moderator's territories, and for one request (by its number)
/// hiding or restoring it and its photos, and redacting personal data from its description.
/// </summary>
[Authorize(Policy = Policies.Moderate)]
public class ModerationModel(ParvisDbContext db, RequestModeration moderation, ModerationCommands scopes) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Hidden(int Id, string Description, string? Reason);

    [BindProperty(SupportsGet = true, Name = "n")] public int? Number { get; set; }

    public ServiceRequest? Item { get; private set; }
    public List<PhotoView> Photos { get; private set; } = [];
    public List<Hidden> HiddenItems { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostHideAsync(int id, string? reason) => ActAsync(id, () => moderation.HideAsync(User, id, reason), "Le signalement est masqué.");

    public Task<IActionResult> OnPostRestoreAsync(int id) => ActAsync(id, () => moderation.RestoreAsync(User, id), "Le signalement est rétabli.");

    public Task<IActionResult> OnPostHidePhotoAsync(int id, int photoId) => ActAsync(id, () => moderation.SetPhotoHiddenAsync(User, id, photoId, true), "La photo est masquée.");

    public Task<IActionResult> OnPostRestorePhotoAsync(int id, int photoId) => ActAsync(id, () => moderation.SetPhotoHiddenAsync(User, id, photoId, false), "La photo est rétablie.");

    public Task<IActionResult> OnPostRedactAsync(int id, string? description) =>
        ActAsync(id, () => moderation.RedactAsync(User, id, description), "La description est corrigée ; l'original est gardé dans le journal d'administration.");

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, string done)
    {
        // Shown again with this request open if a rule is broken.
        Number = id;
        await action();
        TempData["Message"] = done;
        return Redirect($"/moderation/signalements?n={id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        var query = db.ServiceRequests.AsNoTracking().Where(r => r.IsHidden);
        if (await scopes.ScopeAsync(User) is { } scope) query = query.Where(r => r.TerritoryId != null && scope.Territories.Contains(r.TerritoryId.Value));
        HiddenItems = await query.OrderByDescending(r => r.UpdatedAt).Take(100).Select(r => new Hidden(r.Id, r.Description, r.HiddenReason)).ToListAsync();
        if (Number is not { } number) return;
        var item = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == number);
        if (item is null) ModelState.AddModelError("", "Ce signalement n'existe pas.");
        else if (!await moderation.CanModerateAsync(User, item.TerritoryId)) ModelState.AddModelError("", "Vous ne modérez pas ce signalement.");
        else
        {
            Item = item;
            Photos = await RequestQueries.PhotosAsync(db, item.Id, withHidden: true);
        }
    }
}
