using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Identity;

public sealed record CensusMatch(CensusEntry Entry, CensusFile File);

/// <summary>
/// Finds a person on the organization's current census files by their identity fields (typed by the
/// person, or certified by FranceConnect). Only salted hashes are compared; the names never reach the database.
/// </summary>
public sealed class CensusRegistry(ParvisDbContext db, TenantContext tenant)
{
    /// <summary>The entries of the current files (electoral first) matching these fields; empty when no file is loaded.</summary>
    public async Task<List<CensusMatch>> FindAsync(string familyName, string givenNames, DateOnly birthDate)
    {
        var salt = tenant.Organization.Identity.CensusSalt;
        if (salt is null || string.IsNullOrWhiteSpace(familyName) || string.IsNullOrWhiteSpace(givenNames)) return [];
        var hash = CensusIdentity.Hash(salt, familyName, givenNames, birthDate);
        var found = await (from e in db.CensusEntries
                           join f in db.CensusFiles on e.CensusFileId equals f.Id
                           where e.Hash == hash && f.ReplacedAt == null
                           select new { e, f }).ToListAsync();
        return found.OrderBy(x => x.f.Kind).Select(x => new CensusMatch(x.e, x.f)).ToList();
    }

    /// <summary>
    /// Binds the entry to the account, or refuses when another account holds it: one line of the list
    /// vouches for one person. The caller saves.
    /// </summary>
    public static void Claim(CensusEntry entry, Guid userId)
    {
        if (entry.ClaimedByUserId is { } other && other != userId)
            throw new DomainException("Cette personne de la liste est déjà vérifiée sur un autre compte. Si c'est vous, présentez-vous en mairie.");
        entry.ClaimedByUserId = userId;
    }
}
