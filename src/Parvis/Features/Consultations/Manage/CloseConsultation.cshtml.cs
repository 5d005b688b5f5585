using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class CloseConsultationModel(ParvisDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization,
    Statements.OpinionMapReport opinionMaps, Synthesis.SynthesisReport themes) : PageModel, IRedisplaysBrokenRules
{
    public Consultation Consultation { get; private set; } = null!;
    public List<(int Id, string Excerpt)> Contributions { get; private set; } = [];

    [BindProperty] public string? Report { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        Report = Consultation.ClosingReportMarkdown;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        if (Report is { Length: > 100_000 })
        {
            ModelState.AddModelError(nameof(Report), "Le bilan dépasse 100 000 caractères.");
            return Page();
        }
        Consultation.Close(Report, clock.GetUtcNow().UtcDateTime);
        audit.Record("consultation.close", nameof(Consultation), id, Consultation.ClosingReportMarkdown is null ? "sans bilan" : "avec bilan publié");
        await db.SaveChangesAsync();
        TempData["Message"] = "La concertation est close ; son bilan est publié.";
        return Redirect($"/concertations/{id}");
    }

    /// <summary>Adds the opinion maps' section to the report being written; nothing is saved but the audit entry.</summary>
    public async Task<IActionResult> OnPostInsertMapAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        var section = await opinionMaps.MarkdownAsync(id)
            ?? throw new DomainException("Aucune carte des opinions n'a encore été calculée pour cette concertation.");
        ModelState.Remove(nameof(Report));
        Report = string.IsNullOrWhiteSpace(Report) ? section : Report.TrimEnd() + "\n\n" + section;
        audit.Record("opinion-map.export", nameof(Consultation), id, "carte des opinions insérée dans le bilan");
        await db.SaveChangesAsync();
        return Page();
    }

    /// <summary>Adds the themes named on the synthesis page, with their counts and quotes; nothing saved but the audit entry.</summary>
    public async Task<IActionResult> OnPostInsertThemesAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Consultation, ServiceStaffRequirement.Instance)).Succeeded) return Forbid();
        var section = await themes.MarkdownAsync(id)
            ?? throw new DomainException("Aucun thème n'a encore été nommé pour cette concertation (page Synthèse).");
        ModelState.Remove(nameof(Report));
        Report = string.IsNullOrWhiteSpace(Report) ? section : Report.TrimEnd() + "\n\n" + section;
        audit.Record("synthesis.export", nameof(Consultation), id, "thèmes insérés dans le bilan");
        await db.SaveChangesAsync();
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var c = await db.Consultations.FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return false;
        Consultation = c;
        Contributions = (await db.Contributions.AsNoTracking().Where(x => x.ConsultationId == id && x.State == ModerationState.Published)
            .OrderByDescending(x => x.AgreeCount).Take(30).Select(x => new { x.Id, x.Body }).ToListAsync())
            .Select(x => (x.Id, Shared.Excerpt.Of(x.Body, 100))).ToList();
        return true;
    }

    public string BrokenRuleField(string? handler) => nameof(Report);
}
