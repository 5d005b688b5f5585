using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// Signatures on the demo's open petitions: a dozen confirmed (so the count and the sources view show something),
/// two waiting for their link, and a small burst from one address for the moderators' "provenance" page.
/// </summary>
public static class DemoSignatures
{
    private static readonly string[] Domains = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "exemple-asso.fr"];
    private static readonly string[] Communes = ["Villeneuve", "Villeneuve", "Saint-Martin", "Villeneuve", "Les Rives"];

    public static async Task SeedAsync(ParvisDbContext db, Organization org, DateTime now)
    {
        var petitions = await db.Petitions.IgnoreQueryFilters().Where(p => p.OrganizationId == org.Id && p.Status == PetitionStatus.Open).Select(p => p.Id).ToListAsync();
        foreach (var petitionId in petitions)
        {
            var confirmed = 0;
            for (var i = 0; i < 20; i++)
            {
                var email = EmailAddress.Parse($"signataire{i}.demo@{Domains[i % Domains.Length]}");
                // The last six come from one address within a few minutes: what a script looks like.
                var burst = i >= 14;
                var signature = PetitionSignature.Create(petitionId, null, $"Signataire {i + 1}", email, "75011", Communes[i % Communes.Length],
                    communeRequired: false, burst ? "203.0.113.50" : $"198.51.100.{i}", burst ? now.AddMinutes(-20 + i) : now.AddHours(-30 + i));
                signature.OrganizationId = org.Id;
                if (i is not (5 or 9))
                {
                    signature.ConfirmedAt = signature.CreatedAt.AddMinutes(3);
                    confirmed++;
                }
                db.PetitionSignatures.Add(signature);
            }
            await db.SaveChangesAsync();
            // The same upsert as PetitionCounts, on a shard of its own.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "PetitionCountShards" ("PetitionId", "Shard", "OrganizationId", "Count") VALUES ({0}, {1}, {2}, {3})
                ON CONFLICT ("PetitionId", "Shard") DO UPDATE SET "Count" = "PetitionCountShards"."Count" + excluded."Count"
                """,
                petitionId, PetitionCountShard.Shards - 1, org.Id, confirmed);
        }
    }
}
