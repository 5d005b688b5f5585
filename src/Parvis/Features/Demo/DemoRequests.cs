using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>
/// Request categories of a town (voirie, éclairage, propreté, espaces verts, collecte) routed to three
/// services, requests in every status with their history, and the demo Open311 client's key.
/// </summary>
public static class DemoRequests
{
    /// <summary>The demo organization's API key with the Open311 use, written in the README: demo only.</summary>
    public const string DemoApiKey = "demo-open311-cle-publique";

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, IReadOnlyList<ParvisUser> citizens, ParvisUser voirieAgent)
    {
        // Whole seconds: requests saved then moved in this one context keep their UpdatedAt (a concurrency token)
        // equal to what PostgreSQL stored (microseconds).
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        RequestCategory Category(string code, string group, string name, string service, int targetHours, string description, params CategoryQuestion[] questions) => new()
        {
            Code = code,
            Group = group,
            Name = name,
            ServiceName = service,
            TargetHours = targetHours,
            Description = description,
            Questions = [.. questions],
        };
        CategoryQuestion Question(string code, string prompt, QuestionKind kind, bool required, int position, string choices = "") =>
            new() { Code = code, Prompt = prompt, Kind = kind, Required = required, Position = position, Choices = choices };

        var pothole = Category("nid-de-poule", "Voirie", "Nid-de-poule", "Service voirie", 5 * 24, "Un trou dans la chaussée ou sur une piste cyclable.",
            Question("taille", "Taille approximative", QuestionKind.SingleChoice, true, 1, "petit=Moins de 20 cm\nmoyen=De 20 à 50 cm\ngrand=Plus de 50 cm"));
        var sidewalk = Category("trottoir", "Voirie", "Trottoir abîmé", "Service voirie", 10 * 24, "Dalle cassée, bordure descellée, obstacle sur le trottoir.");
        var lamp = Category("eclairage", "Éclairage", "Lampadaire en panne", "Service voirie", 3 * 24, "Un lampadaire éteint, qui clignote ou reste allumé le jour.",
            Question("numero", "Numéro inscrit sur le lampadaire (s'il est visible)", QuestionKind.ShortText, false, 1),
            Question("nombre", "Nombre de lampadaires éteints", QuestionKind.Number, false, 2));
        var dumping = Category("depot-sauvage", "Propreté", "Dépôt sauvage", "Service propreté", 2 * 24, "Déchets, encombrants ou gravats abandonnés sur la voie publique.",
            Question("nature", "Nature des déchets", QuestionKind.MultipleChoice, true, 1, "encombrants=Encombrants\ngravats=Gravats\nsacs=Sacs d'ordures\nautre=Autre"));
        var graffiti = Category("tag", "Propreté", "Tag ou graffiti", "Service propreté", 7 * 24, "Sur un bâtiment ou un mobilier public.");
        var tree = Category("arbre", "Espaces verts", "Arbre dangereux ou abîmé", "Service espaces verts", 3 * 24, "Branche cassée, arbre penché, racines qui soulèvent le sol.");
        var collection = Category("collecte", "Collecte des déchets", "Question sur la collecte", "Service propreté", 5 * 24, "Jours de passage, bacs, collecte des encombrants.",
            Question("date", "Date de la collecte manquée (le cas échéant)", QuestionKind.Date, false, 1));
        RequestCategory[] categories = [pothole, sidewalk, lamp, dumping, graffiti, tree, collection];
        for (var i = 0; i < categories.Length; i++) categories[i].Position = i;
        db.RequestCategories.AddRange(categories);
        await db.SaveChangesAsync();

        var client = new ApiKey
        {
            Name = "Application de démonstration",
            Prefix = DemoApiKey[..8],
            SecretHash = ApiKey.Hash(DemoApiKey),
            ReadsPerMinute = ApiKey.DefaultReadsPerMinute,
            Open311 = true,
            CreatedAt = now.AddDays(-60),
        };
        db.ApiKeys.Add(client);
        var territories = db.Territories.Local.Where(t => t.BoundaryGeoJson != null).ToList();

        ServiceRequest Report(RequestCategory category, ParvisUser? author, string description, double lat, double lon, string address, double daysAgo, params (string Code, string Value)[] answers)
        {
            var submitted = now.AddDays(-daysAgo);
            return new ServiceRequest
            {
                CategoryId = category.Id,
                ServiceName = category.ServiceName,
                Description = description,
                Latitude = lat,
                Longitude = lon,
                Address = address,
                TerritoryId = Territory.Locate(territories, lon, lat)?.Id,
                AuthorId = author?.Id,
                Status = RequestStatus.Submitted,
                SubmittedAt = submitted,
                UpdatedAt = submitted,
                DueAt = submitted.AddHours(category.TargetHours),
                Answers = answers.Select(a => new RequestAnswer { QuestionId = category.Questions.Single(q => q.Code == a.Code).Id, Value = a.Value }).ToList(),
            };
        }
        void Move(ServiceRequest r, RequestStatus to, double daysAfter, string? text, string? note = null, ServiceRequest? duplicateOf = null) =>
            r.MoveTo(to, r.SubmittedAt.AddDays(daysAfter), voirieAgent.Id, r.ServiceName, text, note, duplicateOf);

        var (habitant, lea, karim, jeanne) = (citizens[0], citizens[1], citizens[2], citizens[3]);
        var submitted = Report(lamp, habitant, "Le lampadaire devant le 12 rue Victor-Hugo ne s'allume plus depuis trois soirs.", 48.8390, 2.3410, "12 rue Victor-Hugo", 1, ("numero", "VH-12"));
        var acknowledged = Report(pothole, lea, "Gros nid-de-poule sur la piste cyclable du quai, dangereux pour les vélos la nuit.", 48.8320, 2.3620, "Quai des Rives, face au n° 4", 3, ("taille", "grand"));
        Move(acknowledged, RequestStatus.Acknowledged, 0.5, "Merci, une équipe passera vérifier cette semaine.");
        var inProgress = Report(dumping, karim, "Dépôt sauvage derrière le gymnase : matelas, cartons et sacs.", 48.8580, 2.3650, "Derrière le gymnase Jean-Moulin", 4, ("nature", "encombrants,sacs"));
        Move(inProgress, RequestStatus.Acknowledged, 0.2, "Signalement reçu.");
        Move(inProgress, RequestStatus.InProgress, 1, "L'enlèvement est programmé pour jeudi.", "Benne commandée au prestataire, bon n° 2291.");
        var overdue = Report(sidewalk, jeanne, "Plusieurs dalles du trottoir sont descellées devant l'école, les poussettes passent sur la route.", 48.8610, 2.3560, "Rue de l'École", 15);
        Move(overdue, RequestStatus.Acknowledged, 2, "Pris en compte, le service voirie programme la réparation.");
        var resolved = Report(lamp, lea, "Trois lampadaires éteints sur l'avenue de la Gare.", 48.8300, 2.3350, "Avenue de la Gare", 10, ("nombre", "3"));
        Move(resolved, RequestStatus.Acknowledged, 0.3, "Pris en compte.");
        Move(resolved, RequestStatus.Resolved, 2, "Les ampoules ont été changées mardi. Merci de votre signalement.");
        var fixedLongAgo = Report(tree, habitant, "Une grosse branche pend au-dessus de l'aire de jeux du square.", 48.8700, 2.3700, "Square du Centre", 45);
        Move(fixedLongAgo, RequestStatus.Acknowledged, 0.1, "Zone sécurisée dans l'heure, merci.");
        Move(fixedLongAgo, RequestStatus.Resolved, 1, "La branche a été coupée et l'arbre examiné : il est sain.");
        var notOurs = Report(sidewalk, karim, "Le trottoir de la route départementale est défoncé à la sortie de la ville.", 48.8250, 2.3780, "Route départementale 12", 20);
        Move(notOurs, RequestStatus.NotOurCompetence, 1, "Cette route relève du Département, à qui nous avons transmis votre signalement.");
        var original = Report(graffiti, jeanne, "Tag sur le mur de la médiathèque, côté parking.", 48.8660, 2.3620, "Médiathèque, parking", 6);
        Move(original, RequestStatus.Acknowledged, 1, "Le nettoyage est prévu.");
        var duplicate = Report(graffiti, lea, "Grand tag sur la médiathèque, visible depuis le parking.", 48.8661, 2.3621, "Parking de la médiathèque", 5);
        var rejected = Report(collection, karim, "Pourquoi la collecte est-elle passée à 5 h du matin ? C'est trop tôt et trop bruyant.", 48.8450, 2.3500, "Rue des Lilas", 12, ("date", now.AddDays(-13).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        db.ServiceRequests.AddRange(submitted, acknowledged, inProgress, overdue, resolved, fixedLongAgo, notOurs, original, duplicate, rejected);
        await db.SaveChangesAsync();
        Move(duplicate, RequestStatus.Duplicate, 0.5, "Déjà signalé : suivez le signalement d'origine.", duplicateOf: original);
        Move(rejected, RequestStatus.Rejected, 1, "Les horaires de collecte sont fixés par le marché public jusqu'en 2027 ; votre remarque est transmise pour le prochain marché.");
        fixedLongAgo.FixCheckSentAt = fixedLongAgo.ClosedAt!.Value.AddDays(28);
        db.RequestFollowers.Add(new RequestFollower { RequestId = original.Id, UserId = lea.Id, Since = duplicate.SubmittedAt });
        original.FollowerCount = 1;
        await db.SaveChangesAsync();
    }
}
