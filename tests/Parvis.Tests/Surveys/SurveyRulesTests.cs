using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Surveys;

/// <summary>What the answering page refuses, and how: a French message, never a 500, nothing saved.</summary>
[Collection(AppCollection.Name)]
public class SurveyRulesTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>Every question of the full survey in one step, none conditional, the first one required.</summary>
    private static readonly (string, Ask[])[] Flat =
        [("Tout", [.. SurveyData.Full.SelectMany(x => x.Questions).Select(a => a with { WhenQuestion = null, WhenOptions = null, Required = a.Key == "mode" })])];

    public static TheoryData<string, string, string, string> BadAnswers => new()
    {
        { "mode", "", "", "Cette question demande une réponse." },
        { "note", "", "11", "Choisissez une valeur de l'échelle." },
        { "note", "", "sept", "Choisissez une valeur de l'échelle." },
        { "manques", "", "bancs,arbres,abri", "Choisissez au plus 2 réponses." },
        { "manques", "", "999999", "Ce choix ne fait pas partie de la liste." },
        { "parking", "", new string('x', 301), "La réponse dépasse 300 caractères." },
        { "autre", "", new string('y', 5001), "La réponse dépasse 5000 caractères." },
        { "depuis", "", "31/02/2024", "Indiquez une date (jj/mm/aaaa)." },
        { "frequence", "", "douze", "Indiquez un nombre entier (par exemple 3)." },
        { "frequence", "", "2,5", "Indiquez un nombre entier (par exemple 3)." },
        { "classement", "ombre,securite,proprete", "1,1,2", "Classez chaque proposition, avec un rang différent pour chacune." },
        { "classement", "ombre", "9", "Une réponse ne fait pas partie de la liste." },
        { "moments", "matin", "999999", "Une réponse ne fait pas partie de la liste." },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_gets_a_french_message_and_nothing_is_saved(string question, string keys, string values, string message)
    {
        var s = await _app.NewSurveyAsync(Flat);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        var answers = new List<(string, string)>();
        if (question != "mode") answers.Add((s.Field("mode"), s.Option("pied")));
        var split = values.Split(',');
        if (keys.Length > 0)
            answers.AddRange(keys.Split(',').Select((k, i) => (question == "moments" ? s.Row(question, k) : s.Rank(question, k), split[i])));
        else if (question != "mode")
            answers.AddRange(split.Select(v => (s.Field(question), s.O.TryGetValue(v, out var o) ? o.Inv() : v)));
        answers.Add((s.Field("note"), question == "note" ? "" : "5"));
        if (question == "note") answers.Add((s.Field("note"), values));
        page = await client.AnswerAndReadAsync(page, s.Url, [.. answers]);
        Assert.Equal([message], page.Errors());
        Assert.NotNull(page.QuerySelector($"#{s.Field(question)}-erreur"));
        Assert.Equal((0, 0), (await _app.ResponsesAsync(s), await _app.AnswerRowsAsync(s)));
    }

    [Fact]
    public async Task A_message_with_a_value_is_translated_with_its_value()
    {
        var s = await _app.NewSurveyAsync(Flat);
        var (client, _) = await _app.CitizenClientAsync();
        await client.GetAsync("/langue?culture=en&returnUrl=/");
        var page = await client.GetDocumentAsync(s.Url);
        page = await client.AnswerAndReadAsync(page, s.Url, (s.Field("mode"), s.Option("pied")), (s.Field("note"), "5"),
            (s.Field("parking"), new string('x', 301)));
        Assert.Equal(["The answer is longer than 300 characters."], page.Errors());
        Assert.Equal("The answer is longer than 300 characters.", page.QuerySelector($"#{s.Field("parking")}-erreur")!.TextContent);
    }

    [Fact]
    public async Task Naughty_texts_are_saved_as_typed_and_never_break_the_page()
    {
        var s = await _app.NewSurveyAsync(Flat, x => x.AllowChanges = true);
        var (client, _) = await _app.CitizenClientAsync();
        foreach (var text in NaughtyStringTests.Strings.Where((_, i) => i % 8 == 3).Where(t => t.Trim().Length is > 0 and <= 300))
        {
            var page = await client.GetDocumentAsync(s.Url + "?modifier=true");
            var response = await client.AnswerAsync(page, s.Url, (s.Field("mode"), s.Option("pied")), (s.Field("parking"), text));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{text}: {response.StatusCode}");
            Assert.Equal(text.Trim(), await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.SurveyId == s.Id).Select(t => t.Text).SingleAsync()));
            NaughtyStringTests.AssertNoInjectedMarkup(await client.GetDocumentAsync(s.Url + "?modifier=true"), text);
        }
        Assert.Equal(1, await _app.ResponsesAsync(s));
    }

    [Fact]
    public async Task One_answer_per_person_under_eight_simultaneous_submissions()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.AnswerAsync(page, s.Url, (s.Field("avis"), s.Option(i % 2 == 0 ? "oui" : "non")))));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, await _app.ResponsesAsync(s));
        // The one response that landed holds its whole answer (a marker and its option), no more.
        Assert.Equal(2, await _app.AnswerRowsAsync(s));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        foreach (var r in refused) Assert.Contains("Vous avez déjà répondu à cette enquête.", HtmlClient.Parse(await r.Content.ReadAsStringAsync()).Errors());
    }

    [Fact]
    public async Task An_answer_changes_only_where_the_survey_allows_it()
    {
        var fixedOnce = await _app.NewSurveyAsync(SurveyData.OneChoice);
        var (client, _) = await _app.CitizenClientAsync();
        var form = await client.GetDocumentAsync(fixedOnce.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.AnswerAsync(form, fixedOnce.Url, (fixedOnce.Field("avis"), fixedOnce.Option("oui")))).StatusCode);
        var page = await client.GetDocumentAsync(fixedOnce.Url);
        page = await client.GetDocumentAsync(fixedOnce.Url + "?modifier=true");
        Assert.Contains("Vous avez déjà répondu à cette enquête.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[href$='modifier=true']"));
        Assert.Null(page.QuerySelector(SurveyData.Form));
        // An old form posted again is refused, and the first answer stays.
        var again = HtmlClient.Parse(await (await client.AnswerAsync(form, fixedOnce.Url, (fixedOnce.Field("avis"), fixedOnce.Option("non")))).Content.ReadAsStringAsync());
        Assert.Contains("Vous avez déjà répondu à cette enquête.", again.Errors());
        Assert.Equal([fixedOnce.O["oui"]], await OptionsAsync(fixedOnce));

        var changeable = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.AllowChanges = true);
        page = await client.GetDocumentAsync(changeable.Url);
        await client.AnswerAsync(page, changeable.Url, (changeable.Field("avis"), changeable.Option("oui")));
        page = await client.GetDocumentAsync(changeable.Url);
        Assert.NotNull(page.QuerySelector($"a[href='{changeable.Url}?modifier=true']"));
        page = await client.GetDocumentAsync(changeable.Url + "?modifier=true");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"#{changeable.Field("avis")}-{changeable.Option("oui")}")!).IsChecked);
        var changed = await client.AnswerAndReadAsync(page, changeable.Url, (changeable.Field("avis"), changeable.Option("non")));
        Assert.Contains("Votre réponse a été modifiée.", changed.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.ResponsesAsync(changeable));
        Assert.Equal([changeable.O["non"]], await OptionsAsync(changeable));

        // Once the survey is closed, the answer no longer changes.
        await _app.InAAsync(db => db.Surveys.Where(x => x.Id == changeable.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.ClosedAt, DateTime.UtcNow)));
        page = await client.GetDocumentAsync(changeable.Url + "?modifier=true");
        Assert.Null(page.QuerySelector(SurveyData.Form));
    }

    private Task<List<int>> OptionsAsync(BuiltSurvey s) =>
        _app.InAAsync(db => db.SurveyAnswerChoices.Where(c => c.SurveyId == s.Id && c.OptionId != null).Select(c => c.OptionId!.Value).ToListAsync());
}
