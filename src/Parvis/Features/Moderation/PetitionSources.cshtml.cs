using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Petitions.Signing;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Moderation;

/// <summary>Where a petition's signatures come from (addresses, e-mail domains), and the bulk invalidation of a scripted run.</summary>
public class PetitionSourcesModel(ParvisDbContext db, SignatureModeration moderation) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public List<TrendingPeriod> Periods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostInvalidateAsync(int id, SourceKind kind, string? value, string? period, string? reason)
    {
        try
        {
            var (confirmed, pending) = await moderation.InvalidateAsync(id, kind, value, period ?? "", reason);
            TempData["Message"] = $"{confirmed + pending} signatures annulées ({confirmed} confirmées, retirées du compte ; {pending} en attente).";
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError("", e);
            if (!await LoadAsync(id)) return NotFound();
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (petition is null) return false;
        Petition = petition;
        foreach (var key in SignatureModeration.Periods.Keys) Periods.Add(await moderation.TrendingAsync(id, key));
        return true;
    }
}
