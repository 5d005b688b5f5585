using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Contributions;
using Parvis.Features.Responses;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils;

/// <summary>
/// An opinion of a council: its text and vote, the institution's official response (drafted by an agent, validated
/// by someone else through the usual workflow) and the outcomes it fed.
/// </summary>
public class OpinionModel(CouncilQueries queries, ResponseCommands responses, IAuthorizationService authorization) : PageModel, IRedisplaysBrokenRules
{
    public CouncilOpinion Opinion { get; private set; } = null!;
    public Council Council { get; private set; } = null!;
    public List<OpinionVoteView> Votes { get; private set; } = [];
    public List<ResponseView> Responses { get; private set; } = [];
    public bool IsAgent { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDraftResponseAsync(int id, string? body)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded) return Forbid();
        if (await queries.OpinionAsync(id) is null) return NotFound();
        ModelState.Clear();
        await responses.DraftAsync(User, ResponseSubject.Opinion(id), body);
        TempData["Message"] = "La réponse est enregistrée en brouillon : un élu ou un validateur doit l'approuver.";
        return Redirect($"/conseils/avis/{id}#reponse");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    public string BrokenRuleField(string? handler) => "body";

    private async Task<bool> LoadAsync(int id)
    {
        var opinion = await queries.OpinionAsync(id);
        if (opinion is null) return false;
        Opinion = opinion;
        Council = (await queries.FindAsync(opinion.CouncilId))!;
        if (opinion.PublishesMemberVotes) Votes = await queries.VotesAsync(id);
        IsAgent = (await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded;
        Responses = await queries.ResponsesAsync(id, includeDrafts: IsAgent);
        return true;
    }
}
