using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

public static partial class DemoSeeder
{
    private const string Charter = """
        ## Charte de participation de la Ville de Démo

        1. **Respect** : on débat des idées, pas des personnes. Les propos injurieux, discriminatoires ou diffamatoires sont masqués.
        2. **Sincérité** : un compte par personne ; chacun choisit son pseudonyme.
        3. **Réponse** : la Ville s'engage à répondre publiquement aux contributions, au nom de la collectivité, et à publier le bilan de chaque concertation.
        4. **Données** : vos données ne servent qu'à la participation ; les exports sont pseudonymisés.
        """;

    private const string NonCompliances = """
        - Les graphiques des suites données n'ont pas encore d'équivalent en tableau pour chaque année.
        - Certains documents PDF joints aux concertations ne sont pas balisés.
        """;

    private static async Task SeedConsultationsAsync(ParvisDbContext db, IFileStorage storage, DateTime now, Territory commune, Territory gare, Territory centre, Territory rives,
        List<ParvisUser> citizens, ParvisUser agent, ParvisUser elected)
    {
        Consultation Make(string title, string summary, Territory t, LegalFrame frame, int infoDays, int contribDays, int synthDays, string? objectives = null) => new()
        {
            Title = title,
            Summary = summary,
            TerritoryId = t.Id,
            LegalFrame = frame,
            ObjectivesMarkdown = objectives,
            BodyMarkdown = $"## Le projet\n\n{summary}\n\nLes documents du dossier sont consultables en mairie aux heures d'ouverture.",
            InformationStartsAt = now.AddDays(infoDays),
            ContributionsStartAt = now.AddDays(contribDays),
            SynthesisStartsAt = now.AddDays(synthDays),
            PublishedAt = now.AddDays(Math.Min(infoDays, -1)),
        };

        var gareSquare = Make("Réaménagement de la place de la Gare", "La place de la Gare va être réaménagée : plus d'arbres, moins de voitures ? Dites-nous ce qui compte pour vous.",
            gare, LegalFrame.PriorConcertation, -30, -10, 20,
            "**Objectifs** : apaiser la circulation, végétaliser, faciliter l'accès au train.\n\n**Modalités** : contributions en ligne, registre papier en mairie annexe, deux réunions publiques.");
        gareSquare.ServiceName = "Service urbanisme";
        gareSquare.Questions.Add(new Question { Text = "Qu'est-ce qui vous ferait venir à la gare à vélo ou à pied ?", Position = 1 });
        gareSquare.Questions.Add(new Question { Text = "Quels usages voulez-vous garder sur la place ?", Position = 2 });
        var bikePlan = Make("Plan vélo 2027", "Le plan vélo fixera les itinéraires cyclables des cinq prochaines années.", commune, LegalFrame.Voluntary, -3, 10, 40);
        var plu = Make("Enquête publique : modification n° 3 du PLU", "Modification du plan local d'urbanisme sur le secteur des Rives.", rives, LegalFrame.PublicInquiry, -20, -15, 15);
        var schoolyard = Make("Cour d'école végétalisée", "Transformer la cour de l'école Jules-Ferry en îlot de fraîcheur.", centre, LegalFrame.Voluntary, -60, -45, -5);
        var park = Make("Parc des Rives", "Aménagement du futur parc des Rives.", rives, LegalFrame.PriorConcertation, -200, -180, -120, "**Objectifs** : créer un parc ouvert à tous.\n\n**Modalités** : ateliers, contributions en ligne.");
        var draft = Make("Budget participatif 2027", "Préparation du premier budget participatif.", commune, LegalFrame.Voluntary, 30, 60, 90);
        draft.PublishedAt = null;
        // Identity choices on show: a quartier space for verified residents where each person picks how they appear,
        // and a summer idea box open without an account (an e-mail confirmed by a link).
        var gardens = Make("Jardins partagés du quartier de la Gare", "Où installer les futurs jardins partagés ? Réservé aux habitants du quartier, vérifiés sans publier leur nom.", gare, LegalFrame.Voluntary, -5, -2, 30);
        gardens.Rules = new ParticipationRules
        {
            Contribute = ParticipationLevel.VerifiedResident,
            React = ParticipationLevel.VerifiedResident,
            Comment = ParticipationLevel.ConfirmedAccount,
            AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.PartialName | DisplayChoices.Anonymous,
            DisplayIdentity = DisplayIdentity.PartialName,
        };
        var ideaBox = Make("Boîte à idées de l'été", "Vos idées pour animer la ville cet été : sans compte, une adresse e-mail suffit.", commune, LegalFrame.Voluntary, -5, -2, 40);
        ideaBox.Rules = new ParticipationRules { Contribute = ParticipationLevel.AnyoneWithConfirmedEmail, AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.Anonymous };
        db.Consultations.AddRange(gareSquare, bikePlan, plu, schoolyard, park, draft, gardens, ideaBox);
        await db.SaveChangesAsync();

        var texts = new[]
        {
            ("Des arceaux vélos abrités", "Il faudrait un vrai parking vélo abrité et sécurisé devant la gare : aujourd'hui on attache son vélo aux grilles."),
            ("Garder le marché du samedi", "Le marché du samedi matin fait vivre la place, il doit rester."),
            (null, "Plus d'arbres et des bancs à l'ombre : l'été, la place est une fournaise."),
            ("Dépose-minute", "Prévoir une dépose-minute pour les personnes âgées qui prennent le train."),
            (null, "Un passage piéton protégé devant la sortie de la gare, les voitures arrivent trop vite."),
            ("Toilettes publiques", "Des toilettes publiques accessibles seraient bienvenues."),
        };
        var contributions = new List<Contribution>();
        for (var i = 0; i < texts.Length; i++)
        {
            contributions.Add(new Contribution
            {
                ConsultationId = gareSquare.Id,
                QuestionId = gareSquare.Questions[i % 2].Id,
                TerritoryId = gare.Id,
                AuthorId = citizens[i % citizens.Count].Id,
                Title = texts[i].Item1,
                Body = texts[i].Item2,
                Channel = Channel.Online,
                CreatedAt = now.AddDays(-9 + i),
                State = ModerationState.Published,
            });
        }
        contributions.Add(new Contribution
        {
            ConsultationId = gareSquare.Id,
            TerritoryId = gare.Id,
            OfflineAuthorName = "Mme Lefèvre",
            EnteredById = agent.Id,
            Channel = Channel.PaperRegister,
            Body = "Inscrit au registre de la mairie annexe : il manque un abri pour attendre le bus.",
            CreatedAt = now.AddDays(-4),
            State = ModerationState.Published,
        });
        foreach (var (body, channel) in new[] { ("Je m'oppose à la hauteur des immeubles prévus le long du canal.", Channel.Online), ("Observation déposée au registre : demande de préserver le chemin de halage.", Channel.PaperRegister), ("Courrier de l'association des riverains.", Channel.Mail) })
        {
            contributions.Add(new Contribution
            {
                ConsultationId = plu.Id,
                TerritoryId = rives.Id,
                AuthorId = channel == Channel.Online ? citizens[1].Id : null,
                OfflineAuthorName = channel == Channel.Online ? null : "Association des riverains des Rives",
                EnteredById = channel == Channel.Online ? null : agent.Id,
                Body = body,
                Channel = channel,
                RegisterNumber = plu.NextRegisterNumber(),
                CreatedAt = now.AddDays(-14 + contributions.Count),
                // Written in the register the day before an agent typed it in.
                ReceivedAt = channel == Channel.PaperRegister ? now.AddDays(-15 + contributions.Count) : null,
                ReceivedPlace = channel == Channel.PaperRegister ? "Mairie annexe des Rives, registre d'enquête" : null,
                State = ModerationState.Published,
            });
        }
        contributions.Add(new Contribution { ConsultationId = schoolyard.Id, TerritoryId = centre.Id, AuthorId = citizens[3].Id, Body = "Des jeux d'eau pour l'été !", CreatedAt = now.AddDays(-30), State = ModerationState.Published });
        var parkIdea = new Contribution { ConsultationId = park.Id, TerritoryId = rives.Id, AuthorId = citizens[2].Id, Title = "Une aire de jeux pour les petits", Body = "Une aire de jeux clôturée pour les moins de 6 ans.", CreatedAt = now.AddDays(-170), State = ModerationState.Published };
        contributions.Add(parkIdea);
        // Jeanne is verified in person (Quartier de la Gare, elector, 30–39): she shows her residence, not her name.
        contributions.Add(new Contribution { ConsultationId = gardens.Id, TerritoryId = gare.Id, AuthorId = citizens[3].Id, DisplayAs = DisplayIdentity.Anonymous, Badges = BadgeChoices.Residence, Title = "Derrière la halle", Body = "Le terrain en friche derrière la halle est ensoleillé et proche de l'école.", CreatedAt = now.AddDays(-1), State = ModerationState.Published });
        contributions.Add(new Contribution { ConsultationId = ideaBox.Id, TerritoryId = commune.Id, DisplayAs = DisplayIdentity.Anonymous, Body = "Un cinéma en plein air sur la place de la mairie.", CreatedAt = now.AddDays(-1), State = ModerationState.Published });
        db.Contributions.AddRange(contributions);
        await db.SaveChangesAsync();

        // Reactions and comments on the open consultation.
        for (var i = 0; i < 6; i++)
        {
            foreach (var user in citizens.Take(1 + (i % citizens.Count)))
            {
                var kind = (i + user.Pseudonym.Length) % 4 == 0 ? ReactionKind.Disagree : ReactionKind.Agree;
                db.Reactions.Add(new Reaction { ContributionId = contributions[i].Id, UserId = user.Id, Kind = kind, CreatedAt = now.AddDays(-3) });
                var (agree, disagree) = Contribution.ReactionDelta(null, kind);
                contributions[i].AgreeCount += agree;
                contributions[i].DisagreeCount += disagree;
            }
        }
        var first = new Comment { ContributionId = contributions[0].Id, AuthorId = citizens[1].Id, Body = "Oui, et avec des casiers pour les vélos cargo.", Stance = Stance.For, CreatedAt = now.AddDays(-2) };
        db.Comments.Add(first);
        await db.SaveChangesAsync();
        db.Comments.Add(new Comment { ContributionId = contributions[0].Id, ParentId = first.Id, Depth = 2, AuthorId = citizens[2].Id, Body = "Les casiers coûtent cher, mais c'est une bonne idée.", Stance = Stance.Neutral, CreatedAt = now.AddDays(-1) });
        db.Comments.Add(new Comment { ContributionId = contributions[1].Id, AuthorId = citizens[3].Id, Body = "Le marché bloque la circulation des bus.", Stance = Stance.Against, CreatedAt = now.AddDays(-1) });
        contributions[0].CommentCount = 2;
        contributions[1].CommentCount = 1;

        var answer = new OfficialResponse
        {
            ContributionId = contributions[0].Id,
            SignatureLabel = "Service urbanisme",
            DraftedById = agent.Id,
            DraftedAt = now.AddDays(-2),
            Status = ResponseStatus.Draft,
            Body = "Merci pour cette proposition. Le projet prévoit 120 places de stationnement vélo abritées, dont 20 pour les vélos cargo.",
        };
        answer.Publish(elected.Id, now.AddDays(-1));
        contributions[0].FirstAnsweredAt = now.AddDays(-1);
        db.OfficialResponses.Add(answer);
        db.OfficialResponses.Add(new OfficialResponse
        {
            ContributionId = contributions[3].Id,
            SignatureLabel = "Service urbanisme",
            DraftedById = agent.Id,
            DraftedAt = now.AddHours(-5),
            Status = ResponseStatus.Draft,
            Body = "Une dépose-minute de six places est à l'étude côté nord.",
        });

        await AttachDemoFilesAsync(db, storage, gareSquare, now);
        schoolyard.SynthesisStartsAt = now.AddDays(-5);
        park.Close($"""
            ## Bilan de la concertation sur le parc des Rives

            Une centaine de personnes ont participé. Ce qui est **retenu** :
            - l'aire de jeux pour les petits ([contribution n° {parkIdea.Id}](/contributions/{parkIdea.Id})) ;
            - des cheminements accessibles.

            Ce qui est **modifié** : le parking est réduit de moitié. Ce qui est **abandonné** : le kiosque, faute de budget.
            """, now.AddDays(-100));
        await db.SaveChangesAsync();
    }

    private static async Task AttachDemoFilesAsync(ParvisDbContext db, IFileStorage storage, Consultation consultation, DateTime now)
    {
        var files = new (FileKind Kind, string Title, string Name, string Type, byte[] Content)[]
        {
            (FileKind.Cover, "Place de la Gare", "place-de-la-gare.png", "image/png", DemoFiles.Banner()),
            (FileKind.Document, "Notice de présentation du projet", "notice.pdf", "application/pdf", DemoFiles.Pdf("Place de la Gare : notice de presentation",
                ["Objectifs : apaiser la circulation, vegetaliser, faciliter l'acces au train.", "Calendrier : concertation cet automne, travaux en 2028.", "Budget previsionnel : 4,2 millions d'euros."])),
            (FileKind.Document, "Plan de la place (esquisse)", "esquisse.pdf", "application/pdf", DemoFiles.Pdf("Esquisse de la place", ["Parvis pieton, 40 arbres, 120 places velo abritees.", "Depose-minute cote nord."])),
        };
        foreach (var f in files)
        {
            var id = Guid.NewGuid();
            var key = $"{consultation.OrganizationId}/{id:N}{Path.GetExtension(f.Name)}";
            await storage.SaveAsync(key, f.Content);
            db.StoredFiles.Add(new StoredFile
            {
                Id = id,
                ConsultationId = consultation.Id,
                Kind = f.Kind,
                Title = f.Title,
                FileName = f.Name,
                ContentType = f.Type,
                Size = f.Content.Length,
                StorageKey = key,
                UploadedAt = now,
            });
        }
    }
}
