using System.Security.Cryptography;
using System.Text;

namespace Parvis.Domain;

/// <summary>Short codes a person reads aloud or types: "K7M4-QX2P", without the characters people confuse (0/O, 1/I/L).</summary>
public static class PublicCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < 9; i++) chars[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>"k7m4 qx2p", "K7M4QX2P" → "K7M4-QX2P"; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var letters = new string(typed.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return letters.Length == 8 && letters.All(Alphabet.Contains) ? $"{letters[..4]}-{letters[4..]}" : null;
    }

    public static string Hash(string salt, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(salt), Encoding.UTF8.GetBytes(code)));
}

public enum PostalLetterState { Pending, Sent, Used, Expired, Void }

/// <summary>
/// A request for a code by post: the person declares their address and quartier, an agent prints the
/// letter, the person types the code it carries. The address is kept only until the code is used or dead.
/// </summary>
public class PostalLetterRequest : ITenantOwned
{
    public const int MaxAttempts = 5;
    public const int MaxName = 100;
    public const int MaxLine = 200;
    public static readonly TimeSpan CodeValidity = TimeSpan.FromDays(60);

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The quartier the person says the address is in: what the code verifies.</summary>
    public int TerritoryId { get; set; }
    public DateTime RequestedAt { get; set; }

    public string? RecipientName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public DateTime? AddressErasedAt { get; set; }

    public DateTime? PrintedAt { get; set; }
    public Guid? PrintedById { get; set; }
    public string? CodeSalt { get; set; }
    public string? CodeHash { get; set; }
    /// <summary>The code itself, encrypted with the data-protection keys, until it is used or dead: lets an agent reprint a lost letter.</summary>
    public string? CodeProtected { get; set; }
    public DateTime? CodeExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? VoidedAt { get; set; }

    public static PostalLetterRequest Declare(Guid userId, int territoryId, string? recipientName, string? line1, string? line2, string? postalCode, string? city, DateTime now)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var (name, l1, l2, zip, town) = (Clean(recipientName), Clean(line1), Clean(line2), Clean(postalCode), Clean(city));
        if (name is null || l1 is null || zip is null || town is null)
            throw new DomainException("Indiquez le nom sur la boîte aux lettres, l'adresse, le code postal et la ville.");
        if (name.Length > MaxName || l1.Length > MaxLine || (l2?.Length ?? 0) > MaxLine || town.Length > MaxName)
            throw new DomainException("L'adresse est trop longue pour une enveloppe.");
        if (zip.Length != 5 || !zip.All(char.IsAsciiDigit))
            throw new DomainException("Le code postal compte cinq chiffres.");
        return new PostalLetterRequest
        {
            UserId = userId,
            TerritoryId = territoryId,
            RequestedAt = now,
            RecipientName = name,
            AddressLine1 = l1,
            AddressLine2 = l2,
            PostalCode = zip,
            City = town.ToUpperInvariant(),
        };
    }

    public PostalLetterState StateAt(DateTime now) =>
        UsedAt is not null ? PostalLetterState.Used
        : VoidedAt is not null ? PostalLetterState.Void
        : PrintedAt is null ? PostalLetterState.Pending
        : now >= CodeExpiresAt ? PostalLetterState.Expired
        : PostalLetterState.Sent;

    /// <summary>Gives the letter a fresh code (a reprint makes the previous one useless).</summary>
    public void Print(string code, string codeProtected, Guid? agentId, DateTime now)
    {
        var state = StateAt(now);
        if (state is not (PostalLetterState.Pending or PostalLetterState.Sent)) throw new DomainException("Cette demande de courrier n'est plus en cours.");
        CodeSalt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        CodeHash = PublicCodes.Hash(CodeSalt, code);
        CodeProtected = codeProtected;
        CodeExpiresAt = now + CodeValidity;
        PrintedAt = now;
        PrintedById = agentId;
        FailedAttempts = 0;
    }

    /// <summary>True when the typed code is the letter's; a wrong code uses up an attempt, the last one voids the letter.</summary>
    public bool TryCode(string? typed, DateTime now)
    {
        if (StateAt(now) != PostalLetterState.Sent) throw new DomainException("Ce courrier n'est plus valable : demandez-en un nouveau.");
        var code = PublicCodes.Normalize(typed);
        if (code is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(PublicCodes.Hash(CodeSalt!, code)), Encoding.ASCII.GetBytes(CodeHash!)))
        {
            UsedAt = now;
            EraseAddress(now);
            return true;
        }
        FailedAttempts++;
        if (FailedAttempts >= MaxAttempts)
        {
            VoidedAt = now;
            EraseAddress(now);
        }
        return false;
    }

    public int AttemptsLeft => Math.Max(0, MaxAttempts - FailedAttempts);

    /// <summary>Once the code is used, voided or expired, the address has served its purpose.</summary>
    public void EraseAddress(DateTime now)
    {
        RecipientName = AddressLine1 = AddressLine2 = PostalCode = City = null;
        CodeProtected = null;
        AddressErasedAt ??= now;
    }
}
