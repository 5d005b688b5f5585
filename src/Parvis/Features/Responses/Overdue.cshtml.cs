using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Responses;

/// <summary>Answers past the organization's deadline, oldest first: the agent's service's, or all (with a service filter) for administrators.</summary>
[Authorize(Policy = Policies.Answer)]
public class OverdueModel(ParvisDbContext db, OverdueAnswers overdue, TenantContext tenant, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "service")] public string? Service { get; set; }

    public bool IsAdministrator => User.IsInRole(nameof(StaffRole.Administrator));
    public OverdueAnswers.Scope Scope { get; private set; } = new(false, null);
    public List<OverdueItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + OverdueAnswers.PageSize - 1) / OverdueAnswers.PageSize);
    public int DeadlineDays => tenant.Organization.ResponseDeadlineDays;
    public List<string> Services { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        if (!IsAdministrator) Service = null;
        Scope = await overdue.ScopeAsync(User, Service);
        if (IsAdministrator)
            Services = await db.Consultations.Where(c => c.ServiceName != null).Select(c => c.ServiceName!).Distinct().OrderBy(s => s).ToListAsync();
        if (Scope.SeesNothing) return;
        var query = overdue.Query(Scope);
        Total = await query.CountAsync();
        Items = await query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip((PageNumber - 1) * OverdueAnswers.PageSize).Take(OverdueAnswers.PageSize).ToListAsync();
    }

    public string PageUrl(int page) =>
        $"/reponses/en-retard?p={page}" + (string.IsNullOrEmpty(Service) ? "" : "&service=" + Uri.EscapeDataString(Service));
}
