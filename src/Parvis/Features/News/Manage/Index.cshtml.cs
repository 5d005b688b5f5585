using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.News.Manage;

/// <summary>Every post of the organization for staff: drafts, scheduled and published.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class IndexModel(ParvisDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxRows = 500;

    public sealed record Row(int Id, string Title, DateTime? PublishAt, DateTime UpdatedAt, int Versions);

    public List<Row> Rows { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await db.NewsPosts.AsNoTracking().OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(MaxRows)
            .Select(p => new Row(p.Id, p.Title, p.PublishAt, p.UpdatedAt, db.NewsPostVersions.Count(v => v.NewsPostId == p.Id)))
            .ToListAsync();
    }
}
