using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Sortition;

/// <summary>
/// The public page of a draw, once its first round is committed: the pseudonymised pool (codes and categories,
/// never names), the quotas, then each round's files, commitment and — once run — seed, panel, every probability,
/// and the command line that re-runs it. A draw still in preparation is not found.
/// </summary>
public class DetailsModel(ParvisDbContext db) : PageModel
{
    public sealed record Probability(string Code, string Value, bool Selected);

    public Draw Draw { get; private set; } = null!;
    public List<DrawQuota> Quotas { get; private set; } = [];
    public List<DrawPerson> Pool { get; private set; } = [];
    public List<DrawRound> Rounds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Rounds = await db.DrawRounds.AsNoTracking().Where(r => r.DrawId == id).OrderBy(r => r.Number).ToListAsync();
        var draw = Rounds.Count == 0 ? null : await db.Draws.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id);
        if (draw is null) return NotFound();
        Draw = draw;
        Quotas = await db.DrawQuotas.AsNoTracking().Where(q => q.DrawId == id).OrderBy(q => q.Id).ToListAsync();
        Pool = await db.DrawPeople.AsNoTracking().Where(p => p.DrawId == id).OrderBy(p => p.Code).ToListAsync();
        return Page();
    }

    public static List<Probability> Probabilities(DrawRound round)
    {
        var selected = round.SelectedCodes.ToHashSet(StringComparer.Ordinal);
        return [.. (round.Probabilities ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',')).Select(cells => new Probability(cells[0], cells[1], selected.Contains(cells[0])))];
    }
}
