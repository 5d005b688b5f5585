namespace Parvis.Domain;

/// <summary>The ways a trusted third party vouches for a person; an organization enables the ones it wants.</summary>
public enum VerificationMethod { FranceConnect, Census, InPerson, PostalLetter }

[Flags]
public enum VerificationMethods
{
    None = 0,
    FranceConnect = 1,
    Census = 2,
    InPerson = 4,
    PostalLetter = 8,
}

/// <summary>An age bracket, derived from a birth date at verification; the date itself is never kept.</summary>
public enum AgeBracket { Under16, From16To17, From18To29, From30To39, From40To49, From50To59, From60To69, From70 }

public static class AgeBrackets
{
    public static AgeBracket From(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year - (today < birthDate.AddYears(today.Year - birthDate.Year) ? 1 : 0);
        return age switch
        {
            < 16 => AgeBracket.Under16,
            < 18 => AgeBracket.From16To17,
            < 30 => AgeBracket.From18To29,
            < 40 => AgeBracket.From30To39,
            < 50 => AgeBracket.From40To49,
            < 60 => AgeBracket.From50To59,
            < 70 => AgeBracket.From60To69,
            _ => AgeBracket.From70,
        };
    }

    /// <summary>The youngest age in the bracket: a minimum age is met when the whole bracket is at or above it.</summary>
    public static int LowerBound(this AgeBracket bracket) => bracket switch
    {
        AgeBracket.Under16 => 0,
        AgeBracket.From16To17 => 16,
        AgeBracket.From18To29 => 18,
        AgeBracket.From30To39 => 30,
        AgeBracket.From40To49 => 40,
        AgeBracket.From50To59 => 50,
        AgeBracket.From60To69 => 60,
        _ => 70,
    };

    /// <summary>The badge text: "30–39 ans".</summary>
    public static string Label(this AgeBracket bracket) => bracket switch
    {
        AgeBracket.Under16 => "moins de 16 ans",
        AgeBracket.From16To17 => "16–17 ans",
        AgeBracket.From18To29 => "18–29 ans",
        AgeBracket.From30To39 => "30–39 ans",
        AgeBracket.From40To49 => "40–49 ans",
        AgeBracket.From50To59 => "50–59 ans",
        AgeBracket.From60To69 => "60–69 ans",
        _ => "70 ans et plus",
    };
}

/// <summary>
/// What a trusted third party vouched for, about one account: only the derived attributes the rules
/// need (a territory of residence, elector or not, an age bracket), never the identity data behind them —
/// except an elector's name (see <see cref="VerifiedName"/>).
/// </summary>
public class Verification : ITenantOwned
{
    public const int MaxReason = 500;
    public const int MaxName = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public VerificationMethod Method { get; set; }
    /// <summary>Who vouched: the OpenID provider's issuer, the census file, "mairie"…</summary>
    public required string Issuer { get; set; }
    public DateTime VerifiedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    public int? ResidentTerritoryId { get; set; }
    public bool IsElector { get; set; }
    /// <summary>
    /// The name the third party vouched for, kept only with an elector's verification: a request to put an item
    /// on the council's agenda (CGCT L1112-16) lists its signatories by that name, so the town hall can check it
    /// against the electoral list.
    /// </summary>
    public string? VerifiedName { get; set; }
    public AgeBracket? AgeBracket { get; set; }

    /// <summary>Set when the attributes came from a census file: re-uploading the file can revoke them in bulk.</summary>
    public int? CensusFileId { get; set; }
    /// <summary>The agent who verified in person, and the kind of document seen (never the document).</summary>
    public Guid? VerifiedById { get; set; }
    public string? DocumentType { get; set; }

    public bool IsActiveAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif de la révocation.");
        if (RevokedAt is not null) throw new DomainException("Cette vérification est déjà révoquée.");
        RevokedAt = now;
        RevokedReason = reason.Trim().Length > MaxReason ? reason.Trim()[..MaxReason] : reason.Trim();
    }
}

/// <summary>What a person is verified to be, now: the union of their active verifications.</summary>
/// <summary><paramref name="ElectorName"/>: the name an elector's latest verification vouched for, if it kept one.</summary>
public sealed record VerifiedAttributes(IReadOnlyList<int> ResidentTerritoryIds, bool IsElector, AgeBracket? AgeBracket,
    string? ElectorName = null)
{
    public static readonly VerifiedAttributes None = new([], false, null);

    public bool IsEmpty => ResidentTerritoryIds.Count == 0 && !IsElector && AgeBracket is null;

    public static VerifiedAttributes Of(IEnumerable<Verification> verifications, DateTime now)
    {
        var active = verifications.Where(v => v.IsActiveAt(now)).OrderByDescending(v => v.VerifiedAt).ToList();
        return new(
            active.Where(v => v.ResidentTerritoryId is not null).Select(v => v.ResidentTerritoryId!.Value).Distinct().ToList(),
            active.Any(v => v.IsElector),
            // The latest verification that saw a birth date has the freshest bracket.
            active.FirstOrDefault(v => v.AgeBracket is not null)?.AgeBracket,
            active.FirstOrDefault(v => v.IsElector && v.VerifiedName is not null)?.VerifiedName);
    }

    /// <summary>Resident of the space's territory: the territory itself or one under it.</summary>
    public bool LivesIn(IReadOnlyCollection<int> territoryAndDescendants) =>
        ResidentTerritoryIds.Any(territoryAndDescendants.Contains);

    public bool IsAtLeast(int minimumAge) => AgeBracket is { } b && b.LowerBound() >= minimumAge;
}
