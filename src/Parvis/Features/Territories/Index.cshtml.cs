using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;
using Parvis.Resources;

namespace Parvis.Features.Territories;

[Authorize(Policy = Policies.Administer)]
public class IndexModel(ParvisDbContext db, TerritoryImporter importer, AuditLog audit, IStringLocalizer<SharedResource> text) : PageModel, IRedisplaysBrokenRules
{
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    public sealed record Row(int Id, string Label, TerritoryKind Kind, bool HasBoundary);

    public List<Row> Territories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var options = await TerritoryTree.OptionsAsync(db);
        var details = await db.Territories.AsNoTracking().Select(t => new { t.Id, t.Kind, HasBoundary = t.BoundaryGeoJson != null }).ToDictionaryAsync(t => t.Id);
        Territories = options.Select(o => new Row(o.Id, o.Label, details[o.Id].Kind, details[o.Id].HasBoundary)).ToList();
    }

    public async Task<IActionResult> OnPostAddAsync(string? name, TerritoryKind kind, int? parentId)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) ModelState.AddModelError("name", "Le nom doit compter de 1 à 200 caractères.");
        else if (await db.Territories.AnyAsync(t => t.Name == name.Trim())) ModelState.AddModelError("name", "Un territoire porte déjà ce nom.");
        if (parentId is not null && !await db.Territories.AnyAsync(t => t.Id == parentId)) ModelState.AddModelError("parentId", "Ce territoire parent n'existe pas.");
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        var territory = new Territory { Name = name!.Trim(), Kind = kind, ParentId = parentId };
        db.Territories.Add(territory);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("territory.create", nameof(Territory), territory.Id, territory.Name);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "Territoire ajouté.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Choisissez un fichier GeoJSON.");
        else if (file.Length > MaxUploadBytes) ModelState.AddModelError("file", "Le fichier dépasse 5 Mo.");
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        await using var stream = file!.OpenReadStream();
        var result = await importer.ImportAsync(stream);
        audit.Record("territory.import", nameof(Territory), "geojson", $"{result.Created} créés, {result.Updated} mis à jour");
        await db.SaveChangesAsync();
        // A notice with values is translated here; the layout translates the fixed ones.
        TempData["Message"] = text[Plurals.Pick(result.Created, "Import terminé : {0} territoire créé, {1} mis à jour.", "Import terminé : {0} territoires créés, {1} mis à jour."), result.Created, result.Updated].Value;
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await OnGetAsync();
        return true;
    }

    public string BrokenRuleField(string? handler) => handler == "Import" ? "file" : "";
}
