using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>Postal letters for the agents: the pending requests, one PDF to print them all, and the letters awaiting their code.</summary>
[Authorize(Policy = Policies.Verify)]
public class LettersModel(PostalLetters letters, ParvisDbContext db, TenantContext tenant, PublicLinks links, TimeProvider clock, ILogger<LettersModel> log) : PageModel
{
    public List<PostalLetterRequest> Pending { get; private set; } = [];
    public List<PostalLetterRequest> Sent { get; private set; } = [];
    public Dictionary<int, string> TerritoryNames { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await letters.EraseExpiredAddressesAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Pending = await letters.Pending().AsNoTracking().OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToListAsync();
        Sent = await db.PostalLetterRequests.AsNoTracking()
            .Where(r => r.PrintedAt != null && r.UsedAt == null && r.VoidedAt == null && r.CodeExpiresAt > now)
            .OrderByDescending(r => r.PrintedAt).Take(100).ToListAsync();
        TerritoryNames = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
    }

    public async Task<IActionResult> OnPostPrintAsync()
    {
        byte[]? pdf;
        try
        {
            pdf = await letters.PrintPendingAsync(links.To("/compte/identite/courrier"), User.UserId()!.Value);
        }
        catch (FileNotFoundException e)
        {
            log.LogError(e, "Letters could not be printed: font missing.");
            ModelState.AddModelError("", "Impossible de produire le PDF : les polices DejaVu ne sont pas installées sur le serveur (paquet fonts-dejavu-core). Prévenez l'exploitant.");
            await LoadAsync();
            return Page();
        }
        if (pdf is null)
        {
            TempData["Message"] = "Aucun courrier en attente.";
            return RedirectToPage();
        }
        var date = tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime);
        return File(pdf, "application/pdf", $"courriers-{date:yyyy-MM-dd-HHmm}.pdf");
    }

    public string Local(DateTime utc) => tenant.Organization.ToLocal(utc).ToString("d MMM yyyy");
}
