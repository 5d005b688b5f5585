using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
namespace Parvis.Testing;

/// <summary>Finds the demo consultations by title and sets up variants for a test.</summary>
public static class ConsultationData
{
    public const string Open = "Réaménagement de la place de la Gare";
    public const string Upcoming = "Plan vélo 2027";
    public const string Inquiry = "Enquête publique : modification n° 3 du PLU";
    public const string Synthesis = "Cour d'école végétalisée";

    public static Task<int> IdAsync(this ParvisFactory app, string title, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) => db.Consultations.Where(c => c.Title == title).Select(c => c.Id).FirstAsync());

    /// <summary>A new consultation open for contributions, copied from the open demo one, with its rules adjusted.</summary>
    public static Task<int> NewOpenConsultationAsync(this ParvisFactory app, Action<Consultation>? adjust = null, string? title = null) =>
        app.InAAsync(async db =>
        {
            var template = await db.Consultations.AsNoTracking().FirstAsync(c => c.Title == Open);
            var c = new Consultation
            {
                Title = title ?? "Test " + Guid.NewGuid().ToString("N")[..8],
                TerritoryId = template.TerritoryId,
                LegalFrame = LegalFrame.Voluntary,
                PublishedAt = template.PublishedAt,
                InformationStartsAt = template.InformationStartsAt,
                ContributionsStartAt = template.ContributionsStartAt,
                SynthesisStartsAt = template.SynthesisStartsAt,
            };
            c.Questions.Add(new Question { Text = "Première question ?", Position = 1 });
            c.Questions.Add(new Question { Text = "Deuxième question ?", Position = 2 });
            adjust?.Invoke(c);
            db.Consultations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    /// <summary>Writes contributions straight into the database (published, in the consultation's territory), for tests that need many.</summary>
    public static Task<List<int>> AddContributionsAsync(this ParvisFactory app, int consultationId, int count, Action<Contribution, int>? adjust = null) =>
        app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == consultationId).Select(c => c.TerritoryId).SingleAsync();
            var added = Enumerable.Range(0, count).Select(i =>
            {
                var contribution = new Contribution { ConsultationId = consultationId, TerritoryId = territory, Body = "Idée", CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
                adjust?.Invoke(contribution, i);
                return contribution;
            }).ToList();
            db.Contributions.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(c => c.Id).ToList();
        });

    public static Task<int> CountContributionsAsync(this ParvisFactory app, int consultationId) =>
        app.InAAsync(db => db.Contributions.CountAsync(c => c.ConsultationId == consultationId));
}
