using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Tallies;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Tallies;

internal static class TallyTestData
{
    /// <summary>Confirmed signatures written as the confirmation writes them: the row, the count and the log's entry.</summary>
    public static Task<List<string>> AddCountedSignaturesAsync(this ParvisFactory app, int petitionId, int count, string ip = "192.0.2.1")
        => app.InOrganizationAsync(app.OrganizationA, async (db, services) =>
        {
            var now = DateTime.UtcNow;
            var receipts = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var signature = PetitionSignature.Create(petitionId, null, $"Signataire {i}", EmailAddress.Parse($"s{Guid.NewGuid():N}@example.org"),
                    "75011", null, false, ip, now);
                receipts.Add(PetitionSignature.ReceiptOf(signature.NewConfirmationToken()));
                signature.ConfirmedAt = now;
                db.PetitionSignatures.Add(signature);
                db.TallyEntries.Add(TallyEntry.Added(TallyItems.Petition, petitionId, signature.TallyId!, now));
            }
            await db.SaveChangesAsync();
            await services.GetRequiredService<Features.Petitions.PetitionCounts>().AddAsync(petitionId, count);
            return receipts;
        });

    /// <summary>Seals as the job does: outside any organization, every organization's entries.</summary>
    public static async Task<int> SealAsync(this ParvisFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TallySealer>().SealAllAsync();
    }

    public static Task<int> SqlAsync(this ParvisFactory app, string sql) =>
        app.InAAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    public static Task<List<TallyEntry>> EntriesAsync(this ParvisFactory app, string item, int id) =>
        app.InAAsync(db => db.TallyEntries.AsNoTracking().Where(e => e.Item == item && e.ItemId == id).OrderBy(e => e.Id).ToListAsync());

    public static ParvisDbContext Db(IServiceProvider services) => services.GetRequiredService<ParvisDbContext>();
}
