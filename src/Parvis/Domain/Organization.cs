namespace Parvis.Domain;

/// <summary>The tenant: a collectivité, resolved from the request's host name.</summary>
public class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? LogoPath { get; set; }
    public string PrimaryColor { get; set; } = "#1d4f91";
    public string TimeZoneId { get; set; } = "Europe/Paris";
    public string? ContactEmail { get; set; }
    public string CharterMarkdown { get; set; } = "";
    /// <summary>An item is hidden pending review once it has this many open flags.</summary>
    public int FlagThreshold { get; set; } = 3;
    public bool RequireTwoFactorForStaff { get; set; } = true;
    /// <summary>The organization's promise: a contribution gets its official response within this many days.</summary>
    public int ResponseDeadlineDays { get; set; } = DefaultResponseDeadlineDays;
    public const int DefaultResponseDeadlineDays = 30;
    /// <summary>The licence of the open data page's datasets (/donnees), chosen by the administrator.</summary>
    public OpenDataLicence DataLicence { get; set; } = OpenDataLicence.LicenceOuverte20;
    /// <summary>The participation statistics (/statistiques) are open to everyone; otherwise to the staff only.</summary>
    public bool PublicStatistics { get; set; }
    public List<OrganizationHost> Hosts { get; set; } = [];
    public IdentitySettings Identity { get; set; } = new();
    public RetentionSettings Retention { get; set; } = new();
    public PetitionSettings Petitions { get; set; } = new();
    public RequestSettings Requests { get; set; } = new();
    public LegalPages Legal { get; set; } = new();

    public static bool IsValidColor(string color) =>
        color.Length == 7 && color[0] == '#' && color.Skip(1).All(Uri.IsHexDigit);

    public DateTime ToLocal(DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }

    public DateTime ToUtc(DateTime local)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by the spring clock change (02:30 on the last Sunday of March) means the hour after.
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}

/// <summary>How the organization verifies people: the methods it offers, how long each lasts, its OpenID provider.</summary>
public class IdentitySettings
{
    public VerificationMethods EnabledMethods { get; set; } = VerificationMethods.InPerson;
    public int FranceConnectMonths { get; set; } = 12;
    public int CensusMonths { get; set; } = 12;
    public int InPersonMonths { get; set; } = 24;
    public int PostalLetterMonths { get; set; } = 12;

    /// <summary>The OpenID provider: FranceConnect, ProConnect for agents, or the development provider.</summary>
    public string? OidcIssuer { get; set; }
    public string? OidcClientId { get; set; }
    /// <summary>Kept encrypted with the data-protection keys.</summary>
    public string? OidcClientSecretProtected { get; set; }
    public string OidcDisplayName { get; set; } = "FranceConnect";

    /// <summary>The secret salt of the census hashes; created with the first upload, never shown.</summary>
    public string? CensusSalt { get; set; }

    public bool Offers(VerificationMethod method) => (EnabledMethods & FlagOf(method)) != 0;

    /// <summary>FranceConnect is switched on and its provider is set up: its button can be shown.</summary>
    public bool OffersOidc => Offers(VerificationMethod.FranceConnect) && !string.IsNullOrWhiteSpace(OidcIssuer) && !string.IsNullOrWhiteSpace(OidcClientId);

    public static VerificationMethods FlagOf(VerificationMethod method) => method switch
    {
        VerificationMethod.FranceConnect => VerificationMethods.FranceConnect,
        VerificationMethod.Census => VerificationMethods.Census,
        VerificationMethod.InPerson => VerificationMethods.InPerson,
        _ => VerificationMethods.PostalLetter,
    };

    public int MonthsFor(VerificationMethod method) => method switch
    {
        VerificationMethod.FranceConnect => FranceConnectMonths,
        VerificationMethod.Census => CensusMonths,
        VerificationMethod.InPerson => InPersonMonths,
        _ => PostalLetterMonths,
    };
}

public class OrganizationHost
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string HostName { get; set; }
}

/// <summary>Every row that belongs to one organization; EF Core filters on it.</summary>
public interface ITenantOwned
{
    int OrganizationId { get; set; }
}
