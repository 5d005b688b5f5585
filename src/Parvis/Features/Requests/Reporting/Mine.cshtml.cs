using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Reporting;

/// <summary>"Mes signalements": what the signed-in person reported and what they follow, with where each stands.</summary>
[Authorize]
public class MineModel(ParvisDbContext db, TenantContext tenant) : PageModel
{
    public sealed record Row(int Id, string Category, RequestStatus Status, DateTime SubmittedAt, string? Address, bool IsHidden, bool AwaitingEmail);

    public List<Row> Reported { get; private set; } = [];
    public List<Row> Followed { get; private set; } = [];
    public Organization Organization => tenant.Organization;

    public async Task OnGetAsync()
    {
        var me = User.UserId()!.Value;
        Reported = await Rows(db.ServiceRequests.Where(r => r.AuthorId == me));
        var followed = db.RequestFollowers.Where(f => f.UserId == me).Select(f => f.RequestId);
        Followed = await Rows(db.ServiceRequests.Where(r => followed.Contains(r.Id) && !r.IsHidden));
    }

    private static Task<List<Row>> Rows(IQueryable<ServiceRequest> requests) =>
        requests.AsNoTracking().OrderByDescending(r => r.SubmittedAt).Take(200)
            .Select(r => new Row(r.Id, r.Category!.Name, r.Status, r.SubmittedAt, r.Address, r.IsHidden, r.AwaitingEmail)).ToListAsync();
}
