using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>
/// Petitions at every stage, for a town of about 20,000: one answered past its response threshold, one close
/// to it, one closed with the council's decision, one awaiting moderation and a draft of the demo citizen.
/// </summary>
public static class DemoPetitions
{
    public static async Task SeedAsync(ParvisDbContext db, Organization org, DateTime now, Territory commune, Territory gare, Territory rives,
        IReadOnlyList<ParvisUser> citizens, ParvisUser agent, ParvisUser elected)
    {
        org.Petitions = new PetitionSettings { SponsorsRequired = 5, OpenMonths = 6, ResponseThreshold = 300, ResponseDeadlineDays = 60, AgendaThreshold = 1500 };
        var (habitant, lea, karim, jeanne) = (citizens[0], citizens[1], citizens[2], citizens[3]);

        Petition Open(ParvisUser author, Territory territory, string title, string request, string reasons, int daysAgo) => new()
        {
            AuthorId = author.Id,
            TerritoryId = territory.Id,
            Title = title,
            Request = request,
            Reasons = reasons,
            Addressee = "Le conseil municipal",
            Status = PetitionStatus.Open,
            CreatedAt = now.AddDays(-daysAgo - 10),
            SubmittedAt = now.AddDays(-daysAgo - 2),
            PublishedAt = now.AddDays(-daysAgo),
            ClosesAt = now.AddDays(-daysAgo).AddMonths(6),
            ResponseThreshold = 300,
            AgendaThreshold = 1500,
            ResponseDeadlineDays = 60,
        };

        var library = Open(lea, commune, "Ouvrir la médiathèque le dimanche",
            "Nous demandons l'ouverture de la médiathèque le dimanche après-midi, au moins de 14 h à 18 h.",
            "Beaucoup d'habitants travaillent en semaine et le samedi. Le dimanche, les familles et les étudiants n'ont aucun lieu calme et gratuit pour lire ou travailler.", 50);
        library.ResponseThresholdReachedAt = now.AddDays(-30);
        library.ResponseDueAt = now.AddDays(30);
        library.FirstAnsweredAt = now.AddDays(-5);

        var crossing = Open(karim, rives, "Un passage piéton sécurisé devant l'école des Rives",
            "Nous demandons un passage piéton surélevé et éclairé devant l'école élémentaire des Rives.",
            "Les voitures roulent vite rue du Canal aux heures d'entrée et de sortie des classes ; deux enfants ont déjà été frôlés cette année.", 20);

        var skatepark = Open(jeanne, commune, "Rénover le skatepark du parc municipal",
            "Nous demandons la rénovation du skatepark et l'ajout d'un éclairage jusqu'à 21 h.",
            "Les modules sont fendus et dangereux ; les jeunes de la ville n'ont pas d'autre lieu pour pratiquer.", 200);
        skatepark.Status = PetitionStatus.Closed;
        skatepark.ClosedAt = now.AddDays(-20);
        skatepark.ResponseThresholdReachedAt = now.AddDays(-170);
        skatepark.ResponseDueAt = now.AddDays(-110);
        skatepark.AgendaThresholdReachedAt = now.AddDays(-120);
        skatepark.FirstAnsweredAt = now.AddDays(-150);
        skatepark.CouncilDecision = "Le conseil municipal a voté la rénovation du skatepark (budget de 180 000 €) et son éclairage jusqu'à 21 h. Les travaux auront lieu au printemps.";
        skatepark.CouncilMeetingOn = DateOnly.FromDateTime(now.AddDays(-60));
        skatepark.CouncilDecisionAt = now.AddDays(-58);

        var benches = new Petition
        {
            AuthorId = jeanne.Id,
            TerritoryId = rives.Id,
            Title = "Des bancs le long du canal",
            Request = "Nous demandons l'installation de bancs tous les 200 mètres le long du chemin du canal.",
            Reasons = "Les personnes âgées ne peuvent pas faire la promenade sans pouvoir s'asseoir.",
            Addressee = "Le conseil municipal",
            Status = PetitionStatus.AwaitingModeration,
            CreatedAt = now.AddDays(-6),
            SubmittedAt = now.AddDays(-1),
        };
        var compost = new Petition
        {
            AuthorId = habitant.Id,
            TerritoryId = gare.Id,
            Title = "Plus de composteurs collectifs dans le quartier de la Gare",
            Request = "Nous demandons trois composteurs collectifs supplémentaires dans le quartier de la Gare.",
            Reasons = "Les deux composteurs existants débordent et la liste d'attente compte plus de 60 foyers.",
            Addressee = "Le conseil municipal",
            Status = PetitionStatus.Draft,
            CreatedAt = now.AddDays(-2),
        };
        db.Petitions.AddRange(library, crossing, skatepark, benches, compost);
        await db.SaveChangesAsync();

        db.PetitionAgendaItems.Add(new PetitionAgendaItem { PetitionId = skatepark.Id, CreatedAt = now.AddDays(-120), Status = AgendaItemStatus.Decided, MeetingOn = skatepark.CouncilMeetingOn });
        foreach (var (petition, count) in new[] { (library, 412L), (crossing, 287L), (skatepark, 1634L) })
            for (var shard = 0; shard < 4; shard++)
                db.PetitionCountShards.Add(new PetitionCountShard { PetitionId = petition.Id, Shard = shard, Count = count / 4 + (shard < count % 4 ? 1 : 0) });
        // Sponsors: the staff accounts stand in for the five residents a real draft would gather.
        foreach (var sponsor in new[] { habitant, lea, karim, agent, elected })
            db.PetitionSponsors.Add(new PetitionSponsor { PetitionId = benches.Id, UserId = sponsor.Id, CreatedAt = now.AddDays(-3) });
        foreach (var sponsor in new[] { lea, karim })
            db.PetitionSponsors.Add(new PetitionSponsor { PetitionId = compost.Id, UserId = sponsor.Id, CreatedAt = now.AddDays(-1) });
        db.OfficialResponses.Add(new OfficialResponse
        {
            PetitionId = library.Id,
            SignatureLabel = "Service culture",
            DraftedById = agent.Id,
            DraftedAt = now.AddDays(-7),
            Status = ResponseStatus.Published,
            ValidatedById = elected.Id,
            PublishedAt = now.AddDays(-5),
            Body = "La médiathèque ouvrira le dimanche de 14 h à 18 h à titre d'essai pendant six mois, à partir du premier dimanche du mois prochain. Un bilan de fréquentation sera publié à l'issue de l'essai.",
        });
        db.OfficialResponses.Add(new OfficialResponse
        {
            PetitionId = skatepark.Id,
            SignatureLabel = "Service des sports",
            DraftedById = agent.Id,
            DraftedAt = now.AddDays(-152),
            Status = ResponseStatus.Published,
            ValidatedById = elected.Id,
            PublishedAt = now.AddDays(-150),
            Body = "La ville partage ce constat : un diagnostic des modules est engagé et la rénovation sera proposée au conseil municipal.",
        });
        await db.SaveChangesAsync();
    }
}
