namespace Parvis.Domain;

/// <summary>
/// The last grouping of a consultation's contributions by what they say (one row per consultation), computed by the
/// synthesis job: <see cref="RequestedAt"/> is the staff's request waiting for the job, <see cref="StartedAt"/> and
/// <see cref="Progress"/> the computation under way, <see cref="Json"/> the groups of the last one finished.
/// </summary>
public class ContributionGrouping : ITenantOwned
{
    /// <summary>A computation started this long ago without finishing is taken as failed (its node died): run again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ConsultationId { get; set; }
    public DateTime? RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public int Progress { get; set; }
    public DateTime? ComputedAt { get; set; }
    public int Contributions { get; set; }
    public string? Json { get; set; }

    /// <summary>Asked for and not finished yet: the page shows the progress and refreshes itself.</summary>
    public bool IsPending => RequestedAt is not null || (StartedAt is not null && Progress < 100);
}

/// <summary>A theme the staff name in a consultation's contributions, for the closing report.</summary>
public class SynthesisTheme : ITenantOwned
{
    public const int MaxName = 120;
    public const int MaxQuotes = 5;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ConsultationId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Donnez un nom au thème.");
        var trimmed = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom d'un thème tient en {0} caractères au plus.", MaxName);
        return trimmed;
    }
}

/// <summary>A contribution placed in a theme (in one theme at most: ContributionId is unique), perhaps quoted in the report.</summary>
public class ThemeContribution : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ThemeId { get; set; }
    public int ContributionId { get; set; }
    public bool IsQuote { get; set; }
    public SynthesisTheme? Theme { get; set; }
}
