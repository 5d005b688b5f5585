using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>The petitions a person launched: status, sponsor link and count, rejection reason, submitting.</summary>
[Authorize]
public class MineModel(ParvisDbContext db, PetitionCommands commands, TenantContext tenant, PublicLinks links) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Row(Petition Petition, int Sponsors);

    public List<Row> Rows { get; private set; } = [];
    public int SponsorsRequired => tenant.Organization.Petitions.SponsorsRequired;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSubmitAsync(int id)
    {
        ModelState.Clear();
        await commands.SubmitAsync(User, id);
        TempData["Message"] = "Votre pétition est envoyée à la modération : vous recevrez un e-mail quand elle sera publiée ou refusée.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    public string SponsorLink(Petition petition) => links.To($"/petitions/parrainer/{petition.SponsorToken}");

    private async Task LoadAsync()
    {
        var me = User.UserId();
        var petitions = await db.Petitions.AsNoTracking().Where(p => p.AuthorId == me).OrderByDescending(p => p.CreatedAt).ToListAsync();
        var ids = petitions.Select(p => p.Id).ToList();
        var sponsors = await db.PetitionSponsors.Where(s => ids.Contains(s.PetitionId)).GroupBy(s => s.PetitionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Rows = petitions.Select(p => new Row(p, sponsors.GetValueOrDefault(p.Id))).ToList();
    }
}
