using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Participations;

/// <summary>
/// "Mes participations": everything the signed-in person took part in, each with its answer and outcomes.
/// The overview shows the newest of each section; a section alone pages through the rest.
/// </summary>
[Authorize]
public class MineModel(ParticipationQueries queries, TenantContext tenant) : PageModel
{
    public const int OverviewSize = 5;
    public const int PageSize = 20;

    public List<ParticipationPage> Sections { get; } = [];
    public ParticipationSection? Only { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public Organization Organization => tenant.Organization;

    public async Task<IActionResult> OnGetAsync(string? section, [FromQuery(Name = "page")] int page = 1)
    {
        var me = User.UserId()!.Value;
        if (section is not null)
        {
            if (!Enum.TryParse<ParticipationSection>(section, ignoreCase: true, out var only) || !Enum.IsDefined(only) || page < 1)
                return NotFound();
            (Only, PageNumber) = (only, page);
            Sections.Add(await queries.PageAsync(me, only, (page - 1) * PageSize, PageSize));
            return Page();
        }
        foreach (var each in Enum.GetValues<ParticipationSection>()) Sections.Add(await queries.PageAsync(me, each, 0, OverviewSize));
        return Page();
    }
}
