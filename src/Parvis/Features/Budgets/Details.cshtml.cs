using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Budgets;

/// <summary>
/// A budget's page: its phase, its projects and, while the vote is open, the ballot in the form the city chose. Works without
/// JavaScript: the ballot is one form; voting again replaces the ballot until the vote closes.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class DetailsModel(BudgetQueries queries, BudgetVoting voting) : PageModel, IRedisplaysBrokenRules
{
    public BudgetPage View { get; private set; } = null!;
    public BudgetPhase Phase { get; private set; }
    public bool VoteOpen { get; private set; }
    public ParticipationRefusal? Refusal { get; private set; }
    /// <summary>What the ballot shows: the saved ballot, or what was just posted when it was refused.</summary>
    public Dictionary<int, int> Ballot { get; private set; } = [];
    public bool HasVoted { get; private set; }

    public Budget Budget => View.Budget;

    /// <summary>The cost of the projects ticked (the basket of a vote within the budget).</summary>
    public long BasketCost => View.OnBallot.Where(p => Ballot.ContainsKey(p.Id)).Sum(p => p.Cost);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Refusal is { NeedsSignIn: true } && VoteOpen)
            return Redirect("/compte/connexion?ReturnUrl=" + Uri.EscapeDataString($"/budgets/{id}"));
        Ballot = BudgetVoting.Read(Budget, Request.Form);
        var replaced = await voting.CastAsync(User, Budget, Ballot);
        TempData["Message"] = replaced ? "Votre bulletin a été remplacé." : "Merci, votre bulletin est enregistré.";
        return Redirect($"/budgets/{id}#bulletin");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        if (this.RouteId() is not { } id || !await LoadAsync(id)) return false;
        // The ballot as it was posted, what can be read of it, so the person corrects it rather than starting again.
        Ballot = BudgetVoting.Read(Budget, Request.Form, strict: false);
        return true;
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await queries.PageAsync(id) is not { } view) return false;
        View = view;
        var now = queries.Now;
        Phase = view.Budget.PhaseAt(now);
        VoteOpen = view.Budget.IsVoteOpenAt(now);
        Refusal = await voting.RefusalAsync(User, view.Budget);
        Ballot = await voting.BallotOfAsync(id, User.UserId());
        HasVoted = Ballot.Count > 0;
        return true;
    }
}
