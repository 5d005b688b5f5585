using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Outcomes;

/// <summary>
/// "Vous avez dit, nous avons fait" for the organization (/nous-avons-fait) or a territory and what is
/// under it (/nous-avons-fait/territoires/{territoryId}): what was asked, what was answered and how fast,
/// what was decided and where it stands.
/// </summary>
public class IndexModel(ParvisDbContext db, OutcomeStatistics statistics, OutcomeQueries queries, Requests.RequestStatistics requestStatistics) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "mois")] public int? Months { get; set; }
    public Territory? Territory { get; private set; }
    public OutcomeFigures Figures { get; private set; } = null!;
    public Requests.RequestFigureTables RequestFigures { get; private set; } = null!;
    public List<OutcomeView> Outcomes { get; private set; } = [];
    /// <summary>The territories one level down (or the roots, for the organization's page), to go further.</summary>
    public List<(int Id, string Name)> Territories { get; private set; } = [];
    public string Path => Territory is null ? "/nous-avons-fait" : $"/nous-avons-fait/territoires/{Territory.Id}";

    public async Task<IActionResult> OnGetAsync(int? territoryId)
    {
        var months = OutcomeStatistics.PeriodOrDefault(Months);
        Months = months;
        List<int>? scope = null;
        if (territoryId is { } id)
        {
            Territory = await db.Territories.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
            if (Territory is null) return NotFound();
            scope = await TerritoryTree.SelfAndDescendantsAsync(db, id);
        }
        Figures = await statistics.ForAsync(territoryId, scope, months);
        RequestFigures = await requestStatistics.ForAsync(territoryId, scope, months);
        Outcomes = await queries.PublishedAsync(scope);
        var parent = Territory?.Id;
        Territories = (await db.Territories.AsNoTracking().Where(t => t.ParentId == parent).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync())
            .Select(t => (t.Id, t.Name)).ToList();
        return Page();
    }

    /// <summary>A delay as people read it: hours under a day, days otherwise; the template is French, translated in the view.</summary>
    public static (string Template, string Value) DelayText(TimeSpan delay)
    {
        var days = delay.TotalDays >= 1;
        var amount = Math.Round((decimal)(days ? delay.TotalDays : Math.Max(delay.TotalHours, 0)), 1);
        var template = days ? Plurals.Pick(amount, "{0} jour", "{0} jours") : Plurals.Pick(amount, "{0} heure", "{0} heures");
        return (template, amount.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture));
    }

    public static string Percent(double? share) => share is { } s ? $"{Math.Round(s * 100):0} %" : "—";
}

/// <summary>One published outcome, with what led to it.</summary>
public class DetailsModel(OutcomeQueries queries) : PageModel
{
    public OutcomeView Outcome { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var outcome = await queries.OneAsync(id, forStaff: false);
        if (outcome is null) return NotFound();
        Outcome = outcome;
        return Page();
    }
}
