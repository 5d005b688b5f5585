using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>A person applies for a seat in a college, at the level the council requires (e.g. verified resident of its territory). Candidacies are never public.</summary>
[RateLimited(RateLimits.Posting)]
public class ApplyModel(CouncilQueries queries, CouncilMembers members, Identity.Verifications verifications, IAuthorizationService authorization)
    : PageModel, IRedisplaysBrokenRules
{
    public Council Council { get; private set; } = null!;
    public List<CouncilCollege> Colleges { get; private set; } = [];
    public Identity.ParticipationNeeds? Needs { get; private set; }
    [BindProperty] public int? CollegeId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Motivation { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        await members.ApplyAsync(User, Council, CollegeId, Name, Motivation);
        TempData["Message"] = "Votre candidature est enregistrée : les animateurs du conseil l'examineront.";
        return Redirect($"/conseils/{id}#ordre-du-jour");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        var council = await queries.FindAsync(id);
        if (council is null) return false;
        Council = council;
        Colleges = await queries.CollegesAsync(id);
        if (council.AcceptsCandidacies && await CouncilAgenda.RefusalAsync(authorization, User, council, ParticipationAction.Apply) is { } refusal)
            Needs = verifications.NeedsFor("Pour candidater", refusal, $"/conseils/{id}/candidater");
        return true;
    }
}
