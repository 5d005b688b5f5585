using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Petitions;

/// <summary>The printable acknowledgement of receipt of a CGCT L1112-16 request, once its threshold is reached.</summary>
public class AcknowledgementModel(ParvisDbContext db, PetitionCounts counts) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public long Count { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.AcknowledgedAt != null);
        if (petition is null || !petition.IsPublic) return NotFound();
        Petition = petition;
        Count = await counts.CountAsync(id);
        return Page();
    }
}
