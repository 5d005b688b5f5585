using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Synthesis;

/// <summary>A theme as the page shows it: its contributions counted, its quotes with an excerpt.</summary>
public sealed record ThemeView(SynthesisTheme Theme, int Count, List<(int Id, string Excerpt)> Quotes);

/// <summary>
/// The staff's synthesis of a consultation: its contributions grouped by the background job (asked for here, never
/// computed here), and the themes they name from the groups for the closing report. The staff of the consultation's
/// service only (<see cref="ServiceStaffRequirement"/>, as for closing it).
/// </summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class SynthesisModel(ParvisDbContext db, AuditLog audit, IAuthorizationService authorization, GroupingStore store,
    ThemeCommands themes) : PageModel, IRedisplaysBrokenRules
{
    public Consultation Consultation { get; private set; } = null!;
    public ContributionGrouping? Grouping { get; private set; }
    public TextGroups? Groups { get; private set; }
    public Dictionary<int, string> Excerpts { get; private set; } = [];
    public List<ThemeView> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await AllowedAsync(id) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostRequestAsync(int id)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await store.RequestAsync(id);
        audit.Record("synthesis.group", nameof(Consultation), id, "regroupement des contributions demandé");
        await db.SaveChangesAsync();
        return Done(id, "Le regroupement des contributions est demandé : il se calcule en arrière-plan.");
    }

    public async Task<IActionResult> OnPostNameGroupAsync(int id, int group, string? name)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.NameGroupAsync(id, group, name);
        return Done(id, "Le thème est créé.");
    }

    public async Task<IActionResult> OnPostAddGroupAsync(int id, int group, int? theme)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.AddGroupAsync(id, group, theme);
        return Done(id, "Le groupe est ajouté au thème.");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int? contribution, int? theme)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.MoveAsync(id, contribution, theme);
        return Done(id, "La contribution est placée dans le thème.");
    }

    public async Task<IActionResult> OnPostQuoteAsync(int id, int? contribution, bool quote = true)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.QuoteAsync(id, contribution, quote);
        return Done(id, quote ? "La contribution est citée dans son thème." : "La contribution n'est plus citée.");
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, int? theme, string? name)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.RenameAsync(id, theme, name);
        return Done(id, "Le thème est renommé.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int? theme)
    {
        if (await AllowedAsync(id) is { } refused) return refused;
        await themes.DeleteAsync(id, theme);
        return Done(id, "Le thème est supprimé ; ses contributions restent publiées, sans thème.");
    }

    private RedirectResult Done(int id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/concertations/{id}/synthese");
    }

    /// <summary>Loads what the page shows; null when this person manages the consultation, else the answer.</summary>
    private async Task<IActionResult?> AllowedAsync(int id)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (consultation is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        Consultation = consultation;
        Grouping = await store.StateAsync(id);
        Groups = GroupingStore.Groups(Grouping);
        var themeRows = await db.SynthesisThemes.AsNoTracking().Where(t => t.ConsultationId == id).OrderBy(t => t.Name).ToListAsync();
        var counts = await db.ThemeContributions.Where(t => t.Theme!.ConsultationId == id).GroupBy(t => t.ThemeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var quotes = await db.ThemeContributions.Where(t => t.Theme!.ConsultationId == id && t.IsQuote).OrderBy(t => t.ContributionId)
            .Select(t => new { t.ThemeId, t.ContributionId }).ToListAsync();
        var shown = (Groups?.Groups.SelectMany(g => g.Typical.Concat(g.Copies)).Select(c => c.Id) ?? [])
            .Concat(quotes.Select(q => q.ContributionId)).Distinct().ToList();
        Excerpts = (await db.Contributions.AsNoTracking().Where(c => shown.Contains(c.Id)).Select(c => new { c.Id, c.Body }).ToListAsync())
            .ToDictionary(c => c.Id, c => Excerpt.Of(c.Body, 200));
        Themes = [.. themeRows.Select(t => new ThemeView(t, counts.GetValueOrDefault(t.Id),
            [.. quotes.Where(q => q.ThemeId == t.Id).Select(q => (q.ContributionId, Excerpts.GetValueOrDefault(q.ContributionId, "")))]))];
        return null;
    }
}
