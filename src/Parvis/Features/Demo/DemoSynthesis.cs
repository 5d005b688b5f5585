using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Synthesis;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// The schoolyard consultation, in its synthesis phase, with 200 residents' contributions on six subjects and an
/// association's campaign posted 30 times, already grouped (as the synthesis job would, here directly): `agent@`
/// (Service urbanisme) names its themes at /admin/concertations/{id}/synthese.
/// </summary>
public static class DemoSynthesis
{
    public static async Task SeedAsync(IServiceProvider services, ParvisDbContext db, DateTime now)
    {
        var consultation = await db.Consultations.SingleAsync(c => c.Title == "Cour d'école végétalisée");
        consultation.ServiceName = "Service urbanisme";
        var random = new Random(2026);
        var contributions = Enumerable.Range(0, 230).Select(i => new Contribution
        {
            ConsultationId = consultation.Id,
            TerritoryId = consultation.TerritoryId,
            DisplayAs = DisplayIdentity.Anonymous,
            Body = i < 200 ? DemoContributionTexts.Write(random, i % DemoContributionTexts.Subjects.Length) : DemoContributionTexts.CampaignCopy(random, i),
            // Within the last 30 days (the answer deadline): 230 late answers would bury the demo's one on /reponses/en-retard.
            CreatedAt = now.AddDays(-25).AddMinutes(i * 50),
            State = ModerationState.Published,
        }).ToList();
        db.Contributions.AddRange(contributions);
        var grouping = new ContributionGrouping { ConsultationId = consultation.Id, StartedAt = now };
        db.ContributionGroupings.Add(grouping);
        await db.SaveChangesAsync();
        await services.GetRequiredService<GroupingStore>().ComputeAsync(grouping.Id);
    }
}
