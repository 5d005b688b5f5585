using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>Surveys made for one staff test: a choice question, a text question shown for one choice, answers.</summary>
internal static class SurveyStaffData
{
    public const string SettingsForm = "main form:not([action*=handler])";

    public static string NewTitle(string start = "Enquête") => start + " " + Guid.NewGuid().ToString("N")[..8];

    public static string Id(this int id) => id.ToString(CultureInfo.InvariantCulture);

    public static async Task<Dictionary<string, string?>> ValidAsync(this ParvisFactory app, string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Intro"] = "Dites-nous **tout**.",
        ["Form.TerritoryId"] = (await app.InAAsync(db => db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync())).Id(),
        ["Form.AnswerLevel"] = "Anyone",
    };

    public sealed record Made(int Survey, int Section, int Choice, int Yes, int No, int Text);

    /// <summary>A survey of the organization (A by default) without service: "Venez-vous ?" (Oui/Non), then "Pourquoi ?" if Oui.</summary>
    public static Task<Made> NewSurveyAsync(this ParvisFactory app, bool published = true, Organization? organization = null,
        string? service = null, bool withQuestions = true) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var territory = await db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            var survey = new Survey
            {
                Title = NewTitle(),
                TerritoryId = territory,
                AnswerLevel = ParticipationLevel.Anyone,
                PublicResults = true,
                ServiceName = service,
            };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            var section = new SurveySection { SurveyId = survey.Id, Position = 1, Title = "Partie 1" };
            db.SurveySections.Add(section);
            await db.SaveChangesAsync();
            if (!withQuestions) return new Made(survey.Id, section.Id, 0, 0, 0, 0);
            var choice = new SurveyQuestion { SurveyId = survey.Id, SectionId = section.Id, Position = 1, Kind = SurveyQuestionKind.SingleChoice, Text = "Venez-vous ?" };
            db.SurveyQuestions.Add(choice);
            await db.SaveChangesAsync();
            var yes = new SurveyOption { QuestionId = choice.Id, Position = 1, Text = "Oui" };
            var no = new SurveyOption { QuestionId = choice.Id, Position = 2, Text = "Non" };
            db.SurveyOptions.AddRange(yes, no);
            await db.SaveChangesAsync();
            var text = new SurveyQuestion
            {
                SurveyId = survey.Id,
                SectionId = section.Id,
                Position = 2,
                Kind = SurveyQuestionKind.LongText,
                Text = "Pourquoi ?",
                ConditionQuestionId = choice.Id,
                ConditionOptionIds = yes.Id.Id(),
            };
            db.SurveyQuestions.Add(text);
            if (published) survey.Publish(DateTime.UtcNow, [choice.Kind, text.Kind]);
            await db.SaveChangesAsync();
            return new Made(survey.Id, section.Id, choice.Id, yes.Id, no.Id, text.Id);
        });

    /// <summary>Online answers "Oui" with the given texts, written straight into the tables as the answering page does.</summary>
    public static Task AnswerAsync(this ParvisFactory app, Made s, params string[] texts) =>
        app.InAAsync(async db =>
        {
            foreach (var text in texts)
            {
                var response = new SurveyResponse
                {
                    SurveyId = s.Survey,
                    DeviceKey = Guid.NewGuid().ToString("N"),
                    Channel = Channel.Online,
                    SubmittedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow,
                };
                db.SurveyResponses.Add(response);
                await db.SaveChangesAsync();
                db.SurveyAnswerChoices.AddRange(
                    new SurveyAnswerChoice { SurveyId = s.Survey, ResponseId = response.Id, QuestionId = s.Choice },
                    new SurveyAnswerChoice { SurveyId = s.Survey, ResponseId = response.Id, QuestionId = s.Choice, OptionId = s.Yes },
                    new SurveyAnswerChoice { SurveyId = s.Survey, ResponseId = response.Id, QuestionId = s.Text });
                db.SurveyTextAnswers.Add(new SurveyTextAnswer { SurveyId = s.Survey, ResponseId = response.Id, QuestionId = s.Text, Text = text });
            }
            return await db.SaveChangesAsync();
        });

    public static Task<List<string>> AuditAsync(this ParvisFactory app, int survey) =>
        app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Survey" && a.TargetId == survey.Id())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
