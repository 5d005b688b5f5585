using System.Security.Cryptography;

namespace Parvis.Domain;

/// <summary>
/// A key an organization issues to a reuser of its public API (a newspaper, an association, a national portal): the
/// requests that carry it count against the key's own limit instead of their IP address's, so a reuser behind a shared
/// address, or one that syncs often, is not stopped with the crowd. Only the SHA-256 of the secret is kept: the
/// secret is shown once, when the key is issued, and a lost key is revoked and issued again.
/// </summary>
public class ApiKey : ITenantOwned
{
    public const int MaxName = 120;
    public const int MaxReadsPerMinute = 100_000;
    public const int DefaultReadsPerMinute = 1_000;
    /// <summary>Every secret starts with it, so a leaked key is recognisable (secret scanners look for such prefixes).</summary>
    public const string SecretStart = "pvk_";

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>The secret's first characters, shown to tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public int ReadsPerMinute { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key and its secret, to be shown once.</summary>
    public static (ApiKey Key, string Secret) Issue(string? name, int? readsPerMinute, DateTime now)
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
            CreatedAt = now,
        };
        return (key, secret);
    }

    /// <summary>The secret's fingerprint, as stored and as looked up: the one Open311 keys use (<see cref="ApiClient.HashKey"/>).</summary>
    public static string Hash(string secret) => ApiClient.HashKey(secret);

    public void Revoke(DateTime now)
    {
        if (IsRevoked) throw new DomainException("Cette clé est déjà révoquée.");
        RevokedAt = now;
    }
}
