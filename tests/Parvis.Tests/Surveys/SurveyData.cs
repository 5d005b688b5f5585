using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

internal sealed record Opt(string Key, string Text, bool Row = false);

/// <summary>A question to build: its key in the test, and (for a conditional one) the earlier question and options that show it.</summary>
internal sealed record Ask(string Key, SurveyQuestionKind Kind, string Text, bool Required = false, Opt[]? Options = null,
    int? Max = null, int ScaleMin = 1, int ScaleMax = 5, string? WhenQuestion = null, string[]? WhenOptions = null);

/// <summary>A survey built for a test: its id, and its questions' and options' ids by their keys.</summary>
internal sealed record BuiltSurvey(int Id, IReadOnlyDictionary<string, int> Q, IReadOnlyDictionary<string, int> O)
{
    public string Url => $"/enquetes/{Id}";
    public string Field(string question) => "q" + Q[question].Inv();
    public string Row(string question, string row) => $"q{Q[question].Inv()}r{O[row].Inv()}";
    public string Rank(string question, string option) => $"q{Q[question].Inv()}o{O[option].Inv()}";
    public string Option(string key) => O[key].Inv();
}

/// <summary>Surveys written straight into the database (the staff pages live elsewhere), and form helpers to answer them.</summary>
internal static class SurveyData
{
    public const string Form = "form.survey-form";

    public static string Inv(this int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Three steps: how people come (the choice that shows the cyclists' question), their opinion, themselves.</summary>
    public static readonly (string Title, Ask[] Questions)[] Full =
    [
        ("Vos habitudes", [
            new("mode", SurveyQuestionKind.SingleChoice, "Comment venez-vous à la gare ?", Required: true,
                Options: [new("pied", "À pied"), new("velo", "À vélo"), new("voiture", "En voiture")]),
            new("manques", SurveyQuestionKind.MultipleChoice, "Ce qui vous manque", Max: 2,
                Options: [new("bancs", "Des bancs"), new("arbres", "Des arbres"), new("abri", "Un abri vélo")]),
        ]),
        ("Votre avis", [
            new("parking", SurveyQuestionKind.ShortText, "Où garez-vous votre vélo ?", Required: true, WhenQuestion: "mode", WhenOptions: ["velo"]),
            new("note", SurveyQuestionKind.Scale, "Quelle note donnez-vous à la place ?", Required: true, ScaleMin: 0, ScaleMax: 10),
            new("classement", SurveyQuestionKind.Ranking, "Classez vos priorités",
                Options: [new("ombre", "L'ombre"), new("securite", "La sécurité"), new("proprete", "La propreté")]),
            new("moments", SurveyQuestionKind.Matrix, "La place selon le moment",
                Options: [new("matin", "Le matin", true), new("soir", "Le soir", true), new("agreable", "Agréable"), new("bruyante", "Bruyante")]),
        ]),
        ("Vous", [
            new("frequence", SurveyQuestionKind.Number, "Combien de fois par semaine passez-vous par la gare ?"),
            new("depuis", SurveyQuestionKind.Date, "Depuis quand habitez-vous le quartier ?"),
            new("autre", SurveyQuestionKind.LongText, "Autre chose à nous dire ?"),
        ]),
    ];

    /// <summary>One step, one choice question: for access rules, concurrency and counts.</summary>
    public static readonly (string Title, Ask[] Questions)[] OneChoice =
    [
        ("", [new("avis", SurveyQuestionKind.SingleChoice, "Êtes-vous pour une place piétonne ?", Required: true,
            Options: [new("oui", "Oui"), new("non", "Non"), new("sansavis", "Sans avis")])]),
    ];

    /// <summary>A survey of organization A (or the one given), published and open unless <paramref name="adjust"/> says otherwise.</summary>
    public static Task<BuiltSurvey> NewSurveyAsync(this ParvisFactory app, (string Title, Ask[] Questions)[] sections,
        Action<Survey>? adjust = null, Organization? organization = null, bool published = true) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var territory = await db.Territories.Where(t => t.ParentId == null).Select(t => t.Id).FirstAsync();
            var survey = new Survey { Title = "Enquête " + Guid.NewGuid().ToString("N")[..8], TerritoryId = territory, PublicResults = true };
            if (published) survey.PublishedAt = DateTime.UtcNow.AddDays(-1);
            adjust?.Invoke(survey);
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            var q = new Dictionary<string, SurveyQuestion>();
            var options = new Dictionary<string, SurveyOption>();
            var position = 0;
            foreach (var (title, asks) in sections)
            {
                var section = new SurveySection { SurveyId = survey.Id, Position = position++, Title = title };
                db.SurveySections.Add(section);
                await db.SaveChangesAsync();
                foreach (var ask in asks)
                {
                    var question = new SurveyQuestion
                    {
                        SurveyId = survey.Id,
                        SectionId = section.Id,
                        Position = q.Count,
                        Kind = ask.Kind,
                        Text = ask.Text,
                        Required = ask.Required,
                        MaxChoices = ask.Max,
                        ScaleMin = ask.ScaleMin,
                        ScaleMax = ask.ScaleMax,
                        LowLabel = ask.Kind == SurveyQuestionKind.Scale ? "Très mal" : null,
                        HighLabel = ask.Kind == SurveyQuestionKind.Scale ? "Très bien" : null,
                    };
                    db.SurveyQuestions.Add(question);
                    await db.SaveChangesAsync();
                    q[ask.Key] = question;
                    foreach (var (o, i) in (ask.Options ?? []).Select((o, i) => (o, i)))
                        db.SurveyOptions.Add(options[o.Key] = new SurveyOption { QuestionId = question.Id, Position = i, IsRow = o.Row, Text = o.Text });
                    await db.SaveChangesAsync();
                }
            }
            foreach (var ask in sections.SelectMany(s => s.Questions).Where(a => a.WhenQuestion is not null))
            {
                q[ask.Key].ConditionQuestionId = q[ask.WhenQuestion!].Id;
                q[ask.Key].ConditionOptionIds = string.Join(',', ask.WhenOptions!.Select(o => options[o].Id.Inv()));
            }
            await db.SaveChangesAsync();
            return new BuiltSurvey(survey.Id, q.ToDictionary(x => x.Key, x => x.Value.Id), options.ToDictionary(x => x.Key, x => x.Value.Id));
        });

    public static Task<int> ResponsesAsync(this ParvisFactory app, BuiltSurvey survey, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) => db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id));

    public static Task<int> AnswerRowsAsync(this ParvisFactory app, BuiltSurvey survey) =>
        app.InAAsync(async db => await db.SurveyAnswerChoices.CountAsync(c => c.SurveyId == survey.Id)
            + await db.SurveyTextAnswers.CountAsync(t => t.SurveyId == survey.Id));

    /// <summary>Answers written as the answering page writes them (a marker row and one row per option), with the verified territory and age.</summary>
    public static Task SeedAnswersAsync(this ParvisFactory app, BuiltSurvey survey, string question, string option, int count,
        int? territory = null, AgeBracket? age = null) =>
        app.InAAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var response = new SurveyResponse
                {
                    SurveyId = survey.Id,
                    DeviceKey = Guid.NewGuid().ToString("N"),
                    Channel = Channel.Online,
                    TerritoryId = territory,
                    AgeBracket = age,
                    SubmittedAt = DateTime.UtcNow,
                    UpdatedAt = DateTime.UtcNow,
                };
                db.SurveyResponses.Add(response);
                await db.SaveChangesAsync();
                foreach (var optionId in new int?[] { null, survey.O[option] })
                    db.SurveyAnswerChoices.Add(new SurveyAnswerChoice
                    {
                        SurveyId = survey.Id,
                        ResponseId = response.Id,
                        QuestionId = survey.Q[question],
                        OptionId = optionId,
                        Channel = Channel.Online,
                        TerritoryId = territory,
                        AgeBracket = age,
                    });
            }
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>The names of the questions a step asks, as a person sees them.</summary>
    public static IReadOnlyList<string> Asked(this IHtmlDocument page) =>
        [.. page.QuerySelectorAll($"{Form} .survey-question legend, {Form} .survey-question > label").Select(e => e.TextContent.TrimEnd('*', ' '))];

    /// <summary>Posts the step's form as a browser would: its hidden fields (step, token, earlier answers) and the answers given.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, IHtmlDocument page, string url, params (string Name, string Value)[] answers)
    {
        var form = page.QuerySelector(Form) ?? throw new InvalidOperationException($"No survey form on {url}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(answers.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return client.PostAsync(form.GetAttribute("action") ?? url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a step and reads the page that follows (the next step, or the page redirected to).</summary>
    public static async Task<IHtmlDocument> AnswerAndReadAsync(this HttpClient client, IHtmlDocument page, string url, params (string Name, string Value)[] answers)
    {
        var response = await client.AnswerAsync(page, url, answers);
        if (response.StatusCode == System.Net.HttpStatusCode.Redirect) return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return HtmlClient.Parse(await response.Content.ReadAsStringAsync());
    }
}
