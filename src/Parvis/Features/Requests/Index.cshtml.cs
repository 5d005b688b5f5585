using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests;

/// <summary>
/// The public map and list of requests (/signalements), filtered by a GET form that works without
/// JavaScript; the map reads the same filters from /signalements/carte.json.
/// </summary>
public class IndexModel(RequestQueries queries, ParvisDbContext db, TenantContext tenant) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "categorie")] public int? CategoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "statut")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? To { get; set; }
    /// <summary>The last request of the previous page.</summary>
    [BindProperty(SupportsGet = true, Name = "avant")] public int? Before { get; set; }

    public bool IsPublic { get; private set; }
    public RequestFilter Filter { get; private set; } = null!;
    public RequestPage Results { get; private set; } = new([], null);
    public List<IGrouping<string, (int Id, string Name)>> Categories { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public DomainException? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        IsPublic = tenant.Organization.Requests.PublicRequests;
        if (!IsPublic) return Page();
        Filter = new RequestFilter(CategoryId, Status, TerritoryId, From, To);
        Categories = await queries.CategoryGroupsAsync();
        Territories = await TerritoryTree.OptionsAsync(db);
        try
        {
            Results = await queries.PageAsync(await queries.FilteredAsync(Filter), Before);
        }
        catch (DomainException e)
        {
            Problem = e;
        }
        ViewData["Scripts"] = "requests-map";
        return Page();
    }

    public string NextPageUrl => "/signalements?" + string.Join('&', new[] { Filter.QueryString(), $"avant={Results.NextBefore}" }.Where(p => p.Length > 0));
}
