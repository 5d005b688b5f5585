using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Admin;

public class IndexModel(ParvisDbContext db, TimeProvider clock, Responses.OverdueAnswers overdue) : PageModel
{
    public sealed record Row(int Id, string Title, ConsultationPhase Phase, LegalFrame Frame, int Contributions);

    public List<Row> Consultations { get; private set; } = [];
    public int? Overdue { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Overdue = await overdue.CountAsync(User);
        var list = await db.Consultations.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync();
        var counts = await db.Contributions.GroupBy(c => c.ConsultationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Consultations = list.Select(c => new Row(c.Id, c.Title, c.PhaseAt(now), c.LegalFrame, counts.GetValueOrDefault(c.Id))).ToList();
    }
}
