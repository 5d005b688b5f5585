using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Proposals;

/// <summary>
/// Proposing in two steps without JavaScript: "Continuer" checks the form and shows the space's similar
/// proposals (support one instead of duplicating it); "Publier ma proposition" posts again and publishes.
/// The photo is asked at the second step, so nobody uploads it twice.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class ProposeModel(ParvisDbContext db, ProposalCommands commands, Identity.Verifications verifications, TimeProvider clock,
    Infrastructure.Tenancy.TenantContext tenant) : PageModel, IRedisplaysBrokenRules
{
    public ProposalSpace Space { get; private set; } = null!;
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public VerifiedAttributes MyAttributes { get; private set; } = VerifiedAttributes.None;
    public Dictionary<int, string> TerritoryNames { get; private set; } = [];
    public Identity.ParticipationNeeds? Needs { get; private set; }
    public DomainException? Closed { get; private set; }
    /// <summary>Set at the second step: what looks like the text written (possibly none).</summary>
    public List<SimilarProposal>? Similar { get; private set; }
    public bool CanPropose => Needs is null && Closed is null;

    [BindProperty] public ProposeInput Input { get; set; } = new(null, null, null, null, null, null, null, null);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostContinueAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        await commands.CheckAsync(User, Space, Input, null);
        Similar = await commands.SimilarAsync(Space.Id, Input.Title, Input.Body);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, IFormFile? photo)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        _publishing = true;
        var proposal = await commands.ProposeAsync(User, Space, Input, photo);
        TempData["Message"] = proposal.IsVisible ? "Merci, votre proposition est publiée." : "Merci, votre proposition sera publiée après validation par la modération.";
        return Redirect(proposal.IsVisible ? $"/propositions/{proposal.Id}" : $"/propositions/espaces/{id}");
    }

    private bool _publishing;

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        // A refusal at publishing keeps the second step: the similar proposals and the photo field stay in view.
        if (_publishing) Similar = await commands.SimilarAsync(Space.Id, Input.Title, Input.Body);
        return true;
    }

    public string BrokenRuleField(string? handler) => "Input";

    private async Task<bool> LoadAsync(int id)
    {
        var space = await db.ProposalSpaces.AsNoTracking().Include(s => s.Territory).Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id && s.PublishedAt != null);
        if (space is null) return false;
        Space = space;
        Space.Categories.Sort((a, b) => a.Position.CompareTo(b.Position));
        Territories = await TerritoryTree.OptionsAsync(db);
        try
        {
            space.EnsureOpen(clock.GetUtcNow().UtcDateTime, tenant.Organization.ToLocal);
        }
        catch (DomainException e)
        {
            Closed = e;
            return true;
        }
        var here = $"/propositions/espaces/{id}/proposer";
        if (await commands.RefusalAsync(User, space, ParticipationAction.Propose) is { } refusal)
            Needs = verifications.NeedsFor("Pour proposer", refusal, here);
        else if (User.UserId() is { } me)
        {
            MyAttributes = await verifications.AttributesOfAsync(me);
            TerritoryNames = Territories.ToDictionary(t => t.Id, t => t.Label.Trim('\u00A0'));
        }
        return true;
    }
}
