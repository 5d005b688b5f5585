using Parvis.Domain;
using Parvis.Features.Consultations.Statements;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>
/// A consultation with a statements question: the institution's statements and a few from residents, and the votes of
/// 300 fake participants (no account behind them) drawn from a fixed seed in three camps (the car and the shops, the
/// bicycle and the trees, and in between), so that its opinion map shows groups and a consensus from the start.
/// </summary>
public static class DemoStatements
{
    public const string Title = "Le centre-ville de demain";
    public const string QuestionText = "Le centre-ville de demain : êtes-vous d'accord ?";

    // Each statement with how each camp leans (+1 agrees, -1 disagrees, 0 divided): car and shops, bike and trees, between.
    private static readonly (string Text, int Cars, int Bikes, int Between)[] Statements =
    [
        ("Il faut plus d'arbres dans les rues du centre.", 0, 1, 1),
        ("Le centre-ville doit rester accessible en voiture.", 1, -1, 0),
        ("Les parkings du centre doivent rester gratuits le samedi.", 1, -1, 0),
        ("Une piste cyclable continue doit traverser le centre.", -1, 1, 1),
        ("La rue de la République doit devenir piétonne.", -1, 1, 0),
        ("Les commerces ont besoin de places de livraison près des boutiques.", 1, 0, 1),
        ("Il faut des bancs et des fontaines à eau sur les places.", 1, 1, 1),
        ("Les terrasses des cafés peuvent s'agrandir sur les places de stationnement.", -1, 1, 1),
        ("La vitesse doit être limitée à 30 km/h dans tout le centre.", -1, 1, 1),
        ("Un parking relais à l'entrée de la ville, avec une navette, suffirait.", -1, 1, 0),
        ("Les rues doivent être mieux éclairées le soir.", 1, 1, 1),
        ("Le marché doit rester sur la place de l'Hôtel-de-Ville.", 1, 1, 1),
        ("Il faut supprimer des places de stationnement pour élargir les trottoirs.", -1, 1, 0),
        ("Les bus doivent passer plus souvent le dimanche.", 0, 1, 1),
        ("Les cyclistes roulent trop vite sur les trottoirs.", 1, -1, 0),
        ("La cour des écoles doit être ouverte aux familles le week-end.", 0, 1, 1),
        ("Les loyers des boutiques vides devraient être encadrés par la ville.", 0, 0, 1),
        ("Il faut plus de toilettes publiques accessibles.", 1, 1, 1),
        ("Le centre manque de stationnement pour les vélos cargos.", -1, 1, 0),
        ("Les travaux doivent être faits en une seule fois, même longs.", 1, -1, 0),
    ];

    private static readonly string[] FromResidents =
    [
        "Un jardin partagé dans le square Victor-Hugo.",
        "Des arceaux vélos devant chaque école.",
        "Une navette gratuite entre la gare et le centre.",
        "Plus de places handicapées près de la mairie.",
        "Un espace de jeux ombragé pour les enfants.",
    ];

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory commune, List<ParvisUser> citizens, ParvisUser agent)
    {
        var consultation = new Consultation
        {
            Title = Title,
            Summary = "Voitures, vélos, arbres, commerces : votez sur des énoncés courts et découvrez les groupes d'opinion de la ville.",
            BodyMarkdown = "## Le principe\n\nChaque énoncé se vote : d'accord, pas d'accord ou passer. La carte des opinions montre les groupes qui se dessinent et ce qui rassemble tout le monde.",
            TerritoryId = commune.Id,
            LegalFrame = LegalFrame.Voluntary,
            ServiceName = "Service urbanisme",
            InformationStartsAt = now.AddDays(-15),
            ContributionsStartAt = now.AddDays(-10),
            SynthesisStartsAt = now.AddDays(30),
            PublishedAt = now.AddDays(-15),
        };
        var question = new Question { Text = QuestionText, Position = 1, Kind = ConsultationQuestionKind.Statements };
        consultation.Questions.Add(question);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();

        var statements = Statements.Select((s, i) => new Contribution
        {
            ConsultationId = consultation.Id,
            QuestionId = question.Id,
            TerritoryId = commune.Id,
            EnteredById = agent.Id,
            Body = s.Text,
            Channel = Channel.Online,
            CreatedAt = now.AddDays(-10).AddMinutes(i),
            State = ModerationState.Published,
        }).Concat(FromResidents.Select((text, i) => new Contribution
        {
            ConsultationId = consultation.Id,
            QuestionId = question.Id,
            TerritoryId = commune.Id,
            AuthorId = citizens[i % citizens.Count].Id,
            Body = text,
            Channel = Channel.Online,
            CreatedAt = now.AddDays(-8).AddHours(i),
            State = ModerationState.Published,
        })).ToList();
        db.Contributions.AddRange(statements);
        await db.SaveChangesAsync();

        var random = new Random(2027);
        var votes = new List<StatementVote>();
        for (var p = 0; p < 300; p++)
        {
            var camp = p % 3;
            var person = new Guid(random.Next(), (short)random.Next(short.MaxValue), (short)p, 0, 0, 0, 0, 0, 0, 0, 0);
            foreach (var (statement, s) in statements.Select((c, i) => (c, i)))
            {
                if (random.NextDouble() < 0.25) continue;
                var lean = s < Statements.Length ? camp switch { 0 => Statements[s].Cars, 1 => Statements[s].Bikes, _ => Statements[s].Between } : camp == 0 ? 0 : 1;
                var agrees = lean switch { 1 => 0.85, -1 => 0.15, _ => 0.5 };
                var kind = random.NextDouble() < 0.15 ? StatementVoteKind.Pass
                    : random.NextDouble() < agrees ? StatementVoteKind.Agree : StatementVoteKind.Disagree;
                votes.Add(new StatementVote
                {
                    QuestionId = question.Id,
                    ContributionId = statement.Id,
                    UserId = person,
                    Kind = kind,
                    VotedAt = now.AddDays(-7).AddMinutes(p),
                });
            }
        }
        db.StatementVotes.AddRange(votes);
        await db.SaveChangesAsync();
        // Seeding is not a request: the map is there from the first visit; the job takes the votes that follow.
        await new OpinionMapStore(db, TimeProvider.System).ComputeAsync(question.Id);
    }
}
