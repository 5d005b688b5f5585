using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// "Guichet des signalements": the requests of the agent's service (an administrator picks one or sees all),
/// open ones by default, overdue first then the soonest due, 25 a page, with a map of the page and bulk moves.
/// </summary>
[Authorize(Policy = Policies.Answer)]
public class QueueModel(ParvisDbContext db, RequestHandling handling, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    /// <summary>The status filter's value for every open status (the default) and for every status.</summary>
    public const string Open = "ouverts", All = "tous";

    public sealed record Row(int Id, string Category, string ServiceName, string Description, string? Address, double? Latitude, double? Longitude,
        RequestStatus Status, DateTime SubmittedAt, DateTime DueAt, bool IsHidden, string? Territory);

    [BindProperty(SupportsGet = true, Name = "service")] public string? Service { get; set; }
    [BindProperty(SupportsGet = true, Name = "statut")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "categorie")] public int? CategoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "retard")] public bool OverdueOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public HandlingScope Scope { get; private set; } = new(false, null);
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + RequestHandling.PageSize - 1) / RequestHandling.PageSize);
    public List<string> Services { get; private set; } = [];
    public List<(int Id, string Name)> Categories { get; private set; } = [];
    public List<(int Id, string Name)> Territories { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public Organization Organization => tenant.Organization;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBulkAsync(List<int>? ids, RequestStatus? bulkStatus, string? bulkMessage)
    {
        var moved = await handling.MoveManyAsync(User, ids ?? [], bulkStatus, bulkMessage);
        TempData["Message"] = moved == 1 ? "1 signalement a changé de statut." : "Les signalements cochés ont changé de statut.";
        return Redirect(QueueUrl(PageNumber));
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Scope = await handling.ScopeAsync(User, Service);
        if (!Scope.IsAdministrator) Service = null;
        if (Scope.IsAdministrator) Services = await handling.KnownServicesAsync();
        Categories = (await db.RequestCategories.AsNoTracking().OrderBy(c => c.Group).ThenBy(c => c.Position).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => (c.Id, c.Name)).ToList();
        Territories = (await db.Territories.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync()).Select(t => (t.Id, t.Name)).ToList();
        if (Scope.SeesNothing) return;

        var now = Now;
        var query = handling.Visible(Scope).AsNoTracking();
        if (Status is null or Open) query = query.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress);
        else if (Enum.TryParse<RequestStatus>(Status, out var status)) query = query.Where(r => r.Status == status);
        else Status = All;
        if (CategoryId is { } categoryId) query = query.Where(r => r.CategoryId == categoryId);
        if (TerritoryId is { } territoryId) query = query.Where(r => r.TerritoryId == territoryId);
        if (OverdueOnly)
            query = query.Where(r => (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress) && r.DueAt < now);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            // LIKE on lower-cased text: the same answer on SQLite and PostgreSQL (ASCII case; accents as typed).
            var pattern = "%" + Search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(r => EF.Functions.Like(r.Description.ToLower(), pattern, "\\") || (r.Address != null && EF.Functions.Like(r.Address.ToLower(), pattern, "\\")));
        }
        Total = await query.CountAsync();
        // Overdue first, then the soonest due: for open requests both are the order of the due time.
        Rows = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * RequestHandling.PageSize).Take(RequestHandling.PageSize)
            .Select(r => new Row(r.Id, r.Category!.Name, r.ServiceName, r.Description, r.Address, r.Latitude, r.Longitude, r.Status, r.SubmittedAt, r.DueAt, r.IsHidden,
                r.Territory == null ? null : r.Territory.Name))
            .ToListAsync();
    }

    public string QueueUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["service"] = Service,
            ["statut"] = Status,
            ["categorie"] = CategoryId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["territoire"] = TerritoryId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["retard"] = OverdueOnly ? "true" : null,
            ["q"] = Search,
            ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/guichet", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
