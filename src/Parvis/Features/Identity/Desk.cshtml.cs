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

namespace Parvis.Features.Identity;

/// <summary>
/// The town hall desk: an agent finds a person by the code of their account (or their e-mail), looks at
/// an identity document and grants the attributes it proves; only the kind of document is written down.
/// The recent verifications of the organization are listed with a revoke action.
/// </summary>
[Authorize(Policy = Policies.Verify)]
public class DeskModel(ParvisDbContext db, InPersonCodes codes, Verifications verifications, AuditLog audit, TenantContext tenant, TimeProvider clock) : PageModel
{
    public static readonly string[] DocumentTypes =
        ["carte nationale d'identité", "passeport", "titre de séjour", "permis de conduire", "justificatif de domicile", "carte électorale"];

    public sealed record Person(Guid Id, string Pseudonym, string? Email, string? Code, VerifiedAttributes Attributes);
    public sealed record Row(Verification Verification, string Pseudonym, string? Email);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public Person? Found { get; private set; }
    public List<Row> Recent { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public Dictionary<int, string> TerritoryNames { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            if (await codes.FindAsync(Q) is { } user)
                Found = new Person(user.Id, user.Pseudonym, user.Email, user.InPersonCode, await verifications.AttributesOfAsync(user.Id));
            else ModelState.AddModelError("Q", "Aucun compte de la collectivité ne correspond à ce code ou à cette adresse e-mail.");
        }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Territories = await TerritoryTree.OptionsAsync(db);
        TerritoryNames = Territories.ToDictionary(t => t.Id, t => t.Label.Trim('\u00A0'));
        Recent = await (from v in db.Verifications.AsNoTracking()
                        join u in db.Users on v.UserId equals u.Id
                        orderby v.VerifiedAt descending, v.Id descending
                        select new Row(v, u.Pseudonym, u.Email)).Take(50).ToListAsync();
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid userId, int? territoryId, bool isElector, DateOnly? birthDate, AgeBracket? ageBracket, string? documentType,
        string? electorName)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) ModelState.AddModelError("userId", "Retrouvez d'abord la personne par son code ou son adresse e-mail.");
        if (documentType is null || !DocumentTypes.Contains(documentType)) ModelState.AddModelError("documentType", "Indiquez le type de pièce présentée.");
        if (territoryId is not null && !await db.Territories.AnyAsync(t => t.Id == territoryId)) ModelState.AddModelError("territoryId", "Ce territoire n'existe pas.");
        if (ageBracket is not null && !Enum.IsDefined(ageBracket.Value)) ModelState.AddModelError("ageBracket", "Choisissez une tranche d'âge de la liste.");
        var today = DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));
        if (birthDate is { } born && (born > today || born.Year < 1900)) ModelState.AddModelError("birthDate", "La date de naissance n'est pas plausible.");
        if (isElector && string.IsNullOrWhiteSpace(electorName))
            ModelState.AddModelError("electorName", "Indiquez le nom inscrit sur la pièce : les demandes d'inscription à l'ordre du jour que signe un électeur portent ce nom.");
        if (ModelState.IsValid)
        {
            // The birth date only gives the bracket; it is not kept.
            var bracket = birthDate is { } date ? AgeBrackets.From(date, today) : ageBracket;
            try
            {
                var v = verifications.Record(user!.Id, VerificationMethod.InPerson, "Mairie", residentTerritoryId: territoryId, isElector: isElector, ageBracket: bracket,
                    verifiedById: User.UserId(), documentType: documentType, verifiedName: electorName);
                await SetTerritoryNamesAsync();
                audit.Record("verification.in-person", "User", user.Id, $"pièce vue : {documentType} ; {VerificationText.Describe(v, TerritoryNames)}");
                await db.SaveChangesAsync();
                TempData["Message"] = "Vérification enregistrée.";
                return RedirectToPage(new { q = user.InPersonCode ?? user.Email });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError("", e);
            }
        }
        Q = user?.InPersonCode ?? user?.Email;
        if (user is not null) Found = new Person(user.Id, user.Pseudonym, user.Email, user.InPersonCode, await verifications.AttributesOfAsync(user.Id));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, string? reason)
    {
        var verification = await db.Verifications.FirstOrDefaultAsync(v => v.Id == id);
        if (verification is null) ModelState.AddModelError("id", "Cette vérification n'existe pas.");
        else
        {
            try
            {
                verification.Revoke(reason ?? "", clock.GetUtcNow().UtcDateTime);
                audit.Record("verification.revoke", "User", verification.UserId, $"{Labels.Of(verification.Method)} n° {verification.Id} : {verification.RevokedReason}");
                await db.SaveChangesAsync();
                TempData["Message"] = "Vérification révoquée.";
                return RedirectToPage(new { q = Q });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError("reason", e);
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task SetTerritoryNamesAsync() =>
        TerritoryNames = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
}

/// <summary>What a verification vouches for, in words: "habitant · Quartier de la Gare · électeur · 30–39 ans".</summary>
public static class VerificationText
{
    public static string Describe(Verification v, IReadOnlyDictionary<int, string> territoryNames)
    {
        var parts = new List<string>();
        if (v.ResidentTerritoryId is { } t) parts.Add("habitant · " + territoryNames.GetValueOrDefault(t, "?"));
        if (v.IsElector) parts.Add("électeur");
        if (v.AgeBracket is { } a) parts.Add(a.Label());
        return string.Join(" · ", parts);
    }
}
