using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Outcomes;

/// <summary>Fresh territories, consultations and outcomes for one test, so that figures never mix with another test's.</summary>
internal static class OutcomeData
{
    /// <summary>A new territory under the given one (or under Ville A's commune).</summary>
    public static Task<int> NewTerritoryAsync(this ParvisFactory app, int? parentId = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var parent = parentId ?? await db.Territories.Where(t => t.Kind == TerritoryKind.Commune).Select(t => t.Id).FirstAsync();
            var territory = new Territory { Name = "Quartier " + Guid.NewGuid().ToString("N")[..6], Kind = TerritoryKind.Quartier, ParentId = parent };
            db.Territories.Add(territory);
            await db.SaveChangesAsync();
            return territory.Id;
        });

    /// <summary>A published contribution of the territory, posted <paramref name="postedDaysAgo"/> days ago and answered after <paramref name="answeredAfterDays"/> days (or not).</summary>
    public static Task<List<int>> AddAnsweredAsync(this ParvisFactory app, int consultationId, int territoryId, double postedDaysAgo, params double?[] answeredAfterDays) =>
        app.AddContributionsAsync(consultationId, answeredAfterDays.Length, (c, i) =>
        {
            c.TerritoryId = territoryId;
            c.CreatedAt = DateTime.UtcNow.AddDays(-postedDaysAgo);
            c.FirstAnsweredAt = answeredAfterDays[i] is { } days ? c.CreatedAt.AddDays(days) : null;
        });

    public static Task<int> NewOutcomeAsync(this ParvisFactory app, int territoryId, bool published = true, string? service = null, string? title = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var outcome = new Outcome { Title = "" };
            outcome.Describe(new OutcomeDescription(title ?? "Résultat " + Guid.NewGuid().ToString("N")[..6], "Ce qui a été fait.", OutcomeStatus.InProgress, 40, 12_500m,
                new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2027, 1, 1), null, territoryId, service), DateTime.UtcNow);
            if (published) outcome.Publish(DateTime.UtcNow);
            db.Outcomes.Add(outcome);
            await db.SaveChangesAsync();
            return outcome.Id;
        });

    public static Task LinkAsync(this ParvisFactory app, int outcomeId, OutcomeSubjectKind kind, int subjectId) =>
        app.InAAsync(async db =>
        {
            db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = outcomeId, Kind = kind, SubjectId = subjectId });
            return await db.SaveChangesAsync();
        });
}
