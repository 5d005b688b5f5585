using Microsoft.EntityFrameworkCore;
using Parvis.Features.Councils;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

public sealed record ApiCouncilMember(string Name, string Role, string College, string Source, DateOnly StartsOn, DateOnly? EndsOn);

/// <param name="Members">Those sitting today (the organization's date), as the council's page lists them.</param>
public sealed record ApiCouncil(int Id, string Name, string Kind, int TerritoryId, string Description,
    IReadOnlyList<ApiCouncilMember> Members, string Url);

/// <summary>
/// Councils and who sits on them today. Names of members of a public body are public; candidates are not (whether
/// appointed later or not), nor whether a member has an account.
/// </summary>
public sealed class CouncilsApi(ParvisDbContext db, CouncilQueries councils, PublicLinks links)
{
    /// <summary>Councils have no date of change: updated_since is not offered on them.</summary>
    public async Task<ApiPage<ApiCouncil>> CouncilsAsync(PageRequest page, int? id = null)
    {
        var query = db.Councils.AsNoTracking().Where(c => c.Id > page.AfterId);
        if (id is not null) query = query.Where(c => c.Id == id);
        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1)
            .Select(c => new { c.Id, c.Name, c.Kind, c.TerritoryId, c.DescriptionMarkdown }).ToListAsync();
        var ids = rows.Select(c => c.Id).ToList();
        var today = councils.Today;
        var sitting = (await db.CouncilMandates.AsNoTracking()
                .Where(m => ids.Contains(m.CouncilId) && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today))
                .Join(db.CouncilColleges, m => m.CollegeId, c => c.Id, (m, c) => new { m, College = c.Name })
                .ToListAsync())
            // Roles are stored as text: sorted here, president first, as on the page.
            .OrderBy(x => x.m.Role).ThenBy(x => x.m.Name, StringComparer.CurrentCulture)
            .ToLookup(x => x.m.CouncilId,
                x => new ApiCouncilMember(x.m.Name, x.m.Role.ToString(), x.College, x.m.Source.ToString(), x.m.StartsOn, x.m.EndsOn));
        return page.PageOf(rows.Select(c => new ApiCouncil(c.Id, c.Name, c.Kind.ToString(), c.TerritoryId, c.DescriptionMarkdown,
            sitting[c.Id].ToList(), links.To($"/conseils/{c.Id}"))).ToList(), c => c.Id);
    }
}
