using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>Answering a survey one step at a time, without JavaScript: conditions decided on the server, answers saved whole.</summary>
[Collection(AppCollection.Name)]
public class SurveyAnsweringTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_survey_of_every_kind_is_answered_step_by_step_and_saved_whole()
    {
        var s = await _app.NewSurveyAsync(SurveyData.Full);
        var (client, email) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        Assert.Equal(["Comment venez-vous à la gare ?", "Ce qui vous manque"], page.Asked());
        Assert.Contains("Étape 1 sur 3", page.QuerySelector($"{SurveyData.Form} h2")!.TextContent, StringComparison.Ordinal);

        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option("velo")),
            (s.Field("manques"), s.Option("bancs")), (s.Field("manques"), s.Option("abri")));
        // The cyclists' question is asked because of the bicycle.
        Assert.Equal(["Où garez-vous votre vélo ?", "Quelle note donnez-vous à la place ?", "Classez vos priorités", "La place selon le moment"], page.Asked());
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("parking"), "Contre la grille"), (s.Field("note"), "7"),
            (s.Rank("classement", "securite"), "1"), (s.Rank("classement", "ombre"), "2"), (s.Rank("classement", "proprete"), "3"),
            (s.Row("moments", "matin"), s.Option("agreable")), (s.Row("moments", "soir"), s.Option("bruyante")));
        Assert.Contains("Étape 3 sur 3", page.QuerySelector($"{SurveyData.Form} h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Envoyer mes réponses", page.QuerySelector($"{SurveyData.Form} button")!.TextContent.Trim());
        var response = await client.AnswerAsync(page, s.Url, (s.Field("frequence"), "12"), (s.Field("depuis"), "2019-09-01"),
            (s.Field("autre"), "Plus de lumière le soir."));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var userId = await _app.UserIdAsync(email);
        var saved = await _app.InAAsync(async db =>
        {
            var r = await db.SurveyResponses.SingleAsync(r => r.SurveyId == s.Id);
            var choices = await db.SurveyAnswerChoices.Where(c => c.ResponseId == r.Id && (c.OptionId != null || c.Value != null))
                .Select(c => new { c.QuestionId, c.OptionId, c.RowOptionId, c.Value }).ToListAsync();
            var texts = await db.SurveyTextAnswers.Where(t => t.ResponseId == r.Id).ToDictionaryAsync(t => t.QuestionId, t => t.Text);
            var markers = await db.SurveyAnswerChoices.CountAsync(c => c.ResponseId == r.Id && c.OptionId == null && c.Value == null);
            return (r, choices, texts, markers);
        });
        Assert.Equal(userId, saved.r.UserId);
        Assert.Equal(Channel.Online, saved.r.Channel);
        Assert.Equal(9, saved.markers);
        int? O(string key) => s.O[key];
        var expected = new[]
        {
            (s.Q["mode"], O("velo"), (int?)null, (int?)null), (s.Q["manques"], O("bancs"), null, null), (s.Q["manques"], O("abri"), null, null),
            (s.Q["note"], null, null, 7), (s.Q["classement"], O("securite"), null, 1), (s.Q["classement"], O("ombre"), null, 2),
            (s.Q["classement"], O("proprete"), null, 3), (s.Q["moments"], O("agreable"), O("matin"), null),
            (s.Q["moments"], O("bruyante"), O("soir"), null), (s.Q["frequence"], null, null, 12),
            (s.Q["depuis"], null, null, new DateOnly(2019, 9, 1).DayNumber),
        };
        Assert.Equal(expected.Order(), saved.choices.Select(c => (c.QuestionId, c.OptionId, c.RowOptionId, c.Value)).Order());
        Assert.Equal("Contre la grille", saved.texts[s.Q["parking"]]);
        Assert.Equal("Plus de lumière le soir.", saved.texts[s.Q["autre"]]);

        var after = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Merci, votre réponse est enregistrée.", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conditional_question_is_asked_only_for_its_trigger_and_its_answer_is_ignored_otherwise()
    {
        var s = await _app.NewSurveyAsync(SurveyData.Full);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option("pied")));
        Assert.DoesNotContain("Où garez-vous votre vélo ?", page.Asked());
        // Required as it is, the cyclists' question is not asked of a pedestrian; a forged answer to it is dropped.
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("note"), "4"), (s.Field("parking"), "Réponse forgée"));
        var response = await client.AnswerAsync(page, s.Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var texts = await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.SurveyId == s.Id).Select(t => t.Text).ToListAsync());
        Assert.Empty(texts);
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyAnswerChoices.CountAsync(c => c.SurveyId == s.Id && c.QuestionId == s.Q["parking"])));

        // A cyclist must answer it: required once shown.
        var (cyclist, _) = await _app.CitizenClientAsync();
        page = await cyclist.GetDocumentAsync(s.Url);
        page = await cyclist.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option("velo")));
        page = await cyclist.AnswerAndReadAsync(page, s.Url, (s.Field("note"), "4"));
        Assert.Contains("Cette question demande une réponse.", page.Errors());
        Assert.Contains("Où garez-vous votre vélo ?", page.Asked());
        Assert.Equal(1, await _app.ResponsesAsync(s));
    }

    [Fact]
    public async Task A_changed_earlier_answer_in_the_hidden_fields_is_checked_again()
    {
        var s = await _app.NewSurveyAsync(SurveyData.Full);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option("pied")));
        // Someone alters the carried answer of step 1 into an option of another question: step 1 is asked again.
        var hidden = page.QuerySelector($"{SurveyData.Form} input[name={s.Field("mode")}]")!;
        hidden.SetAttribute("value", s.Option("ombre"));
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("note"), "4"));
        Assert.Contains("Ce choix ne fait pas partie de la liste.", page.Errors());
        Assert.Contains("Comment venez-vous à la gare ?", page.Asked());
        Assert.Equal(0, await _app.ResponsesAsync(s));
    }
}
