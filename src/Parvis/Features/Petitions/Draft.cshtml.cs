using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>Drafting a petition, or changing one's draft (<c>/petitions/nouvelle/{id}</c>).</summary>
[Authorize]
[RateLimited(RateLimits.Posting)]
public class DraftModel(ParvisDbContext db, PetitionCommands commands, Identity.Verifications verifications, TenantContext tenant) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty(Name = "Request")] public string? Asked { get; set; }
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? Addressee { get; set; }
    [BindProperty] public int? TerritoryId { get; set; }
    public int? Id { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public Identity.ParticipationNeeds? Needs { get; private set; }
    public PetitionSettings Settings => tenant.Organization.Petitions;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var me = User.UserId();
            var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == existing && p.AuthorId == me && p.Status == PetitionStatus.Draft);
            if (petition is null) return NotFound();
            (Title, Asked, Reasons, Addressee, TerritoryId) = (petition.Title, petition.Request, petition.Reasons, petition.Addressee, petition.TerritoryId);
        }
        else Addressee = "Le conseil municipal";
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        ModelState.Clear();
        var input = new PetitionInput(Title, Asked, Reasons, Addressee, TerritoryId);
        if (id is { } existing)
        {
            await commands.EditAsync(User, existing, input);
            TempData["Message"] = "Votre brouillon est enregistré.";
        }
        else
        {
            await commands.DraftAsync(User, input);
            TempData["Message"] = "Votre pétition est enregistrée en brouillon : partagez le lien de parrainage pour réunir ses parrains.";
        }
        return Redirect("/compte/petitions");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync(this.RouteId());
        return true;
    }

    private async Task LoadAsync(int? id)
    {
        Id = id;
        Territories = await TerritoryTree.OptionsAsync(db);
        if (id is null && await commands.RefusalAsync(User, Settings.ElectorMode) is { } refusal)
            Needs = verifications.NeedsFor("Pour lancer une pétition", refusal, "/petitions/nouvelle");
    }
}
