using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.News.Manage;

/// <summary>One post for staff: its text, cover image, publication (now or scheduled) and the texts it had before.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(ParvisDbContext db, NewsCommands commands, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public NewsForm Form { get; set; } = new();
    public NewsForm.Choices Choices { get; private set; } = null!;
    public NewsPost Post { get; private set; } = null!;
    public List<NewsPostVersion> Versions { get; private set; } = [];
    public DateTime Now { get; private set; }

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id, fillForm: true);

    public async Task<IActionResult> OnPostAsync(int id)
    {
        _keepForm = true;
        if (!ModelState.IsValid) return await ShowAsync(id, fillForm: false);
        return await ActAsync(id, p => commands.UpdateAsync(User, p, Form.ToDescription()), "Actualité enregistrée.");
    }

    public Task<IActionResult> OnPostPublishAsync(int id, string? publishAt) =>
        ActAsync(id, p => commands.ScheduleAsync(p, ParseLocal(publishAt)),
            string.IsNullOrWhiteSpace(publishAt) ? "Actualité publiée." : "Actualité programmée : elle paraîtra à la date indiquée.");

    public Task<IActionResult> OnPostUnpublishAsync(int id) =>
        ActAsync(id, commands.UnpublishAsync, "Actualité retirée de la publication.");

    public Task<IActionResult> OnPostCoverAsync(int id, IFormFile? file, string? altText) =>
        ActAsync(id, p => commands.SetCoverAsync(p, file, altText), "Image enregistrée.", "image");

    public Task<IActionResult> OnPostRemoveCoverAsync(int id) =>
        ActAsync(id, commands.RemoveCoverAsync, "Image retirée.", "image");

    private bool _keepForm;

    private async Task<IActionResult> ActAsync(int id, Func<NewsPost, Task> action, string success, string anchor = "")
    {
        if (!_keepForm) ModelState.Clear();
        var post = await commands.FindAsync(id);
        await action(post);
        TempData["Message"] = success;
        return Redirect($"/admin/actualites/{id}" + (anchor.Length > 0 ? "#" + anchor : ""));
    }

    /// <summary>A date and time typed in the organization's time zone; empty is now.</summary>
    private DateTime? ParseLocal(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (!DateTime.TryParseExact(typed.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            throw new DomainException("La date de publication n'est pas lisible : indiquez par exemple 2026-03-01T09:00.");
        if (local.Year < 2000 || local.Year > 2200) throw new DomainException("La date de publication est hors des dates possibles.");
        return tenant.Organization.ToUtc(local);
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() =>
        await ShowAsync(this.RouteId()!.Value, fillForm: !_keepForm) is PageResult;

    private async Task<IActionResult> ShowAsync(int id, bool fillForm)
    {
        if (await db.NewsPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) is not { } post) return NotFound();
        Post = post;
        if (fillForm) Form = NewsForm.From(post);
        Choices = await NewsForm.ChoicesAsync(db);
        Versions = await db.NewsPostVersions.AsNoTracking().Where(v => v.NewsPostId == id)
            .OrderByDescending(v => v.ReplacedAt).ThenByDescending(v => v.Id).Take(100).ToListAsync();
        Now = clock.GetUtcNow().UtcDateTime;
        return Page();
    }

    public string Local(DateTime utc, string format = "d MMMM yyyy HH:mm") =>
        tenant.Organization.ToLocal(utc).ToString(format, CultureInfo.CurrentCulture);
}
