using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Statistics;

/// <summary>
/// Participation statistics for the organization (/statistiques), a territory and what is under it
/// (/statistiques/territoires/{territoryId}) or one consultation (/statistiques/concertations/{consultationId}).
/// </summary>
[Authorize(Policy = Policies.ViewStatistics)]
public class IndexModel(ParvisDbContext db, ParticipationStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "mois")] public int? Months { get; set; }
    public ParticipationReport Report { get; private set; } = null!;
    /// <summary>What the figures are about: a territory's or a consultation's name, none for the organization.</summary>
    public string? ScopeName { get; private set; }
    public int? TerritoryId { get; private set; }
    public int? ConsultationId { get; private set; }
    public string Path { get; private set; } = "/statistiques";
    /// <summary>Where the answers' delays for the same place are: the accountability page.</summary>
    public string AnswersPath { get; private set; } = "/nous-avons-fait";

    public async Task<IActionResult> OnGetAsync(int? territoryId, int? consultationId)
    {
        var months = ParticipationStatistics.PeriodOrDefault(Months);
        Months = months;
        if (territoryId is { } territory)
        {
            ScopeName = await db.Territories.Where(t => t.Id == territory).Select(t => t.Name).FirstOrDefaultAsync();
            if (ScopeName is null) return NotFound();
            TerritoryId = territory;
            Path = StatisticsByTerritory.Link(territory);
            AnswersPath = $"/nous-avons-fait/territoires/{territory}";
        }
        else if (consultationId is { } consultation)
        {
            ScopeName = await db.Consultations.Where(PublicItems.Consultations).Where(c => c.Id == consultation)
                .Select(c => c.Title).FirstOrDefaultAsync();
            if (ScopeName is null) return NotFound();
            ConsultationId = consultation;
            Path = $"/statistiques/concertations/{consultation}";
        }
        Report = await statistics.ForAsync(new StatisticsScope(TerritoryId, ConsultationId), months);
        return Page();
    }
}
