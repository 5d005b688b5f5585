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
    /// The matches this person may still use: a file whose verification an agent revoked stays refused (matching it
    /// again would undo the revocation), and a file already verifying them now adds nothing.
    /// </summary>
    public async Task<(List<CensusMatch> Usable, bool Revoked, bool AlreadyVerified)> UsableForAsync(Guid userId, List<CensusMatch> matches, DateTime now)
    {
        var fileIds = matches.Select(m => (int?)m.File.Id).ToList();
        var earlier = await db.Verifications.AsNoTracking().Where(v => v.UserId == userId && fileIds.Contains(v.CensusFileId)).ToListAsync();
        var revoked = earlier.Where(v => v.RevokedAt is not null).Select(v => v.CensusFileId).ToHashSet();
        var active = earlier.Where(v => v.IsActiveAt(now)).Select(v => v.CensusFileId).ToHashSet();
        var usable = matches.Where(m => !revoked.Contains(m.File.Id) && !active.Contains(m.File.Id)).ToList();
        return (usable, matches.Any(m => revoked.Contains(m.File.Id)), matches.Any(m => active.Contains(m.File.Id)));
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

    /// <summary>Where a person on a list without quartier lives: the commune (the topmost one), else the root of the tree.</summary>
    public async Task<int?> HomeTerritoryAsync()
    {
        var all = await db.Territories.AsNoTracking().Select(t => new { t.Id, t.ParentId, t.Kind }).ToListAsync();
        var level = all.Where(t => t.ParentId == null).ToList();
        var roots = level.Select(t => t.Id).Order().ToList();
        while (level.Count > 0)
        {
            if (level.Where(t => t.Kind == TerritoryKind.Commune).OrderBy(t => t.Id).FirstOrDefault() is { } commune) return commune.Id;
            var ids = level.Select(t => t.Id).ToHashSet();
            level = all.Where(t => t.ParentId is { } p && ids.Contains(p)).ToList();
        }
        return roots.Count > 0 ? roots[0] : null;
    }
}
