using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Bench;

/// <summary>
/// Org 01's survey with its public results: 50,000 answers at scale 1.0 (at least 20), one of each main kind of question,
/// most from verified residents of a quartier with an age bracket, a tenth on paper. Measures the results page.
/// </summary>
public static class BenchSurveys
{
    public const int AnswersAtScale1 = 50_000;
    public const string Title = "Enquête sur les usages du centre-ville";

    public static async Task<long> AddAsync(ParvisDbContext db, BulkWriter writer, BenchOrganization org, double scale, int seed, DateTime now)
    {
        var survey = new Survey
        {
            OrganizationId = org.Id,
            TerritoryId = org.CommuneId,
            Title = Title,
            AnswerLevel = ParticipationLevel.Anyone,
            PublicResults = true,
            PublishedAt = now.AddDays(-30),
            ClosesAt = now.AddDays(30),
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        var section = new SurveySection { OrganizationId = org.Id, SurveyId = survey.Id, Title = "Vos usages" };
        db.SurveySections.Add(section);
        await db.SaveChangesAsync();
        var kinds = new (SurveyQuestionKind Kind, string Text, string[] Options, string[] Rows)[]
        {
            (SurveyQuestionKind.SingleChoice, "Comment venez-vous en centre-ville ?", ["À pied", "À vélo", "En bus", "En voiture"], []),
            (SurveyQuestionKind.MultipleChoice, "Qu'est-ce qui manque ?", ["De l'ombre", "Des bancs", "Du stationnement vélo", "Des toilettes", "De l'éclairage"], []),
            (SurveyQuestionKind.Scale, "Quelle note donnez-vous au centre-ville ?", [], []),
            (SurveyQuestionKind.Ranking, "Classez ces priorités", ["La sécurité", "La végétation", "Le commerce"], []),
            (SurveyQuestionKind.Matrix, "Le centre-ville est-il agréable…", ["Oui", "Sans avis", "Non"], ["le matin", "le soir"]),
            (SurveyQuestionKind.Number, "Combien de fois par semaine y venez-vous ?", [], []),
            (SurveyQuestionKind.ShortText, "Une idée ?", [], []),
        };
        var questions = new List<(SurveyQuestion Question, List<SurveyOption> Options, List<SurveyOption> Rows)>();
        foreach (var (kind, text, options, rows) in kinds)
        {
            var q = new SurveyQuestion
            {
                OrganizationId = org.Id,
                SurveyId = survey.Id,
                SectionId = section.Id,
                Position = questions.Count,
                Kind = kind,
                Text = text,
                ScaleMin = 0,
                ScaleMax = kind == SurveyQuestionKind.Scale ? 10 : 5,
            };
            db.SurveyQuestions.Add(q);
            await db.SaveChangesAsync();
            var columns = options.Select((o, i) => new SurveyOption { OrganizationId = org.Id, QuestionId = q.Id, Position = i, Text = o }).ToList();
            var lines = rows.Select((r, i) => new SurveyOption { OrganizationId = org.Id, QuestionId = q.Id, Position = 50 + i, IsRow = true, Text = r }).ToList();
            db.SurveyOptions.AddRange(columns.Concat(lines));
            await db.SaveChangesAsync();
            questions.Add((q, columns, lines));
        }
        db.ChangeTracker.Clear();

        var count = Math.Max(20, (int)Math.Round(AnswersAtScale1 * scale));
        var responses = Enumerable.Range(1, count).Select(i => Response(org, survey.Id, i, seed, now)).ToList();
        var written = await writer.WriteAsync(responses);
        written += await writer.WriteAsync(Choices(responses, questions, seed));
        written += await writer.WriteAsync(Texts(responses, questions[^1].Question));
        await writer.ResetIdentityAsync<SurveyResponse>();
        await writer.ResetIdentityAsync<SurveyAnswerChoice>();
        await writer.ResetIdentityAsync<SurveyTextAnswer>();
        return written;
    }

    private static SurveyResponse Response(BenchOrganization org, int surveyId, int id, int seed, DateTime now)
    {
        var random = new Random(unchecked(seed * 31 + id));
        var paper = id % 10 == 0;
        return new SurveyResponse
        {
            Id = id,
            OrganizationId = org.Id,
            SurveyId = surveyId,
            DeviceKey = paper ? null : $"bench-{id}",
            SheetNumber = paper ? id : null,
            Channel = paper ? Channel.PaperRegister : Channel.Online,
            TerritoryId = paper || random.Next(5) == 0 ? null : org.QuartierIds[random.Next(org.QuartierIds.Length)],
            AgeBracket = paper || random.Next(3) == 0 ? null : (AgeBracket)random.Next(2, 8),
            SubmittedAt = now.AddMinutes(-id),
            UpdatedAt = now.AddMinutes(-id),
        };
    }

    private static IEnumerable<SurveyAnswerChoice> Choices(List<SurveyResponse> responses,
        List<(SurveyQuestion Question, List<SurveyOption> Options, List<SurveyOption> Rows)> questions, int seed)
    {
        long id = 0;
        foreach (var r in responses)
        {
            var random = new Random(unchecked(seed * 17 + (int)r.Id));
            SurveyAnswerChoice Row(SurveyQuestion q, int? option = null, int? row = null, int? value = null) => new()
            {
                Id = ++id,
                OrganizationId = r.OrganizationId,
                SurveyId = r.SurveyId,
                ResponseId = r.Id,
                QuestionId = q.Id,
                OptionId = option,
                RowOptionId = row,
                Value = value,
                Channel = r.Channel,
                TerritoryId = r.TerritoryId,
                AgeBracket = r.AgeBracket,
            };
            foreach (var (q, options, rows) in questions)
            {
                if (q.Kind == SurveyQuestionKind.ShortText && r.Id % 5 != 0) continue;
                yield return Row(q);
                switch (q.Kind)
                {
                    case SurveyQuestionKind.SingleChoice:
                        yield return Row(q, option: options[random.Next(options.Count)].Id);
                        break;
                    case SurveyQuestionKind.MultipleChoice:
                        foreach (var o in options.Where(_ => random.Next(3) == 0).Take(2)) yield return Row(q, option: o.Id);
                        break;
                    case SurveyQuestionKind.Scale:
                        yield return Row(q, value: random.Next(11));
                        break;
                    case SurveyQuestionKind.Ranking:
                        var rank = 0;
                        foreach (var o in options.OrderBy(_ => random.Next())) yield return Row(q, option: o.Id, value: ++rank);
                        break;
                    case SurveyQuestionKind.Matrix:
                        foreach (var line in rows) yield return Row(q, option: options[random.Next(options.Count)].Id, row: line.Id);
                        break;
                    case SurveyQuestionKind.Number:
                        yield return Row(q, value: random.Next(1, 15));
                        break;
                }
            }
        }
    }

    // One response in five has an idea, as its marker row above says.
    private static IEnumerable<SurveyTextAnswer> Texts(List<SurveyResponse> responses, SurveyQuestion question)
    {
        long id = 0;
        foreach (var r in responses.Where(r => r.Id % 5 == 0))
        {
            yield return new SurveyTextAnswer
            {
                Id = ++id,
                OrganizationId = r.OrganizationId,
                SurveyId = r.SurveyId,
                ResponseId = r.Id,
                QuestionId = question.Id,
                Text = $"Idée n° {r.Id} : plus de bancs à l'ombre.",
            };
        }
    }
}
