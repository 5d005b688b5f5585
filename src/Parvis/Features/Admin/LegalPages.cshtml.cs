using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Admin;

/// <summary>The organization's accessibility statement and legal notice, each saved and audited on its own.</summary>
public class LegalPagesModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock,
    Infrastructure.Cluster.ICacheInvalidation cache) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public AccessibilityForm Accessibility { get; set; } = new();
    [BindProperty] public NoticeForm Notice { get; set; } = new();

    public sealed class AccessibilityForm
    {
        [Range(0, 100, ErrorMessage = "Le taux de conformité doit être entre 0 et 100 %.")]
        public int? Rate { get; set; }
        public DateOnly? AuditDate { get; set; }
        [StringLength(LegalPages.MaxLine, ErrorMessage = "Le nom de l'auditeur dépasse 300 caractères.")]
        public string? AuditedBy { get; set; }
        [StringLength(LegalPages.MaxText, ErrorMessage = "Les non-conformités dépassent 20 000 caractères.")]
        public string? NonCompliances { get; set; }
        [StringLength(LegalPages.MaxText, ErrorMessage = "Les dérogations dépassent 20 000 caractères.")]
        public string? Derogations { get; set; }
        [StringLength(LegalPages.MaxLine, ErrorMessage = "Le contact dépasse 300 caractères.")]
        public string? Contact { get; set; }
    }

    public sealed class NoticeForm
    {
        [StringLength(LegalPages.MaxLine * 3, ErrorMessage = "L'éditeur dépasse 900 caractères.")]
        public string? Publisher { get; set; }
        [StringLength(LegalPages.MaxLine, ErrorMessage = "Le directeur de la publication dépasse 300 caractères.")]
        public string? Director { get; set; }
        [StringLength(LegalPages.MaxLine * 3, ErrorMessage = "L'hébergeur dépasse 900 caractères.")]
        public string? Host { get; set; }
        [StringLength(LegalPages.MaxText, ErrorMessage = "Le complément dépasse 20 000 caractères.")]
        public string? More { get; set; }
    }

    public void OnGet()
    {
        var legal = tenant.Organization.Legal;
        Accessibility = new AccessibilityForm
        {
            Rate = legal.AccessibilityRate,
            AuditDate = legal.AuditDate,
            AuditedBy = legal.AuditedBy,
            NonCompliances = legal.NonCompliancesMarkdown,
            Derogations = legal.DerogationsMarkdown,
            Contact = legal.AccessibilityContact,
        };
        Notice = new NoticeForm
        {
            Publisher = legal.Publisher,
            Director = legal.PublicationDirector,
            Host = legal.Host,
            More = legal.LegalNoticeMarkdown,
        };
    }

    public Task<IActionResult> OnPostAccessibilityAsync() => SaveAsync(nameof(Accessibility), "organization.accessibility",
        legal => legal.DescribeAccessibility(Accessibility.Rate, Accessibility.AuditDate, Accessibility.AuditedBy,
            Accessibility.NonCompliances, Accessibility.Derogations, Accessibility.Contact, clock.GetUtcNow().UtcDateTime),
        legal => legal.AccessibilityRate is { } rate ? $"{rate} %" : "sans audit");

    public Task<IActionResult> OnPostNoticeAsync() => SaveAsync(nameof(Notice), "organization.legal-notice",
        legal => legal.DescribeLegalNotice(Notice.Publisher, Notice.Director, Notice.Host, Notice.More), _ => null);

    private async Task<IActionResult> SaveAsync(string form, string action, Action<LegalPages> describe, Func<LegalPages, string?> detail)
    {
        // Each form posts alone: only its own fields are checked.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(form + ".", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        _form = form;
        if (!ModelState.IsValid)
        {
            await ReloadAfterBrokenRuleAsync();
            return Page();
        }
        describe(o.Legal);
        audit.Record(action, nameof(Organization), o.Id, detail(o.Legal));
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = "Page enregistrée.";
        return RedirectToPage();
    }

    private string _form = "";

    /// <summary>The page shown again: the posted form keeps what was typed, the other shows what is saved.</summary>
    public Task<bool> ReloadAfterBrokenRuleAsync()
    {
        var (posted, other) = (Accessibility, Notice);
        OnGet();
        if (_form == nameof(Accessibility)) Accessibility = posted;
        else Notice = other;
        return Task.FromResult(true);
    }

    public string BrokenRuleField(string? handler) => handler ?? "";
}
