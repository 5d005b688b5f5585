using Microsoft.EntityFrameworkCore;
using Parvis.Domain;

namespace Parvis.Testing;

/// <summary>Sets up petitions for a test: drafts of a given author, open ones with chosen thresholds.</summary>
public static class PetitionData
{
    /// <summary>A draft by <paramref name="authorEmail"/> (a new citizen when null), in the organization's root territory.</summary>
    public static Task<int> NewDraftAsync(this ParvisFactory app, string? authorEmail = null, Organization? organization = null, Action<Petition>? adjust = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            authorEmail ??= await app.NewCitizenAsync(organization);
            var author = await db.Users.Where(u => u.Email == authorEmail).Select(u => u.Id).SingleAsync();
            var territory = await db.Territories.Where(t => t.ParentId == null).Select(t => t.Id).FirstAsync();
            var petition = new Petition
            {
                AuthorId = author,
                TerritoryId = territory,
                Title = "Pétition test " + Guid.NewGuid().ToString("N")[..8],
                Request = "Nous demandons un passage piéton devant l'école.",
                Reasons = "Les enfants traversent une route fréquentée.",
                Addressee = "Le conseil municipal",
                CreatedAt = DateTime.UtcNow,
                Status = PetitionStatus.Draft,
            };
            adjust?.Invoke(petition);
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            return petition.Id;
        });

    /// <summary>An open (published) petition with the given thresholds; the count starts at zero.</summary>
    public static Task<int> NewOpenPetitionAsync(this ParvisFactory app, int responseThreshold = 10, int? agendaThreshold = 20,
        bool electorMode = false, Organization? organization = null, string? authorEmail = null) =>
        app.NewDraftAsync(authorEmail, organization, p =>
        {
            var now = DateTime.UtcNow;
            p.ElectorMode = electorMode;
            p.SignLevel = electorMode ? ParticipationLevel.VerifiedElector : ParticipationLevel.AnyoneWithConfirmedEmail;
            p.Status = PetitionStatus.AwaitingModeration;
            p.SubmittedAt = now;
            p.Publish(now, 6, responseThreshold, agendaThreshold, 90);
        });

    public static Task<Petition> PetitionAsync(this ParvisFactory app, int id, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));
}
