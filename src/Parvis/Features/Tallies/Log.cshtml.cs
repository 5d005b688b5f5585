using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Tallies;

/// <summary>One item's log checked for anyone: whether the chain holds (and where it breaks), and the counts.</summary>
public class LogModel(TallyVerification verification) : PageModel
{
    public TallyReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string item, int id)
    {
        if (await verification.ReportAsync(item, id) is not { } report) return NotFound();
        Report = report;
        return Page();
    }
}
