using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PersonalData;

/// <summary>"Mes données": what the organization holds about the person, the two downloads, and the way out.</summary>
[Authorize]
public class IndexModel(ParvisDbContext db, TenantContext tenant) : PageModel
{
    public int Contributions { get; private set; }
    public int Comments { get; private set; }
    public int Reactions { get; private set; }
    public int Verifications { get; private set; }
    public Domain.RetentionSettings Retention => tenant.Organization.Retention;

    public async Task OnGetAsync()
    {
        var userId = User.UserId()!.Value;
        Contributions = await db.Contributions.CountAsync(c => c.AuthorId == userId);
        Comments = await db.Comments.CountAsync(c => c.AuthorId == userId);
        Reactions = await db.Reactions.CountAsync(r => r.UserId == userId);
        Verifications = await db.Verifications.CountAsync(v => v.UserId == userId);
    }
}
