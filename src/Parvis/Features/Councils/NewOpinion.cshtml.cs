using Microsoft.AspNetCore.Mvc;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils;

/// <summary>An animator records an opinion the council adopted: its text, the date, the vote (counts, or each member's vote where the council publishes them).</summary>
public class NewOpinionModel(CouncilQueries queries, CouncilOpinions opinions) : CouncilPage, IRedisplaysBrokenRules
{
    [BindProperty] public OpinionInput Input { get; set; } = new();
    public List<MandateView> Members { get; private set; } = [];
    public List<OpinionSummary> Adopted { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await EnterAsync(id, Policies.AnimateCouncil) is { } refused) return refused;
        Input.AdoptedOn = queries.Today;
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await EnterAsync(id, Policies.AnimateCouncil) is { } refused) return refused;
        ModelState.Clear();
        var opinion = await opinions.AdoptAsync(id, Input);
        TempData["Message"] = "L'avis est publié sur la page du conseil ; la collectivité lui doit une réponse officielle.";
        return Redirect($"/conseils/avis/{opinion.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await ShowAsync();
        return true;
    }

    public string BrokenRuleField(string? handler) => "Input";

    private async Task ShowAsync()
    {
        var today = queries.Today;
        Members = (await queries.MandatesAsync(Council.Id)).Where(m => m.StartsOn <= today && (m.EndsOn is null || m.EndsOn >= today)).ToList();
        Adopted = await queries.OpinionsAsync(Council.Id);
    }
}
