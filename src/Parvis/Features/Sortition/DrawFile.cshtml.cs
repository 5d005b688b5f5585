using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Sortition;

/// <summary>people.csv or quotas.csv of a committed round: byte for byte what the round runs on (with a BOM).</summary>
public class DrawFileModel(ParvisDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int round, string file)
    {
        var found = await db.DrawRounds.AsNoTracking().SingleOrDefaultAsync(r => r.DrawId == id && r.Number == round);
        if (found is null || file is not ("people" or "quotas")) return NotFound();
        var text = file == "people" ? found.PeopleCsv : found.QuotasCsv;
        return File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)], "text/csv; charset=utf-8", file + ".csv");
    }
}
