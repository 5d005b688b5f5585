using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>The organization's identity settings: methods offered, validity of each, the OpenID provider (its secret is write-only).</summary>
[Authorize(Policy = Policies.Administer)]
public class SettingsModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, IDataProtectionProvider protection, Infrastructure.Cluster.ICacheInvalidation cache,
    IConfiguration configuration) : PageModel
{
    public const string SecretPurpose = "Parvis.Identity.OidcClientSecret";

    [BindProperty] public SettingsForm Form { get; set; } = new();
    public bool HasSecret { get; private set; }
    public List<CensusFile> CurrentLists { get; private set; } = [];

    public sealed class SettingsForm
    {
        public List<VerificationMethod> Methods { get; set; } = [];
        [Range(1, 120, ErrorMessage = "La durée de validité doit être entre 1 et 120 mois.")] public int FranceConnectMonths { get; set; } = 12;
        [Range(1, 120, ErrorMessage = "La durée de validité doit être entre 1 et 120 mois.")] public int CensusMonths { get; set; } = 12;
        [Range(1, 120, ErrorMessage = "La durée de validité doit être entre 1 et 120 mois.")] public int InPersonMonths { get; set; } = 24;
        [Range(1, 120, ErrorMessage = "La durée de validité doit être entre 1 et 120 mois.")] public int PostalLetterMonths { get; set; } = 12;
        [Required(ErrorMessage = "Indiquez le nom affiché du fournisseur d'identité.")]
        [StringLength(60, ErrorMessage = "Le nom du fournisseur dépasse 60 caractères.")]
        public string OidcDisplayName { get; set; } = "FranceConnect";
        [StringLength(300, ErrorMessage = "L'adresse de l'émetteur dépasse 300 caractères.")]
        public string? OidcIssuer { get; set; }
        [StringLength(200, ErrorMessage = "L'identifiant client dépasse 200 caractères.")]
        public string? OidcClientId { get; set; }
        [StringLength(500, ErrorMessage = "Le secret client dépasse 500 caractères.")]
        public string? OidcClientSecret { get; set; }
        public bool RemoveSecret { get; set; }
    }

    public async Task OnGetAsync()
    {
        var i = tenant.Organization.Identity;
        Form = new SettingsForm
        {
            Methods = Enum.GetValues<VerificationMethod>().Where(i.Offers).ToList(),
            FranceConnectMonths = i.FranceConnectMonths,
            CensusMonths = i.CensusMonths,
            InPersonMonths = i.InPersonMonths,
            PostalLetterMonths = i.PostalLetterMonths,
            OidcDisplayName = i.OidcDisplayName,
            OidcIssuer = i.OidcIssuer,
            OidcClientId = i.OidcClientId,
        };
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        HasSecret = tenant.Organization.Identity.OidcClientSecretProtected is not null;
        CurrentLists = await db.CensusFiles.AsNoTracking().Where(f => f.ReplacedAt == null).OrderBy(f => f.Kind).ToListAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var issuer = string.IsNullOrWhiteSpace(Form.OidcIssuer) ? null : Form.OidcIssuer.Trim();
        // Plain http only for the development provider on this machine; anything else is https.
        var devProvider = configuration.GetValue("DevIdentityProvider:Enabled", false);
        if (issuer is not null && (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || (uri.Scheme == "http" && !(devProvider && uri.IsLoopback))))
            ModelState.AddModelError("Form.OidcIssuer", "L'émetteur doit être une adresse https://.");
        if (Form.Methods.Any(m => !Enum.IsDefined(m))) ModelState.AddModelError("Form.Methods", "Choisissez les méthodes dans la liste.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var o = await db.Organizations.Include(x => x.Hosts).SingleAsync(x => x.Id == tenant.OrganizationId);
        var i = o.Identity;
        var changes = new List<string>();
        void Set<T>(string label, T current, T next, Action<T> apply)
        {
            if (EqualityComparer<T>.Default.Equals(current, next)) return;
            apply(next);
            changes.Add(label);
        }
        var methods = Form.Methods.Aggregate(VerificationMethods.None, (all, m) => all | IdentitySettings.FlagOf(m));
        Set($"méthodes ({(methods == VerificationMethods.None ? "aucune" : methods.ToString())})", i.EnabledMethods, methods, v => i.EnabledMethods = v);
        Set("durée FranceConnect", i.FranceConnectMonths, Form.FranceConnectMonths, v => i.FranceConnectMonths = v);
        Set("durée liste", i.CensusMonths, Form.CensusMonths, v => i.CensusMonths = v);
        Set("durée mairie", i.InPersonMonths, Form.InPersonMonths, v => i.InPersonMonths = v);
        Set("durée courrier", i.PostalLetterMonths, Form.PostalLetterMonths, v => i.PostalLetterMonths = v);
        Set("nom du fournisseur", i.OidcDisplayName, Form.OidcDisplayName.Trim(), v => i.OidcDisplayName = v);
        Set("émetteur", i.OidcIssuer, issuer, v => i.OidcIssuer = v);
        Set("identifiant client", i.OidcClientId, string.IsNullOrWhiteSpace(Form.OidcClientId) ? null : Form.OidcClientId.Trim(), v => i.OidcClientId = v);
        // The secret is never shown back: empty keeps it, a value replaces it, the box removes it. The audit says that it changed, not what to.
        if (!string.IsNullOrWhiteSpace(Form.OidcClientSecret))
        {
            i.OidcClientSecretProtected = protection.CreateProtector(SecretPurpose).Protect(Form.OidcClientSecret.Trim());
            changes.Add("secret client remplacé");
        }
        else if (Form.RemoveSecret && i.OidcClientSecretProtected is not null)
        {
            i.OidcClientSecretProtected = null;
            changes.Add("secret client retiré");
        }
        if (changes.Count > 0) audit.Record("identity.settings", nameof(Organization), o.Id, string.Join(", ", changes));
        await db.SaveChangesAsync();
        await TenantMiddleware.ForgetAsync(cache, o.HostNames());
        TempData["Message"] = changes.Count == 0 ? "Aucune modification." : "Réglages enregistrés.";
        return RedirectToPage();
    }
}
