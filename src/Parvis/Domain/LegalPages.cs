namespace Parvis.Domain;

/// <summary>RGAA conformity levels, in the words the law requires.</summary>
public enum AccessibilityConformity { NotCompliant, PartiallyCompliant, FullyCompliant }

/// <summary>
/// The accessibility statement (article 47 of the loi n° 2005-102 and the RGAA) and the legal notice
/// (LCEN article 6) of one organization. Empty fields fall back to defaults that name the organization.
/// </summary>
public class LegalPages
{
    public const int MaxLine = 300;
    public const int MaxText = 20_000;

    /// <summary>Share of the RGAA criteria met at the last audit, 0–100; null while no audit was made.</summary>
    public int? AccessibilityRate { get; set; }
    public DateOnly? AuditDate { get; set; }
    public string? AuditedBy { get; set; }
    public string NonCompliancesMarkdown { get; set; } = "";
    public string DerogationsMarkdown { get; set; } = "";
    /// <summary>Where a person reports an access problem (e-mail or address); the organization's contact otherwise.</summary>
    public string? AccessibilityContact { get; set; }
    public DateTime? AccessibilityUpdatedAt { get; set; }

    public string? Publisher { get; set; }
    public string? PublicationDirector { get; set; }
    public string? Host { get; set; }
    public string LegalNoticeMarkdown { get; set; } = "";

    /// <summary>
    /// The RGAA's rule: fully compliant when every criterion is met, partially from half of them,
    /// not compliant below, or when no audit was made.
    /// </summary>
    public AccessibilityConformity Conformity => AccessibilityRate switch
    {
        100 => AccessibilityConformity.FullyCompliant,
        >= 50 => AccessibilityConformity.PartiallyCompliant,
        _ => AccessibilityConformity.NotCompliant,
    };

    public static string Label(AccessibilityConformity conformity) => conformity switch
    {
        AccessibilityConformity.FullyCompliant => "totalement conforme",
        AccessibilityConformity.PartiallyCompliant => "partiellement conforme",
        _ => "non conforme",
    };

    public void DescribeAccessibility(int? rate, DateOnly? auditDate, string? auditedBy, string? nonCompliances,
        string? derogations, string? contact, DateTime now)
    {
        if (rate is < 0 or > 100) throw new DomainException("Le taux de conformité doit être entre 0 et 100 %.");
        if (rate is not null && auditDate is null)
            throw new DomainException("Indiquez la date de l'audit qui a mesuré le taux de conformité.");
        if (auditDate is { } date && date > DateOnly.FromDateTime(now))
            throw new DomainException("La date de l'audit ne peut pas être dans le futur.");
        if (rate is null && auditDate is not null)
            throw new DomainException("Indiquez le taux de conformité mesuré par l'audit.");
        AccessibilityRate = rate;
        AuditDate = auditDate;
        AuditedBy = Clean(auditedBy);
        NonCompliancesMarkdown = nonCompliances?.Trim() ?? "";
        DerogationsMarkdown = derogations?.Trim() ?? "";
        AccessibilityContact = Clean(contact);
        AccessibilityUpdatedAt = now;
    }

    public void DescribeLegalNotice(string? publisher, string? director, string? host, string? more)
    {
        Publisher = Clean(publisher);
        PublicationDirector = Clean(director);
        Host = Clean(host);
        LegalNoticeMarkdown = more?.Trim() ?? "";
    }

    public string PublisherOr(Organization organization) => Publisher ?? organization.Name;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
