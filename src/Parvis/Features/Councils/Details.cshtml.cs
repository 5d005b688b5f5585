using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>
/// A council's public page: who sits on it now and who sat before, its sessions and minutes, the agenda items it took
/// from residents, its opinions and whether the institution answered them; for a signed-in resident, their own
/// proposals and candidacies with the answers; for its animators, the way to manage it.
/// </summary>
public class DetailsModel(CouncilQueries queries, ICouncilSessions sessions, IAuthorizationService authorization) : PageModel
{
    public Council Council { get; private set; } = null!;
    public string Territory { get; private set; } = "";
    public List<CouncilCollege> Colleges { get; private set; } = [];
    public List<MandateView> Current { get; private set; } = [];
    public List<MandateView> Past { get; private set; } = [];
    public List<CouncilSessionView> Sessions { get; private set; } = [];
    public List<OpinionSummary> Opinions { get; private set; } = [];
    public List<CouncilAgendaItem> AcceptedItems { get; private set; } = [];
    public List<CouncilAgendaItem> MyItems { get; private set; } = [];
    public List<CouncilCandidacy> MyCandidacies { get; private set; } = [];
    public bool CanAnimate { get; private set; }
    public bool CanDecideAgenda { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var council = await queries.FindAsync(id);
        if (council is null) return NotFound();
        Council = council;
        Territory = await queries.TerritoryNameAsync(council.TerritoryId);
        Colleges = await queries.CollegesAsync(id);
        var today = queries.Today;
        var mandates = await queries.MandatesAsync(id);
        Current = mandates.Where(m => m.StartsOn <= today && (m.EndsOn is null || m.EndsOn >= today)).ToList();
        Past = mandates.Where(m => m.EndsOn < today).OrderByDescending(m => m.EndsOn).ToList();
        Sessions = await sessions.OfCouncilAsync(id);
        Opinions = await queries.OpinionsAsync(id);
        AcceptedItems = await queries.AcceptedItemsAsync(id);
        if (User.UserId() is { } me)
        {
            MyItems = await queries.ItemsOfAsync(id, me);
            MyCandidacies = await queries.CandidaciesOfAsync(id, me);
            CanAnimate = (await authorization.AuthorizeAsync(User, council, Policies.AnimateCouncil)).Succeeded;
            CanDecideAgenda = CanAnimate || (await authorization.AuthorizeAsync(User, council, Policies.DecideCouncilAgenda)).Succeeded;
        }
        return Page();
    }

    public string CollegeName(int collegeId) => Colleges.FirstOrDefault(c => c.Id == collegeId)?.Name ?? "";
}
