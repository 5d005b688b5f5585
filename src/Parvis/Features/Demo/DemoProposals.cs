using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

public static partial class DemoSeeder
{
    public const string DemoProposalSpace = "Boîte à idées";

    /// <summary>A permanent boîte à idées with a 300-support threshold, proposals at every stage of their study, one merged duplicate and one open flag.</summary>
    private static async Task SeedProposalsAsync(ParvisDbContext db, DateTime now, Territory commune, Territory gare, Territory centre, Territory rives,
        List<ParvisUser> citizens, ParvisUser agent, ParvisUser elected)
    {
        var space = new ProposalSpace
        {
            Title = DemoProposalSpace,
            DescriptionMarkdown = "Une idée pour votre quartier ou pour toute la ville ? Proposez-la, soutenez celles des autres. Le service urbanisme étudie chaque proposition et répond publiquement.",
            TerritoryId = commune.Id,
            ServiceName = "Service urbanisme",
            SupportThreshold = 300,
            ThresholdCommitment = "la collectivité s'engage à étudier la proposition et à y répondre publiquement",
            AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.PartialName,
            PublishedAt = now.AddDays(-60),
        };
        space.Categories.AddRange([
            new ProposalCategory { Name = "Mobilités", Position = 1 },
            new ProposalCategory { Name = "Nature en ville", Position = 2 },
            new ProposalCategory { Name = "Vie de quartier", Position = 3 },
        ]);
        db.ProposalSpaces.Add(space);
        await db.SaveChangesAsync();
        var (mobility, nature, neighbourhood) = (space.Categories[0].Id, space.Categories[1].Id, space.Categories[2].Id);

        Proposal Make(string title, string body, Territory territory, int category, ParvisUser author, int daysAgo, double? lat = null, double? lng = null, string? address = null) => new()
        {
            SpaceId = space.Id,
            Title = title,
            Body = body,
            TerritoryId = territory.Id,
            CategoryId = category,
            AuthorId = author.Id,
            Latitude = lat,
            Longitude = lng,
            AddressText = address,
            CreatedAt = now.AddDays(-daysAgo),
            State = ModerationState.Published,
            SearchTerms = FrenchText.SearchTerms(title, body, Proposal.MaxSearchTerms),
        };
        var cycling = Make("Des pistes cyclables protégées rue de la République", "La rue de la République est très fréquentée par les vélos mais n'a aucune piste cyclable séparée. Des séparateurs rendraient le trajet vers la gare sûr pour les enfants.",
            gare, mobility, citizens[2], 40, 48.8335, 2.3401, "Rue de la République");
        var benches = Make("Plus de bancs le long des berges des Rives", "Les personnes âgées ne peuvent pas se promener longtemps sur les berges faute de bancs. Un banc tous les deux cents mètres suffirait.",
            rives, neighbourhood, citizens[1], 35);
        var compost = Make("Un composteur collectif au square du Centre", "Beaucoup d'habitants en appartement voudraient composter leurs déchets de cuisine. Un composteur partagé au square, tenu par des volontaires, réduirait les déchets.",
            centre, nature, citizens[0], 50, 48.8612, 2.3655, "Square du Centre");
        var tunnel = Make("Un tapis roulant dans le passage souterrain de la gare", "Le passage sous les voies est long ; un tapis roulant aiderait les voyageurs chargés.",
            gare, mobility, citizens[3], 45);
        var fountains = Make("Des fontaines à eau dans les squares", "L'été, il n'y a nulle part où remplir sa gourde. Des fontaines dans les trois squares de la ville aideraient les familles et les sportifs.",
            commune, nature, citizens[1], 58);
        var duplicate = Make("Piste cyclable rue de la République", "Il faudrait une piste cyclable rue de la République, c'est dangereux à vélo.",
            gare, mobility, citizens[3], 20);
        var proposals = new[] { cycling, benches, compost, tunnel, fountains, duplicate };
        db.Proposals.AddRange(proposals);
        await db.SaveChangesAsync();

        // Supports: each citizen supports a few; the duplicate's supporters join the original at the merge below.
        void Support(Proposal p, params ParvisUser[] people)
        {
            foreach (var person in people) db.ProposalSupports.Add(new ProposalSupport { ProposalId = p.Id, UserId = person.Id, CreatedAt = p.CreatedAt.AddDays(1) });
            p.SupportCount += people.Length;
        }
        Support(cycling, citizens[0], citizens[1], citizens[2], citizens[3]);
        Support(benches, citizens[0], citizens[1]);
        Support(compost, citizens[0], citizens[1], citizens[3]);
        Support(tunnel, citizens[3]);
        Support(fountains, citizens[0], citizens[1], citizens[2], citizens[3]);

        void Move(Proposal p, ProposalState to, string? reason, int daysAgo, int? responseId = null)
        {
            var change = p.ChangeState(to, reason, agent.Id, now.AddDays(-daysAgo));
            change.ResponseId = responseId;
            db.ProposalStateChanges.Add(change);
        }
        Move(benches, ProposalState.UnderStudy, null, 10);
        Move(compost, ProposalState.UnderStudy, null, 30);
        var answer = new OfficialResponse
        {
            ProposalId = compost.Id,
            SignatureLabel = "Service urbanisme",
            DraftedById = agent.Id,
            DraftedAt = now.AddDays(-12),
            Status = ResponseStatus.Draft,
            Body = "Merci pour cette proposition. Un composteur de 800 litres sera installé au square du Centre au printemps ; l'association Compost'Ville formera les volontaires.",
        };
        answer.Publish(elected.Id, now.AddDays(-11));
        compost.FirstAnsweredAt = now.AddDays(-11);
        db.OfficialResponses.Add(answer);
        await db.SaveChangesAsync();
        Move(compost, ProposalState.Accepted, "Installation prévue au printemps, avec une association de quartier.", 12, answer.Id);
        Move(tunnel, ProposalState.UnderStudy, null, 30);
        Move(tunnel, ProposalState.NotRetained, "Le passage appartient à SNCF Réseau ; un éclairage renforcé et une rampe sont demandés à la place.", 20);
        Move(fountains, ProposalState.UnderStudy, null, 50);
        Move(fountains, ProposalState.AcceptedWithChanges, "Deux fontaines plutôt que trois, le troisième square n'ayant pas de raccordement.", 40);
        Move(fountains, ProposalState.CarriedOut, "Les deux fontaines fonctionnent depuis juin.", 5);
        db.ProposalStateChanges.Add(duplicate.MergeInto(cycling, agent.Id, now.AddDays(-15)));
        // One open flag, below the threshold: the proposal stays public and waits in the moderators' list.
        db.ProposalFlags.Add(new ProposalFlag { ProposalId = benches.Id, UserId = citizens[3].Id, Reason = "Déjà demandé l'an dernier au conseil de quartier : doublon ?", CreatedAt = now.AddDays(-2) });
        benches.OpenFlagCount = 1;
        await db.SaveChangesAsync();
    }
}
