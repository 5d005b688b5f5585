using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Outcomes.Manage;

/// <summary>The outcomes this person manages (all for administrators; their service's and those without a service for agents), filtered by status and territory.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(ParvisDbContext db, OutcomeCommands commands) : PageModel
{
    public sealed record Row(int Id, string Title, OutcomeStatus Status, int ProgressPercent, string Territory, string? ServiceName, bool Published, DateOnly DecidedOn);

    [BindProperty(SupportsGet = true)] public OutcomeStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? TerritoryId { get; set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];
    public const int MaxRows = 500;

    public async Task OnGetAsync()
    {
        Territories = await TerritoryTree.OptionsAsync(db);
        var (all, service) = await commands.ScopeAsync(User);
        var query = db.Outcomes.AsNoTracking();
        if (!all) query = query.Where(o => o.ServiceName == null || o.ServiceName == service);
        if (Status is { } status) query = query.Where(o => o.Status == status);
        if (TerritoryId is { } territory)
        {
            var under = await TerritoryTree.SelfAndDescendantsAsync(db, territory);
            query = query.Where(o => under.Contains(o.TerritoryId));
        }
        var names = Territories.ToDictionary(t => t.Id, t => t.Label.Trim('\u00A0'));
        Rows = (await query.OrderByDescending(o => o.UpdatedAt).Take(MaxRows).ToListAsync())
            .Select(o => new Row(o.Id, o.Title, o.Status, o.ProgressPercent, names.GetValueOrDefault(o.TerritoryId, ""), o.ServiceName, o.IsPublished, o.DecidedOn)).ToList();
    }
}
