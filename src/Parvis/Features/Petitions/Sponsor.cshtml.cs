using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>The private sponsoring link: a signed-in person reads the draft and vouches for it.</summary>
[RateLimited(RateLimits.Posting)]
public class SponsorModel(ParvisDbContext db, PetitionCommands commands, AuthorDisplay authors) : PageModel, IRedisplaysBrokenRules
{
    public Petition Petition { get; private set; } = null!;
    public AuthorView Author { get; private set; } = null!;
    public bool AlreadySponsor { get; private set; }
    public bool IsAuthor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (User.Identity?.IsAuthenticated != true) return Redirect("/compte/connexion?ReturnUrl=" + Uri.EscapeDataString($"/petitions/parrainer/{token}"));
        if (!await LoadAsync(token)) return NotFound();
        ModelState.Clear();
        await commands.SponsorAsync(User, token);
        TempData["Message"] = "Merci : vous parrainez cette pétition.";
        return Redirect($"/petitions/parrainer/{token}");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(Convert.ToString(RouteData.Values["token"], System.Globalization.CultureInfo.InvariantCulture) ?? "");

    private async Task<bool> LoadAsync(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return false;
        var petition = await db.Petitions.AsNoTracking().Include(p => p.Territory).FirstOrDefaultAsync(p => p.SponsorToken == token);
        if (petition is null) return false;
        Petition = petition;
        Author = await authors.ForAsync(new AuthorSource(petition.AuthorId, DisplayIdentity.Pseudonym, null), new ParticipationRules());
        var me = User.UserId();
        IsAuthor = me == petition.AuthorId;
        AlreadySponsor = me is not null && await db.PetitionSponsors.AnyAsync(s => s.PetitionId == petition.Id && s.UserId == me);
        // The link is private: search engines and the page cache keep away.
        ViewData["NoIndex"] = true;
        return true;
    }
}
