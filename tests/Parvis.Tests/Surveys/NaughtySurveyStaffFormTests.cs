using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Surveys;

/// <summary>The naughty strings through every staff form of surveys: settings, sections, questions, moderation, paper entry.</summary>
[Collection(AppCollection.Name)]
public class NaughtySurveyStaffFormTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    // A quarter of the list, another quarter than the project forms' test.
    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 2);

    private static void Fine(HttpResponseMessage response, string what, string s) =>
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {what} {s}");

    [Fact]
    public async Task Every_survey_staff_form_stores_the_text_as_typed_and_shows_it_as_text()
    {
        var agent = await _app.SignedInAsync("agent");
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Sample)
        {
            var values = await _app.ValidAsync(s);
            values["Form.Intro"] = s;
            values["Form.ClosesAt"] = s;
            values["Form.MinimumAge"] = s;
            var response = await agent.SubmitAsync("/admin/enquetes/nouvelle", SurveyStaffData.SettingsForm, values);
            Fine(response, "settings", s);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                values["Form.ClosesAt"] = "";
                values["Form.MinimumAge"] = "";
                response = await agent.SubmitAsync("/admin/enquetes/nouvelle", SurveyStaffData.SettingsForm, values);
                Fine(response, "settings", s);
            }
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Survey.MaxTitle)
            {
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var url = response.Headers.Location!.OriginalString;
            var id = int.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.Surveys.AsNoTracking().SingleAsync(x => x.Id == id));
            Assert.Equal((s.Trim(), s.Trim()), (stored.Title, stored.IntroMarkdown));

            Fine(await agent.SubmitAsync(url, "form[action*=AddSection]", new Dictionary<string, string?> { ["sectionTitle"] = s }), "section", s);
            Fine(await agent.SubmitAsync(url, "form[action*=RenameSection]", new Dictionary<string, string?> { ["sectionTitle"] = s }), "rename", s);
            Fine(await agent.SubmitAsync(url, "form[action*=AddQuestion]", new Dictionary<string, string?>
            {
                ["Question.Kind"] = "Scale",
                ["Question.Text"] = s,
                ["Question.Help"] = s,
                ["Question.LowLabel"] = s,
                ["Question.HighLabel"] = s,
                ["Question.Scale"] = s,
                ["Question.MaxChoices"] = s,
            }), "scale", s);
            Fine(await agent.SubmitAsync(url, "form[action*=AddQuestion]", new Dictionary<string, string?>
            {
                ["Question.Kind"] = "Matrix",
                ["Question.Text"] = "Matrice " + s,
                ["Question.Options"] = s + "\nAutre",
                ["Question.Rows"] = s,
                ["Question.Condition"] = s,
            }), "matrix", s);
            var question = await agent.SubmitAsync(url, "form[action*=AddQuestion]", new Dictionary<string, string?>
            {
                ["Question.Kind"] = "LongText",
                ["Question.Text"] = "Texte libre",
                ["Question.Help"] = s.Length > SurveyQuestion.MaxHelp ? null : s,
            });
            Assert.Equal(HttpStatusCode.Redirect, question.StatusCode);
            NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync(url), s);
            await agent.SubmitAsync(url, "form[action*=Publish]", new Dictionary<string, string?>());
            NaughtyStringTests.AssertNoInjectedMarkup(await visitor.GetDocumentAsync($"/enquetes/{id}"), s);

            var paper = $"/admin/enquetes/{id}/papier";
            var textQuestion = await _app.InAAsync(db => db.SurveyQuestions.Where(q => q.SurveyId == id && q.Kind == SurveyQuestionKind.LongText).Select(q => q.Id).SingleAsync());
            Fine(await agent.SubmitAsync(paper, "main form", new Dictionary<string, string?> { ["feuille"] = s, [$"q{textQuestion}"] = s }), "sheet", s);
            var entered = await agent.SubmitAsync(paper, "main form", new Dictionary<string, string?> { [$"q{textQuestion}"] = s });
            Fine(entered, "paper", s);
            if (entered.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal(s.Trim(), await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.SurveyId == id).Select(t => t.Text).SingleAsync()));
            NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync(paper), s);
            NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync($"/admin/enquetes/{id}/reponses"), s);
            Fine(await agent.GetAsync($"/admin/enquetes/{id}/reponses?handler=Csv"), "csv", s);
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/admin/enquetes"), "the staff list");
    }

    [Fact]
    public async Task Forms_that_take_a_number_refuse_any_text_in_its_place()
    {
        var s = await _app.NewSurveyAsync();
        await _app.AnswerAsync(s, "Une réponse");
        var draft = await _app.NewSurveyAsync(published: false);
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync($"/admin/enquetes/{draft.Survey}", "form[action*=AddSection]", new Dictionary<string, string?> { ["sectionTitle"] = "Deux" });
        foreach (var n in Sample)
        {
            var response = await agent.SubmitAsync($"/admin/enquetes/{s.Survey}/reponses", "main form[action*=Hide]", new Dictionary<string, string?> { ["textId"] = n });
            Fine(response, "hide", n);
            response = await agent.SubmitAsync($"/admin/enquetes/{draft.Survey}", "form[action*=RemoveQuestion]", new Dictionary<string, string?> { ["questionId"] = n });
            Fine(response, "remove", n);
            response = await agent.SubmitAsync($"/admin/enquetes/{draft.Survey}", "form[action*=MoveSection]", new Dictionary<string, string?> { ["sectionId"] = n, ["up"] = n });
            Fine(response, "move", n);
        }
    }
}
