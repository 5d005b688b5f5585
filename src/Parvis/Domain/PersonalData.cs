namespace Parvis.Domain;

/// <summary>
/// How long an organization keeps personal data it no longer needs. Enforced by the scheduled
/// retention job; shown in the register of processing activities and on the privacy page.
/// </summary>
public class RetentionSettings
{
    public const int MinInactiveAccountMonths = 6;
    public const int MaxInactiveAccountMonths = 120;
    public const int MinDays = 1;
    public const int MaxDays = 365;

    /// <summary>An account without a sign-in for this long is anonymised (its contributions stay, as "Participant supprimé").</summary>
    public int InactiveAccountMonths { get; set; } = 36;
    /// <summary>IP addresses recorded for fraud control (rate-limit refusals) are erased after this many days.</summary>
    public int FraudIpDays { get; set; } = 30;
    /// <summary>The private e-mail of a contributor without an account is erased after this many days.</summary>
    public int AnonymousEmailDays { get; set; } = 30;

    /// <summary>The warning e-mail leaves this long before the anonymisation; a sign-in in between keeps the account.</summary>
    public static readonly TimeSpan WarningNotice = TimeSpan.FromDays(30);

    public string? Validate()
    {
        if (InactiveAccountMonths is < MinInactiveAccountMonths or > MaxInactiveAccountMonths)
            return $"La durée d'inactivité doit être entre {MinInactiveAccountMonths} et {MaxInactiveAccountMonths} mois.";
        if (FraudIpDays is < MinDays or > MaxDays) return $"La conservation des adresses IP doit être entre {MinDays} et {MaxDays} jours.";
        if (AnonymousEmailDays is < MinDays or > MaxDays) return $"La conservation des e-mails des contributeurs sans compte doit être entre {MinDays} et {MaxDays} jours.";
        return null;
    }

    /// <summary>The moment an account with this last activity becomes due for anonymisation.</summary>
    public DateTime InactiveAfter(DateTime lastActivity) => lastActivity.AddMonths(InactiveAccountMonths);

    /// <summary>The warning is due a month before the account would be anonymised, once per period of inactivity.</summary>
    public bool WarningDue(DateTime lastActivity, DateTime? warnedAt, DateTime now) =>
        (warnedAt is null || warnedAt < lastActivity) && now >= InactiveAfter(lastActivity) - WarningNotice;

    /// <summary>
    /// Anonymised only once inactive for the whole period and warned at least <see cref="WarningNotice"/> ago:
    /// a person is never erased without having been told.
    /// </summary>
    public bool AnonymisationDue(DateTime lastActivity, DateTime? warnedAt, DateTime now) =>
        warnedAt is { } warned && warned >= lastActivity && now >= InactiveAfter(lastActivity) && now - warned >= WarningNotice;
}

/// <summary>What happens to a signature when its signer's account is erased (petitions, issue 5, will apply it).</summary>
public enum SignatureOnErasure
{
    /// <summary>The petition is still open: the signer's row goes, the petition's count keeps the signature (thresholds already reached stay reached).</summary>
    KeepAsCount,
    /// <summary>The petition is closed: its result is final and published, so the signer's row simply goes.</summary>
    Remove,
}

public static class SignatureErasure
{
    /// <summary>Signatures are kept only as counts where the petition is still open; nothing names the signer any more.</summary>
    public static SignatureOnErasure For(bool petitionOpen) => petitionOpen ? SignatureOnErasure.KeepAsCount : SignatureOnErasure.Remove;
}
