using Parvis.Domain;
using Parvis.Features.Tallies;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// The public logs of the demo's petitions and proposals, written in from the rows the other seeders made as on an
/// upgraded site (<see cref="TallyBackfillSql"/>), then sealed, so that /verifier/… says "intact" on every one. The
/// petitions' counts seeded without rows (hundreds of signatures) get an entry and an erasure each: counted, their
/// personal data gone, as after the retention period.
/// </summary>
public static class DemoTallies
{
    public static async Task SeedAsync(IServiceProvider services, ParvisDbContext db, Organization org)
    {
        await TallyBackfillSql.BackfillAsync(db, org.Id);
        await services.GetRequiredService<TallySealer>().SealAllAsync();
    }
}
