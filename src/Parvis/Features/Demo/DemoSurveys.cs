using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// The place de la Gare's survey (three steps, a question for cyclists only, every main kind) with a few hundred answers
/// drawn from a fixed seed, some on paper, some from verified residents; and its quick question, with enough answers to
/// show its results.
/// </summary>
public static class DemoSurveys
{
    public const string GareSurvey = "La place de la Gare : vos usages, vos attentes";
    public const string GareQuickQuestion = "Faut-il planter des arbres devant la gare, quitte à perdre des places de parking ?";
    public const int GareAnswers = 320;

    private static readonly string[] Ideas =
    [
        "Plus d'ombre l'été, la place est un four.", "Un abri vélo fermé, j'ai déjà eu deux vélos volés.",
        "Des bancs près de l'arrêt de bus.", "Moins de voitures qui tournent pour déposer quelqu'un.",
        "Un éclairage plus doux le soir, mais suffisant.", "Des toilettes publiques ouvertes tard.",
        "Garder un dépose-minute pour les personnes âgées.", "Une fontaine à boire.",
    ];

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory gare, Territory centre, Territory rives)
    {
        var project = await db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync();
        var survey = new Survey
        {
            Title = GareSurvey,
            TerritoryId = gare.Id,
            ProjectId = project,
            ServiceName = "Service urbanisme",
            AnswerLevel = ParticipationLevel.Anyone,
            AllowChanges = true,
            PublicResults = true,
            PublishedAt = now.AddDays(-20),
            ClosesAt = now.AddDays(25),
            IntroMarkdown = "Dix minutes pour nous dire comment vous utilisez la place aujourd'hui et ce que vous en attendez. "
                + "Les réponses nourrissent le programme des travaux ; les résultats sont publics.",
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        var builder = new Builder(db, survey.Id);
        var habits = await builder.SectionAsync("Vos habitudes");
        var mode = await builder.QuestionAsync(habits, SurveyQuestionKind.SingleChoice, "Comment venez-vous le plus souvent à la gare ?", true,
            "À pied", "À vélo", "En bus", "En voiture");
        var missing = await builder.QuestionAsync(habits, SurveyQuestionKind.MultipleChoice, "Qu'est-ce qui manque le plus sur la place ?", false,
            "De l'ombre et des arbres", "Des bancs", "Un parking vélo abrité", "Des toilettes", "De l'éclairage");
        missing.Question.MaxChoices = 2;
        var opinion = await builder.SectionAsync("Votre avis");
        var parking = await builder.QuestionAsync(opinion, SurveyQuestionKind.ShortText, "Où garez-vous votre vélo aujourd'hui ?", false);
        parking.Question.ConditionQuestionId = mode.Question.Id;
        parking.Question.ConditionOptionIds = mode.Options[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var note = await builder.QuestionAsync(opinion, SurveyQuestionKind.Scale, "Quelle note donnez-vous à la place aujourd'hui ?", true);
        (note.Question.ScaleMin, note.Question.ScaleMax, note.Question.LowLabel, note.Question.HighLabel) = (0, 10, "Très mauvaise", "Excellente");
        var ranking = await builder.QuestionAsync(opinion, SurveyQuestionKind.Ranking, "Classez ces priorités pour les travaux", false,
            "La sécurité des piétons", "La végétation", "Le stationnement vélo");
        var matrix = await builder.QuestionAsync(opinion, SurveyQuestionKind.Matrix, "Comment trouvez-vous la place…", false,
            "Agréable", "Sans avis", "Désagréable");
        var rows = await builder.RowsAsync(matrix.Question, "le matin", "le soir");
        var you = await builder.SectionAsync("Vous et le quartier");
        var trips = await builder.QuestionAsync(you, SurveyQuestionKind.Number, "Combien de fois par semaine passez-vous par la gare ?", false);
        var since = await builder.QuestionAsync(you, SurveyQuestionKind.Date, "Depuis quand fréquentez-vous le quartier ?", false);
        var more = await builder.QuestionAsync(you, SurveyQuestionKind.LongText, "Autre chose à nous dire ?", false);

        // Fixed seed: the same answers at every seeding.
        var random = new Random(2026);
        var territories = new int?[] { gare.Id, gare.Id, centre.Id, rives.Id, null, null };
        for (var i = 0; i < GareAnswers; i++)
        {
            var paper = i % 10 == 9;
            var r = builder.Response(paper ? Channel.PaperRegister : Channel.Online, now.AddDays(-20 + i * 19.0 / GareAnswers),
                paper ? null : territories[random.Next(territories.Length)], paper ? null : (AgeBracket)random.Next(2, 8));
            var how = random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 };
            builder.Choose(r, mode, mode.Options[how].Id);
            builder.Choose(r, missing, [.. missing.Options.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(o => o.Id)]);
            if (how == 1 && random.Next(3) > 0) builder.Text(r, parking, random.Next(2) == 0 ? "Contre les grilles du square" : "Dans le hall, quand il y a de la place");
            builder.Value(r, note, Math.Clamp((int)Math.Round(4 + random.NextDouble() * 4 + (how == 3 ? 1 : 0) - (how == 1 ? 1.5 : 0)), 0, 10));
            if (random.Next(4) > 0) builder.Rank(r, ranking, [.. ranking.Options.OrderBy(_ => random.Next()).Select(o => o.Id)]);
            if (random.Next(3) > 0)
                builder.Matrix(r, matrix, rows.Select((row, k) => (row.Id, matrix.Options[random.Next(k == 0 ? 2 : 3)].Id)));
            if (random.Next(2) == 0) builder.Value(r, trips, random.Next(1, 15));
            if (random.Next(3) == 0) builder.Value(r, since, new DateOnly(2005, 1, 1).AddDays(random.Next(7000)).DayNumber);
            if (random.Next(5) == 0) builder.Text(r, more, Ideas[random.Next(Ideas.Length)]);
        }
        await builder.SaveAsync();

        var quick = new Survey
        {
            Title = GareQuickQuestion,
            TerritoryId = gare.Id,
            ProjectId = project,
            IsQuickQuestion = true,
            AnswerLevel = ParticipationLevel.Anyone,
            PublicResults = true,
            PublishedAt = now.AddDays(-5),
        };
        db.Surveys.Add(quick);
        await db.SaveChangesAsync();
        var one = new Builder(db, quick.Id);
        var question = await one.QuestionAsync(await one.SectionAsync(""), SurveyQuestionKind.SingleChoice, GareQuickQuestion, true, "Oui", "Non", "Sans avis");
        for (var i = 0; i < 48; i++)
            one.Choose(one.Response(Channel.Online, now.AddDays(-5 + i / 10.0), null, null), question, question.Options[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2].Id);
        await one.SaveAsync();
    }

    private sealed record Asked(SurveyQuestion Question, List<SurveyOption> Options);

    /// <summary>Writes questions and answers the way the answering page does: a marker row per answered question, then its rows.</summary>
    private sealed class Builder(ParvisDbContext db, int surveyId)
    {
        private int _position;

        public async Task<SurveySection> SectionAsync(string title)
        {
            var section = new SurveySection { SurveyId = surveyId, Position = _position++, Title = title };
            db.SurveySections.Add(section);
            await db.SaveChangesAsync();
            return section;
        }

        public async Task<Asked> QuestionAsync(SurveySection section, SurveyQuestionKind kind, string text, bool required, params string[] options)
        {
            var question = new SurveyQuestion { SurveyId = surveyId, SectionId = section.Id, Position = _position++, Kind = kind, Text = text, Required = required };
            db.SurveyQuestions.Add(question);
            await db.SaveChangesAsync();
            var list = options.Select((o, i) => new SurveyOption { QuestionId = question.Id, Position = i, Text = o }).ToList();
            db.SurveyOptions.AddRange(list);
            await db.SaveChangesAsync();
            return new(question, list);
        }

        public async Task<List<SurveyOption>> RowsAsync(SurveyQuestion question, params string[] rows)
        {
            var list = rows.Select((r, i) => new SurveyOption { QuestionId = question.Id, Position = 100 + i, IsRow = true, Text = r }).ToList();
            db.SurveyOptions.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        }

        public SurveyResponse Response(Channel channel, DateTime at, int? territory, AgeBracket? age)
        {
            var response = new SurveyResponse { SurveyId = surveyId, Channel = channel, TerritoryId = territory, AgeBracket = age, SubmittedAt = at, UpdatedAt = at };
            db.SurveyResponses.Add(response);
            return response;
        }

        // The rows wait for their response's id: every response is saved first, in one batch.
        private readonly List<Action> _rows = [];

        public async Task SaveAsync()
        {
            await db.SaveChangesAsync();
            foreach (var add in _rows) add();
            _rows.Clear();
            await db.SaveChangesAsync();
        }

        private void Row(SurveyResponse r, Asked q, int? option = null, int? row = null, int? value = null) =>
            _rows.Add(() => db.SurveyAnswerChoices.Add(new SurveyAnswerChoice
            {
                SurveyId = surveyId,
                ResponseId = r.Id,
                QuestionId = q.Question.Id,
                OptionId = option,
                RowOptionId = row,
                Value = value,
                Channel = r.Channel,
                TerritoryId = r.TerritoryId,
                AgeBracket = r.AgeBracket,
            }));

        public void Choose(SurveyResponse r, Asked q, params int[] options)
        {
            Row(r, q);
            foreach (var o in options) Row(r, q, option: o);
        }

        public void Value(SurveyResponse r, Asked q, int value)
        {
            Row(r, q);
            Row(r, q, value: value);
        }

        public void Rank(SurveyResponse r, Asked q, int[] ordered)
        {
            Row(r, q);
            for (var i = 0; i < ordered.Length; i++) Row(r, q, option: ordered[i], value: i + 1);
        }

        public void Matrix(SurveyResponse r, Asked q, IEnumerable<(int Row, int Column)> cells)
        {
            Row(r, q);
            foreach (var (row, column) in cells) Row(r, q, option: column, row: row);
        }

        public void Text(SurveyResponse r, Asked q, string text)
        {
            Row(r, q);
            _rows.Add(() => db.SurveyTextAnswers.Add(new SurveyTextAnswer { SurveyId = surveyId, ResponseId = r.Id, QuestionId = q.Question.Id, Text = text }));
        }
    }
}
