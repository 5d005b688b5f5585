using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Identity;

/// <summary>A way to get a missing attribute, shown where an action asks for it; <paramref name="Label"/> is French, with <paramref name="Value"/> as its {0}.</summary>
public sealed record VerificationWay(VerificationMethod Method, string Label, string Url, string? Value = null);

/// <summary>What the participation partial needs: the action (a French verb), why it is refused, and the ways to fix it.</summary>
public sealed record ParticipationNeeds(string Verb, Infrastructure.Identity.ParticipationRefusal Refusal, IReadOnlyList<VerificationWay> Ways, string ReturnUrl);

/// <summary>
/// The verifications of accounts: recorded by each method (FranceConnect, census, in person, postal
/// letter) through <see cref="Record"/>, read back as the attributes the participation rules check.
/// Actions re-check at use: an expired or revoked verification stops counting at once.
/// </summary>
public sealed class Verifications(ParvisDbContext db, TenantContext tenant, TimeProvider clock)
{
    private readonly Dictionary<Guid, VerifiedAttributes> _cache = [];
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// How an author is shown on what they post: the display they asked for if the space allows it, and only
    /// the badges they asked for that they still hold (a badge is never shown on an attribute not verified now).
    /// </summary>
    public async Task<(DisplayIdentity Display, BadgeChoices Badges)> AuthorChoiceAsync(Guid userId, ParticipationRules rules, DisplayIdentity? asked, IEnumerable<BadgeChoices>? wantedBadges)
    {
        if (asked is { } display && (!Enum.IsDefined(display) || !rules.Allows(display)))
            throw new DomainException("Cet affichage n'est pas proposé dans cet espace.");
        var wanted = (wantedBadges ?? []).Aggregate(BadgeChoices.None, (all, b) => all | b);
        var badges = BadgeChoices.None;
        if (wanted != BadgeChoices.None)
        {
            var attributes = await AttributesOfAsync(userId);
            if (wanted.HasFlag(BadgeChoices.Residence) && attributes.ResidentTerritoryIds.Count > 0) badges |= BadgeChoices.Residence;
            if (wanted.HasFlag(BadgeChoices.Elector) && attributes.IsElector) badges |= BadgeChoices.Elector;
            if (wanted.HasFlag(BadgeChoices.Age) && attributes.AgeBracket is not null) badges |= BadgeChoices.Age;
        }
        return (rules.Resolve(asked), badges);
    }

    public async Task<VerifiedAttributes> AttributesOfAsync(Guid userId)
    {
        if (_cache.TryGetValue(userId, out var known)) return known;
        var now = Now;
        var active = await db.Verifications.AsNoTracking()
            .Where(v => v.UserId == userId && v.RevokedAt == null && v.ExpiresAt > now).ToListAsync();
        return _cache[userId] = VerifiedAttributes.Of(active, now);
    }

    /// <summary>The attributes of several authors at once, for a list page's badges.</summary>
    public async Task<Dictionary<Guid, VerifiedAttributes>> AttributesOfAsync(IReadOnlyCollection<Guid> userIds)
    {
        if (userIds.Count == 0) return [];
        var now = Now;
        var active = await db.Verifications.AsNoTracking()
            .Where(v => userIds.Contains(v.UserId) && v.RevokedAt == null && v.ExpiresAt > now).ToListAsync();
        return active.GroupBy(v => v.UserId).ToDictionary(g => g.Key, g => VerifiedAttributes.Of(g, now));
    }

    public Task<List<Verification>> HistoryOfAsync(Guid userId) =>
        db.Verifications.AsNoTracking().Where(v => v.UserId == userId).OrderByDescending(v => v.VerifiedAt).ToListAsync();

    /// <summary>
    /// Adds a verification with the expiry the organization sets for its method. The caller writes
    /// its audit entry and saves: the verification lands with the rest of the action, or not at all.
    /// </summary>
    public Verification Record(Guid userId, VerificationMethod method, string issuer,
        int? residentTerritoryId = null, bool isElector = false, AgeBracket? ageBracket = null,
        int? censusFileId = null, Guid? verifiedById = null, string? documentType = null, string? verifiedName = null)
    {
        if (residentTerritoryId is null && !isElector && ageBracket is null)
            throw new DomainException("Cette vérification n'atteste rien : choisissez au moins un attribut.");
        var now = Now;
        var verification = new Verification
        {
            UserId = userId,
            Method = method,
            Issuer = issuer.Length > 300 ? issuer[..300] : issuer,
            VerifiedAt = now,
            ExpiresAt = now.AddMonths(Math.Max(1, tenant.Organization.Identity.MonthsFor(method))),
            ResidentTerritoryId = residentTerritoryId,
            IsElector = isElector,
            // Kept only where the law needs it: an elector's name, for the lists of L1112-16 requests.
            VerifiedName = isElector ? NameOf(verifiedName) : null,
            AgeBracket = ageBracket,
            CensusFileId = censusFileId,
            VerifiedById = verifiedById,
            DocumentType = documentType,
        };
        db.Verifications.Add(verification);
        _cache.Remove(userId);
        return verification;
    }

    private static string? NameOf(string? name)
    {
        var clean = string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return clean.Length == 0 ? null : clean.Length > Verification.MaxName ? clean[..Verification.MaxName] : clean;
    }

    /// <summary>The ways this organization offers to prove what a requirement asks; the view shows them as links.</summary>
    public IReadOnlyList<VerificationWay> WaysFor(ActionRequirement requirement, string returnUrl)
    {
        var identity = tenant.Organization.Identity;
        var back = Uri.EscapeDataString(returnUrl);
        var needsResidence = requirement.Level == ParticipationLevel.VerifiedResident;
        var needsElector = requirement.Level == ParticipationLevel.VerifiedElector;
        var needsAge = requirement.MinimumAge is not null;
        var ways = new List<VerificationWay>();
        // FranceConnect certifies identity and birth date; residence and electorship come from matching that identity on the census.
        if (identity.OffersOidc && (!(needsResidence || needsElector) || identity.Offers(VerificationMethod.Census)))
            ways.Add(new(VerificationMethod.FranceConnect, "avec {0}", $"/compte/franceconnect?ReturnUrl={back}", identity.OidcDisplayName));
        if (identity.Offers(VerificationMethod.Census))
            ways.Add(new(VerificationMethod.Census, needsElector ? "avec la liste électorale" : "avec la liste des habitants", $"/compte/identite/liste?ReturnUrl={back}"));
        if (identity.Offers(VerificationMethod.PostalLetter) && needsResidence && !needsAge)
            ways.Add(new(VerificationMethod.PostalLetter, "par un code reçu par courrier", $"/compte/identite/courrier?ReturnUrl={back}"));
        if (identity.Offers(VerificationMethod.InPerson))
            ways.Add(new(VerificationMethod.InPerson, "en vous présentant en mairie", "/compte/identite#mairie"));
        return ways;
    }

    public ParticipationNeeds NeedsFor(string verb, Infrastructure.Identity.ParticipationRefusal refusal, string returnUrl) =>
        new(verb, refusal, refusal.NeedsSignIn ? [] : WaysFor(refusal.Requirement, returnUrl), returnUrl);
}
