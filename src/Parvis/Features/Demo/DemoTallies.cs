using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Tallies;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// The public logs of the demo's petitions and proposals, written from the rows the other seeders made, then sealed,
/// so that /verifier/… says "intact" on every one. The petitions' counts seeded without rows (hundreds of signatures)
/// get an entry each and an erasure note: counted, their personal data gone, as after the retention period.
/// </summary>
public static class DemoTallies
{
    public const string Reason = "Démonstration : signature comptée dont les données personnelles ne sont plus conservées.";

    public static async Task SeedAsync(IServiceProvider services, ParvisDbContext db, Organization org)
    {
        var signatures = await db.PetitionSignatures.IgnoreQueryFilters()
            .Where(s => s.OrganizationId == org.Id && s.ConfirmedAt != null && s.InvalidatedAt == null).ToListAsync();
        foreach (var s in signatures)
        {
            s.NewConfirmationToken();
            db.TallyEntries.Add(Entry(org, TallyEntry.Added(TallyItems.Petition, s.PetitionId, s.TallyId!, s.ConfirmedAt!.Value)));
        }
        var shown = await db.PetitionCountShards.IgnoreQueryFilters().Where(c => c.OrganizationId == org.Id)
            .GroupBy(c => c.PetitionId).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToListAsync();
        foreach (var petition in shown)
        {
            var at = await db.Petitions.IgnoreQueryFilters().Where(p => p.Id == petition.Key).Select(p => p.PublishedAt ?? p.CreatedAt).FirstAsync();
            for (var i = signatures.Count(s => s.PetitionId == petition.Key); i < petition.Count; i++)
            {
                var id = Receipt.EntryId(Receipt.New());
                db.TallyEntries.Add(Entry(org, TallyEntry.Added(TallyItems.Petition, petition.Key, id, at.AddHours(i % 500))));
                db.TallyEntries.Add(Entry(org, new TallyEntry
                {
                    Item = TallyItems.Petition,
                    ItemId = petition.Key,
                    Kind = TallyKind.Erased,
                    EntryId = id,
                    At = TallyChain.Round(at.AddHours(i % 500 + 1)),
                    Reason = Reason,
                }));
            }
        }
        foreach (var support in await db.ProposalSupports.IgnoreQueryFilters().Where(s => s.OrganizationId == org.Id).ToListAsync())
        {
            support.TallyId = Receipt.EntryId(Receipt.New());
            db.TallyEntries.Add(Entry(org, TallyEntry.Added(TallyItems.Proposal, support.ProposalId, support.TallyId, support.CreatedAt)));
        }
        await db.SaveChangesAsync();
        await services.GetRequiredService<TallySealer>().SealAllAsync();
    }

    private static TallyEntry Entry(Organization org, TallyEntry entry)
    {
        entry.OrganizationId = org.Id;
        return entry;
    }
}
