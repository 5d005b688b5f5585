using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parvis.Domain;

public enum CensusKind { Electoral, Residents }

/// <summary>An uploaded electoral or resident list. Only its rows' salted hashes are stored, never the names.</summary>
public class CensusFile : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public CensusKind Kind { get; set; }
    public required string FileName { get; set; }
    public DateTime UploadedAt { get; set; }
    public Guid UploadedById { get; set; }
    public int RowCount { get; set; }
    /// <summary>Set when a newer file of the same kind replaced this one; its entries are gone.</summary>
    public DateTime? ReplacedAt { get; set; }
}

/// <summary>One person of a census file, as a salted hash of their identity fields.</summary>
public class CensusEntry : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int CensusFileId { get; set; }
    public required string Hash { get; set; }
    /// <summary>The quartier (or commune) the list places the person in, when it says.</summary>
    public int? TerritoryId { get; set; }
    public bool IsElector { get; set; }
    /// <summary>One entry vouches for one account: knowing a neighbour's birth date verifies nobody else.</summary>
    public Guid? ClaimedByUserId { get; set; }
}

/// <summary>The identity fields a census is matched on, normalised so that "Éloïse-Marie  DUPONT" matches "eloise marie dupont".</summary>
public static class CensusIdentity
{
    public static string Normalize(string familyName, string givenNames, DateOnly birthDate)
    {
        // The first given name only: lists and identity providers disagree on the others.
        var firstGiven = Clean(givenNames).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return $"{Clean(familyName)}|{firstGiven}|{birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    /// <summary>HMAC-SHA256 with the organization's secret salt: the stored list cannot be reversed by hashing the phone book.</summary>
    public static string Hash(string salt, string familyName, string givenNames, DateOnly birthDate)
    {
        var key = Convert.FromBase64String(salt);
        var bytes = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalize(familyName, givenNames, birthDate)));
        return Convert.ToHexStringLower(bytes);
    }

    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Clean(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(ch))
            {
                sb.Append(char.ToUpperInvariant(ch));
                lastWasSpace = false;
            }
            else if (!lastWasSpace && sb.Length > 0)
            {
                // Hyphens, apostrophes and runs of spaces count as one separator.
                sb.Append(' ');
                lastWasSpace = true;
            }
        }
        return sb.ToString().TrimEnd().Replace("Œ", "OE", StringComparison.Ordinal).Replace("Æ", "AE", StringComparison.Ordinal);
    }
}
