using System.Globalization;

namespace Parvis.Domain;

/// <summary>
/// One person's signature on one petition. It counts once its e-mail link is followed (<see cref="ConfirmedAt"/>);
/// moderators may invalidate it (fraud), which takes it out of the count. The name, e-mail and address
/// are never shown publicly; the institution's export gives names and communes only in elector mode.
/// </summary>
public class PetitionSignature : ITenantOwned
{
    public const int MaxName = 200;
    public const int MaxPlace = 100;
    public const int MaxReason = 500;
    public const int MaxIpAddress = 45;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }
    /// <summary>The signed-in signer, if any: one signature per account per petition.</summary>
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>As typed, for the confirmation mail.</summary>
    public required string Email { get; set; }
    /// <summary>One signature per mailbox per petition (<see cref="EmailAddress.Canonical"/>).</summary>
    public required string CanonicalEmail { get; set; }
    public required string EmailDomain { get; set; }
    public string? PostalCode { get; set; }
    public string? Commune { get; set; }
    public required string IpAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>The last time this address was e-mailed about the signature (its link, or that it signed before), so that signing again writes at most every few minutes.</summary>
    public DateTime LinkSentAt { get; set; }
    public DateTime? InvalidatedAt { get; set; }
    public string? InvalidationReason { get; set; }
    /// <summary>
    /// SHA-256 of the random token in the confirmation link (<see cref="NewConfirmationToken"/>): the link names the
    /// signature without its id, so the row and its e-mail are written together, and a leaked table confirms nothing.
    /// </summary>
    public string? ConfirmationTokenHash { get; set; }
    /// <summary>
    /// The <see cref="Receipt.EntryId"/> of the receipt derived from the current link (<see cref="ReceiptOf"/>): the tally
    /// log's entry at confirmation, and its removal, name it. Null for links older than the logs.
    /// </summary>
    public string? TallyId { get; set; }

    /// <summary>A link is followed within this time after it was sent.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    public bool Counts => ConfirmedAt is not null && InvalidatedAt is null;

    /// <summary>A new, unconfirmed signature, its inputs checked (French messages).</summary>
    public static PetitionSignature Create(int petitionId, Guid? userId, string? name, EmailAddress email, string? postalCode, string? commune,
        bool communeRequired, string? ipAddress, DateTime now)
    {
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length == 0) throw new DomainException("Indiquez votre nom : une pétition se signe de son nom.");
        if (cleanName.Length > MaxName) throw DomainException.WithValues("Le nom ne peut pas dépasser {0} caractères.", MaxName);
        var cleanPostalCode = Optional(postalCode);
        var cleanCommune = Optional(commune);
        if (cleanPostalCode is { Length: > MaxPlace } || cleanCommune is { Length: > MaxPlace })
            throw DomainException.WithValues("Le code postal et la commune ne peuvent pas dépasser {0} caractères.", MaxPlace);
        if (communeRequired && cleanCommune is null)
            throw new DomainException("Indiquez votre commune : elle figure sur la liste des signataires remise à l'institution.");
        return new PetitionSignature
        {
            PetitionId = petitionId,
            UserId = userId,
            Name = cleanName,
            Email = email.Typed,
            CanonicalEmail = email.Canonical,
            EmailDomain = email.Domain,
            PostalCode = cleanPostalCode,
            Commune = cleanCommune,
            IpAddress = ipAddress is { Length: > 0 and <= MaxIpAddress } ? ipAddress : "inconnue",
            CreatedAt = now,
            LinkSentAt = now,
        };
    }

    /// <summary>Gives this signature a new link token (the previous link stops working) and returns it.</summary>
    public string NewConfirmationToken()
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        ConfirmationTokenHash = HashToken(token);
        TallyId = Receipt.EntryId(ReceiptOf(token));
        return token;
    }

    /// <summary>The receipt of the signature a link confirms: shown on confirming and in the link's e-mail.</summary>
    public static string ReceiptOf(string token) => Receipt.FromSecret(token);

    /// <summary>The stored form of a link's token; null for what cannot be one (so nothing is looked up).</summary>
    public static string? HashToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)))
            : null;

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// CGCT L1112-16: an elector signs one request (elector-mode petition) per calendar quarter in an organization.
/// A row per (organization, elector, quarter), unique, written with the signature: the database refuses a second.
/// An invalidated signature frees its quarter (the row goes with the invalidation).
/// </summary>
public class ElectorQuarterSignature : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>"2026-Q4", in the organization's time zone.</summary>
    public required string Quarter { get; set; }
    public int PetitionId { get; set; }
    public long SignatureId { get; set; }
    public PetitionSignature? Signature { get; set; }

    public static string QuarterOf(DateTime local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Year}-Q{(local.Month - 1) / 3 + 1}");

    /// <summary>The first day of the quarter after this local date.</summary>
    public static DateTime NextQuarterStart(DateTime local)
    {
        var start = new DateTime(local.Year, (local.Month - 1) / 3 * 3 + 1, 1);
        return start.AddMonths(3);
    }
}
