using System.Security.Cryptography;
using System.Text;

namespace Parvis.Domain;

/// <summary>
/// A key an organization issues to a client of its APIs: a reuser of the public API (a newspaper, an association, a
/// national portal), whose reads count against the key's own limit instead of their IP address's, and, where the key
/// has the Open311 use, an application that sends reports and reads the non-public ones (the town's app, a partner).
/// A reuser's read-only key never posts a report: the use is chosen when the key is issued. Only the SHA-256 of the
/// secret is kept: the secret is shown once, when the key is issued, and a lost key is revoked and issued again.
/// </summary>
public class ApiKey : ITenantOwned
{
    public const int MaxName = 120;
    public const int MaxReadsPerMinute = 100_000;
    public const int DefaultReadsPerMinute = 1_000;
    /// <summary>Longer presented secrets are not even hashed: none was ever issued.</summary>
    public const int MaxSecret = 200;
    /// <summary>Every secret starts with it, so a leaked key is recognisable (secret scanners look for such prefixes).</summary>
    public const string SecretStart = "pvk_";

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>The secret's first characters, shown to tell keys apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the secret, hex (<see cref="Hash"/>).</summary>
    public required string SecretHash { get; set; }
    public int ReadsPerMinute { get; set; }
    /// <summary>The key may also send reports through Open311 and read the requests that are not public.</summary>
    public bool Open311 { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>When it last sent a report through Open311.</summary>
    public DateTime? LastUsedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key and its secret, to be shown once.</summary>
    public static (ApiKey Key, string Secret) Issue(string? name, int? readsPerMinute, bool open311, Guid? issuedBy, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Nommez la clé : à qui elle est remise, pour quel usage.");
        var trimmed = name.Trim();
        if (trimmed.Length > MaxName) throw DomainException.WithValues("Le nom d'une clé tient en {0} caractères au plus.", MaxName);
        if (readsPerMinute is not { } reads || reads < 1 || reads > MaxReadsPerMinute)
            throw DomainException.WithValues("La limite d'une clé est un nombre de lectures par minute, de 1 à {0}.", MaxReadsPerMinute);
        var secret = SecretStart + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey
        {
            Name = trimmed,
            Prefix = secret[..(SecretStart.Length + 8)],
            SecretHash = Hash(secret),
            ReadsPerMinute = reads,
            Open311 = open311,
            CreatedAt = now,
            CreatedById = issuedBy,
        };
        return (key, secret);
    }

    /// <summary>The secret's fingerprint, as stored and as looked up: SHA-256, lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime now)
    {
        if (IsRevoked) throw new DomainException("Cette clé est déjà révoquée.");
        RevokedAt = now;
    }
}
