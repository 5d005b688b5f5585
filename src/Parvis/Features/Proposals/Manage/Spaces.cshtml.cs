using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Proposals.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class SpacesModel(ParvisDbContext db) : PageModel
{
    public List<ProposalSpace> Spaces { get; private set; } = [];

    public async Task OnGetAsync() =>
        Spaces = await db.ProposalSpaces.AsNoTracking().Include(s => s.Territory).OrderBy(s => s.Title).ToListAsync();
}
