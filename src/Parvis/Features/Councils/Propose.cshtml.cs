using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>A resident proposes an item for the council's agenda, at the council's participation level; the answer comes by e-mail and on the council's page.</summary>
[RateLimited(RateLimits.Posting)]
public class ProposeModel(CouncilQueries queries, CouncilAgenda agenda, Identity.Verifications verifications, IAuthorizationService authorization)
    : PageModel, IRedisplaysBrokenRules
{
    public Council Council { get; private set; } = null!;
    public Identity.ParticipationNeeds? Needs { get; private set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        await agenda.ProposeAsync(User, Council, Title, Body);
        TempData["Message"] = "Merci : votre proposition est transmise au conseil, qui vous répondra.";
        return Redirect($"/conseils/{id}#ordre-du-jour");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        var council = await queries.FindAsync(id);
        if (council is null) return false;
        Council = council;
        if (await CouncilAgenda.RefusalAsync(authorization, User, council, ParticipationAction.Propose) is { } refusal)
            Needs = verifications.NeedsFor("Pour proposer un point", refusal, $"/conseils/{id}/proposer-un-point");
        return true;
    }
}
