using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>
/// The person finds themself on the electoral or resident list by typing their identity: a match records
/// residence, electorship and age bracket; the birth date itself is not kept. Each try counts against a
/// small hourly allowance, so guessing a neighbour's birth date is not practical.
/// </summary>
[Authorize]
[RateLimited(RateLimits.IdentityChecks)]
public class CensusModel(CensusRegistry registry, Verifications verifications, ParvisDbContext db, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public const string NoMatch = "Aucune inscription ne correspond à ces informations. Vérifiez-les, ou présentez-vous en mairie.";

    [BindProperty] public CensusForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Offered => tenant.Organization.Identity.Offers(VerificationMethod.Census);

    public sealed class CensusForm
    {
        [Required(ErrorMessage = "Indiquez votre nom de famille.")]
        [StringLength(200, ErrorMessage = "Le nom est trop long.")]
        public string FamilyName { get; set; } = "";

        [Required(ErrorMessage = "Indiquez vos prénoms.")]
        [StringLength(200, ErrorMessage = "Les prénoms sont trop longs.")]
        public string GivenNames { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre date de naissance.")]
        public DateOnly? BirthDate { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Offered) ModelState.AddModelError("", "La collectivité ne propose pas la vérification par liste.");
        if (!ModelState.IsValid) return Page();
        var userId = User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var organization = tenant.Organization;
        var matches = await registry.FindAsync(Form.FamilyName, Form.GivenNames, Form.BirthDate!.Value);
        if (matches.Count == 0)
        {
            ModelState.AddModelError("", NoMatch);
            return Page();
        }
        var (usable, revoked, alreadyVerified) = await registry.UsableForAsync(userId, matches, now);
        if (usable.Count == 0 && revoked)
        {
            // A revocation by an agent must stick: matching the same list again would undo it.
            ModelState.AddModelError("", "Votre vérification par cette liste a été révoquée : présentez-vous en mairie.");
            return Page();
        }
        if (usable.Count == 0 && alreadyVerified)
        {
            TempData["Message"] = "Votre inscription sur la liste est déjà vérifiée.";
            return Back();
        }
        // A list not yet used (the electoral list after the residents' one) still adds what it says.
        matches = usable;
        var match = matches.FirstOrDefault(m => m.Entry.ClaimedByUserId is null || m.Entry.ClaimedByUserId == userId) ?? matches[0];
        CensusRegistry.Claim(match.Entry, userId);
        var residence = match.Entry.TerritoryId ?? await registry.HomeTerritoryAsync();
        var today = DateOnly.FromDateTime(organization.ToLocal(now));
        verifications.Record(userId, VerificationMethod.Census,
            $"{CensusUploads.Label(match.File.Kind)} du {organization.ToLocal(match.File.UploadedAt):dd/MM/yyyy}",
            residentTerritoryId: residence, isElector: match.Entry.IsElector, ageBracket: AgeBrackets.From(Form.BirthDate.Value, today), censusFileId: match.File.Id,
            verifiedName: $"{Form.GivenNames} {Form.FamilyName}");
        await db.SaveChangesAsync();
        TempData["Message"] = "Votre inscription sur la liste est vérifiée.";
        return Back();
    }

    private LocalRedirectResult Back() => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/compte/identite");
}
