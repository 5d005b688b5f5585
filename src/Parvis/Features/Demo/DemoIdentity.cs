using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

public static partial class DemoSeeder
{
    /// <summary>
    /// People on the demo lists: name, given names, birth date, quartier, elector. Camille Martin and Léo Bernard
    /// are also the people of the development OpenID provider, so its sign-in finds them on the lists.
    /// </summary>
    private static readonly (string Family, string Given, DateOnly Born, string? Quartier, bool Elector)[] CensusPeople =
    [
        ("MARTIN", "Camille", new DateOnly(1988, 3, 14), "Quartier de la Gare", true),
        ("ROUSSEL", "Arnaud", new DateOnly(1979, 11, 2), "Quartier de la Gare", true),
        ("MOREAU", "Léa", new DateOnly(1995, 7, 21), "Les Rives", true),
        ("HADDAD", "Karim", new DateOnly(1984, 1, 30), "Centre-ville", true),
        ("BERNARD", "Léo", new DateOnly(2011, 6, 2), "Quartier de la Gare", false),
        ("NGUYEN", "Thi Mai", new DateOnly(2004, 9, 9), "Les Rives", false),
        ("DIALLO", "Aminata", new DateOnly(1969, 12, 24), null, false),
    ];

    /// <summary>
    /// The three local methods on, an electoral and a resident list (hashed like an upload would), and one
    /// citizen verified at the desk, so that badges show. The sample file docs/exemple-liste-electorale.csv holds the same people.
    /// </summary>
    private static async Task SeedIdentityAsync(ParvisDbContext db, Organization org, DateTime now, IReadOnlyList<Territory> quartiers, ParvisUser verifiedCitizen, ParvisUser agent)
    {
        var tracked = await db.Organizations.FindAsync(org.Id) ?? org;
        tracked.Identity.EnabledMethods = VerificationMethods.Census | VerificationMethods.InPerson | VerificationMethods.PostalLetter;
        tracked.Identity.CensusSalt = CensusIdentity.NewSalt();
        org.Identity = tracked.Identity;
        var electoral = new CensusFile { Kind = CensusKind.Electoral, FileName = "liste-electorale-demo.csv", UploadedAt = now.AddDays(-30), UploadedById = agent.Id };
        var residents = new CensusFile { Kind = CensusKind.Residents, FileName = "liste-habitants-demo.csv", UploadedAt = now.AddDays(-30), UploadedById = agent.Id };
        db.CensusFiles.AddRange(electoral, residents);
        await db.SaveChangesAsync();
        foreach (var p in CensusPeople)
        {
            var file = p.Elector ? electoral : residents;
            db.CensusEntries.Add(new CensusEntry
            {
                CensusFileId = file.Id,
                Hash = CensusIdentity.Hash(tracked.Identity.CensusSalt, p.Family, p.Given, p.Born),
                TerritoryId = quartiers.FirstOrDefault(q => q.Name == p.Quartier)?.Id,
                IsElector = p.Elector,
            });
            file.RowCount++;
        }
        db.Verifications.Add(new Verification
        {
            UserId = verifiedCitizen.Id,
            Method = VerificationMethod.InPerson,
            Issuer = "Mairie",
            VerifiedAt = now.AddDays(-10),
            ExpiresAt = now.AddDays(-10).AddMonths(tracked.Identity.InPersonMonths),
            ResidentTerritoryId = quartiers.First(q => q.Name == "Quartier de la Gare").Id,
            IsElector = true,
            VerifiedName = $"{verifiedCitizen.FirstName} {verifiedCitizen.LastName}",
            AgeBracket = AgeBracket.From30To39,
            VerifiedById = agent.Id,
            DocumentType = "carte nationale d'identité",
        });
        await db.SaveChangesAsync();
    }
}
