using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Admin;

/// <summary>Branding and rules of the organization: name, colour, time zone, contact, charter, moderation threshold, 2FA, open data licence.</summary>
public class OrganizationModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, Infrastructure.Cluster.ICacheInvalidation cache, Files.FileCommands files) : PageModel
{
    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logo)
    {
        Domain.StoredFile file;
        try
        {
            file = await files.StoreAsync(logo, Domain.FileKind.Logo, "Logo");
        }
        catch (Domain.DomainException e)
        {
            OnGet();
            ModelState.AddDomainError("logo", e);
            return Page();
        }
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var previous = await db.StoredFiles.Where(f => f.Kind == Domain.FileKind.Logo).ToListAsync();
        db.StoredFiles.RemoveRange(previous);
        db.StoredFiles.Add(file);
        o.LogoPath = $"/fichiers/{file.Id}";
        audit.Record("organization.logo", nameof(Organization), o.Id, file.FileName);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await files.DiscardAsync(file);
            throw;
        }
        foreach (var old in previous) await files.DiscardAsync(old);
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = "Logo enregistré.";
        return RedirectToPage();
    }

    public static readonly string[] TimeZones =
        ["Europe/Paris", "America/Cayenne", "America/Guadeloupe", "America/Martinique", "Indian/Reunion", "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti", "America/Miquelon"];

    [BindProperty] public OrganizationForm Form { get; set; } = new();

    public sealed class OrganizationForm
    {
        [Required(ErrorMessage = "Le nom est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le nom dépasse 200 caractères.")]
        public string Name { get; set; } = "";
        [Required(ErrorMessage = "Choisissez une couleur.")]
        public string PrimaryColor { get; set; } = "#1d4f91";
        public string TimeZoneId { get; set; } = "Europe/Paris";
        [EmailAddress(ErrorMessage = "L'adresse de contact n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse de contact est trop longue.")]
        public string? ContactEmail { get; set; }
        [StringLength(50_000, ErrorMessage = "La charte dépasse 50 000 caractères.")]
        public string? CharterMarkdown { get; set; }
        [Range(1, 100, ErrorMessage = "Le seuil de signalements doit être entre 1 et 100.")]
        public int FlagThreshold { get; set; } = 3;
        public bool RequireTwoFactorForStaff { get; set; }
        [Range(1, 365, ErrorMessage = "Le délai de réponse doit être entre 1 et 365 jours.")]
        public int ResponseDeadlineDays { get; set; } = Organization.DefaultResponseDeadlineDays;
        public OpenDataLicence DataLicence { get; set; }
        public bool PublicStatistics { get; set; }
    }

    public void OnGet()
    {
        var o = tenant.Organization;
        Form = new OrganizationForm
        {
            Name = o.Name,
            PrimaryColor = o.PrimaryColor,
            TimeZoneId = o.TimeZoneId,
            ContactEmail = o.ContactEmail,
            CharterMarkdown = o.CharterMarkdown,
            FlagThreshold = o.FlagThreshold,
            RequireTwoFactorForStaff = o.RequireTwoFactorForStaff,
            ResponseDeadlineDays = o.ResponseDeadlineDays,
            DataLicence = o.DataLicence,
            PublicStatistics = o.PublicStatistics,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Organization.IsValidColor(Form.PrimaryColor ?? "")) ModelState.AddModelError("Form.PrimaryColor", "La couleur doit être au format #RRGGBB.");
        if (!TimeZones.Contains(Form.TimeZoneId)) ModelState.AddModelError("Form.TimeZoneId", "Ce fuseau horaire n'est pas proposé.");
        if (!Enum.IsDefined(Form.DataLicence)) ModelState.AddModelError("Form.DataLicence", "Cette licence n'est pas proposée.");
        if (!ModelState.IsValid) return Page();
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var changes = new List<string>();
        void Set<T>(string label, T current, T next, Action<T> apply)
        {
            if (EqualityComparer<T>.Default.Equals(current, next)) return;
            apply(next);
            changes.Add(label);
        }
        Set("nom", o.Name, Form.Name.Trim(), v => o.Name = v);
        Set("couleur", o.PrimaryColor, Form.PrimaryColor!.ToLowerInvariant(), v => o.PrimaryColor = v);
        Set("fuseau", o.TimeZoneId, Form.TimeZoneId, v => o.TimeZoneId = v);
        Set("contact", o.ContactEmail, string.IsNullOrWhiteSpace(Form.ContactEmail) ? null : Form.ContactEmail.Trim(), v => o.ContactEmail = v);
        Set("charte", o.CharterMarkdown, Form.CharterMarkdown ?? "", v => o.CharterMarkdown = v);
        Set("seuil de signalements", o.FlagThreshold, Form.FlagThreshold, v => o.FlagThreshold = v);
        Set("double authentification du personnel", o.RequireTwoFactorForStaff, Form.RequireTwoFactorForStaff, v => o.RequireTwoFactorForStaff = v);
        Set("délai de réponse", o.ResponseDeadlineDays, Form.ResponseDeadlineDays, v => o.ResponseDeadlineDays = v);
        Set($"licence des données ouvertes ({OpenDataLicenceInfo.Of(Form.DataLicence).Name})", o.DataLicence, Form.DataLicence, v => o.DataLicence = v);
        Set("statistiques publiques", o.PublicStatistics, Form.PublicStatistics, v => o.PublicStatistics = v);
        if (changes.Count > 0) audit.Record("organization.update", nameof(Organization), o.Id, string.Join(", ", changes));
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = changes.Count == 0 ? "Aucune modification." : "Réglages enregistrés.";
        return RedirectToPage();
    }
}
