using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>Staff write a survey (settings, sections, questions of every kind, a condition), publish it, and can no longer change its questions.</summary>
[Collection(AppCollection.Name)]
public class SurveyAuthoringTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Question(string kind, string text, string? options = null, string? rows = null) => new()
    {
        ["Question.Kind"] = kind,
        ["Question.Text"] = text,
        ["Question.Options"] = options,
        ["Question.Rows"] = rows,
    };

    private static async Task<string> NoticeAsync(HttpClient staff, string url, string form, Dictionary<string, string?> values)
    {
        var page = await staff.SubmitAndReadAsync(url, form, values);
        Assert.True(page.Errors().Count == 0, string.Join(" | ", page.Errors()));
        return page.QuerySelector(".notice")?.TextContent ?? "";
    }

    [Fact]
    public async Task An_agent_writes_every_kind_of_question_with_a_condition_publishes_and_the_questions_are_then_frozen()
    {
        var title = SurveyStaffData.NewTitle("Place de la Gare");
        var agent = await _app.SignedInAsync("agent");
        var created = await agent.SubmitAsync("/admin/enquetes/nouvelle", SurveyStaffData.SettingsForm, await _app.ValidAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var survey = await _app.InAAsync(db => db.Surveys.AsNoTracking().SingleAsync(s => s.Title == title));
        Assert.Equal($"/admin/enquetes/{survey.Id}", url);
        Assert.Equal(("Service urbanisme", ParticipationLevel.Anyone, "Dites-nous **tout**."), (survey.ServiceName, survey.AnswerLevel, survey.IntroMarkdown));

        Assert.Equal("Partie ajoutée.", await NoticeAsync(agent, url, "form[action*=AddSection]", new() { ["sectionTitle"] = "Vos habitudes" }));
        var sections = await _app.InAAsync(db => db.SurveySections.Where(s => s.SurveyId == survey.Id).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync());
        Assert.Equal(2, sections.Count);
        Assert.Equal("Partie renommée.", await NoticeAsync(agent, url, $"form[action*=RenameSection]:has(input[value='{sections[0]}'])",
            new() { ["sectionTitle"] = "Vous" }));

        var first = Question("SingleChoice", "Venez-vous à la gare ?", "Oui\nNon\n");
        first["Question.SectionId"] = sections[0].Id();
        await NoticeAsync(agent, url, "form[action*=AddQuestion]", first);
        var options = await _app.InAAsync(db => db.SurveyOptions.Where(o => db.SurveyQuestions.Any(q => q.Id == o.QuestionId && q.SurveyId == survey.Id))
            .OrderBy(o => o.Position).Select(o => new { o.Id, o.QuestionId, o.Text }).ToListAsync());
        Assert.Equal(["Oui", "Non"], options.Select(o => o.Text));

        // A condition on a question of the same part is refused: the part shows whole, before its answers are known.
        var sameSection = Question("ShortText", "Pourquoi ?");
        sameSection["Question.SectionId"] = sections[0].Id();
        sameSection["Question.Condition"] = $"{options[0].QuestionId}:{options[0].Id}";
        Assert.Contains("Une condition porte sur une question d'une partie précédente : une partie s'affiche d'un bloc.",
            (await agent.SubmitAndReadAsync(url, "form[action*=AddQuestion]", sameSection)).Errors());

        var multiple = Question("MultipleChoice", "Comment venez-vous ?", "À pied\nÀ vélo\nEn bus\nEn voiture");
        multiple["Question.MaxChoices"] = "2";
        multiple["Question.Required"] = "true";
        var scale = Question("Scale", "Votre satisfaction ?");
        scale["Question.Scale"] = "0-10";
        scale["Question.LowLabel"] = "Pas du tout";
        scale["Question.HighLabel"] = "Tout à fait";
        var conditional = Question("LongText", "Qu'est-ce qui vous gêne ?");
        conditional["Question.Help"] = "Quelques mots suffisent.";
        conditional["Question.Condition"] = $"{options[0].QuestionId}:{options[0].Id}";
        foreach (var q in new[]
        {
            multiple, scale, conditional, Question("Ranking", "Classez", "Bancs\nArbres\nFontaine"),
            Question("Matrix", "Notez chaque lieu", "Bien\nMal", "Parvis\nQuais"), Question("ShortText", "Un mot ?"),
            Question("Number", "Combien de fois par semaine ?"), Question("Date", "Depuis quand ?"),
        })
        {
            q["Question.SectionId"] = sections[1].Id();
            Assert.Equal("Question ajoutée.", await NoticeAsync(agent, url, "form[action*=AddQuestion]", q));
        }
        var questions = await _app.InAAsync(db => db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == survey.Id).ToListAsync());
        Assert.Equal(9, questions.Count);
        var stored = questions.Single(q => q.Kind == SurveyQuestionKind.Scale);
        Assert.Equal((0, 10, "Pas du tout", "Tout à fait"), (stored.ScaleMin, stored.ScaleMax, stored.LowLabel, stored.HighLabel));
        Assert.Equal((2, true), (questions.Single(q => q.Kind == SurveyQuestionKind.MultipleChoice).MaxChoices!.Value, questions.Single(q => q.Kind == SurveyQuestionKind.MultipleChoice).Required));
        var text = questions.Single(q => q.Kind == SurveyQuestionKind.LongText);
        Assert.Equal((options[0].QuestionId, options[0].Id.Id(), "Quelques mots suffisent."), (text.ConditionQuestionId!.Value, text.ConditionOptionIds, text.Help));
        var matrix = questions.Single(q => q.Kind == SurveyQuestionKind.Matrix);
        Assert.Equal(2, await _app.InAAsync(db => db.SurveyOptions.CountAsync(o => o.QuestionId == matrix.Id && o.IsRow)));

        // The second part depends on the first (the condition): it cannot move before it.
        var move = await agent.SubmitAndReadAsync(url, $"form[action*=MoveSection]:has(input[value='{sections[1]}'])", new Dictionary<string, string?>());
        Assert.Contains("Une question de cette partie dépend d'une question de l'autre : ce déplacement est impossible.", move.Errors());

        var page = await agent.GetDocumentAsync(url);
        Assert.Contains("Posée seulement si « Venez-vous à la gare ? » a reçu : Oui.", page.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal("Enquête publiée : elle est ouverte aux réponses.", await NoticeAsync(agent, url, "form[action*=Publish]", new()));
        Assert.NotNull(await _app.InAAsync(db => db.Surveys.Where(s => s.Id == survey.Id).Select(s => s.PublishedAt).SingleAsync()));

        // Published: no form changes the questions any more, and a forged post is refused in French.
        page = await agent.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form[action*=AddQuestion]"));
        Assert.Null(page.QuerySelector("form[action*=RemoveQuestion]"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("AddQuestion", new() { ["Question.Kind"] = "ShortText", ["Question.Text"] = "Ajoutée après coup", ["Question.SectionId"] = sections[0].Id() }),
            ("RemoveQuestion", new() { ["questionId"] = text.Id.Id() }),
            ("AddSection", new() { ["sectionTitle"] = "Trop tard" }),
            ("RenameSection", new() { ["sectionId"] = sections[0].Id(), ["sectionTitle"] = "Trop tard" }),
            ("MoveSection", new() { ["sectionId"] = sections[0].Id(), ["up"] = "false" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await agent.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Une enquête publiée ne peut plus changer ses questions.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        var after = await _app.InAAsync(async db => (await db.SurveyQuestions.CountAsync(q => q.SurveyId == survey.Id),
            await db.SurveySections.Where(s => s.SurveyId == survey.Id).OrderBy(s => s.Position).Select(s => s.Title).ToListAsync()));
        Assert.Equal(9, after.Item1);
        Assert.Equal(["Vous", "Vos habitudes"], after.Item2);

        // Settings that do not change what answers mean stay editable; who may answer does not.
        var settings = await _app.ValidAsync("Nouveau titre " + title);
        settings["Form.AnswerLevel"] = "ConfirmedAccount";
        Assert.Equal("Enquête enregistrée.", await NoticeAsync(agent, url, SurveyStaffData.SettingsForm, settings));
        var changed = await _app.InAAsync(db => db.Surveys.AsNoTracking().SingleAsync(s => s.Id == survey.Id));
        Assert.Equal(("Nouveau titre " + title, ParticipationLevel.Anyone), (changed.Title, changed.AnswerLevel));

        Assert.Equal("Enquête close.", await NoticeAsync(agent, url, "form[action*=Close]", new()));
        Assert.Equal(["survey.create", "survey.add-section", "survey.rename-section", "survey.add-question", "survey.publish", "survey.update", "survey.close"],
            (await _app.AuditAsync(survey.Id)).Distinct());
        Assert.Contains("Close", (await agent.GetDocumentAsync("/admin/enquetes")).QuerySelector($"tr:has(a[href='{url}'])")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_survey_without_a_question_is_refused_in_french()
    {
        var survey = (await _app.NewSurveyAsync(published: false, withQuestions: false)).Survey;
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/admin/enquetes/{survey}", "form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Contains("Ajoutez au moins une question avant de publier.", page.Errors());
        Assert.Null(await _app.InAAsync(db => db.Surveys.Where(s => s.Id == survey).Select(s => s.PublishedAt).SingleAsync()));
        Assert.Empty(await _app.AuditAsync(survey));
    }

    [Fact]
    public async Task A_quick_question_is_published_only_as_one_question_answered_in_a_click_or_a_sentence()
    {
        var made = await _app.NewSurveyAsync(published: false);
        await _app.InAAsync(db => db.Surveys.Where(s => s.Id == made.Survey).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsQuickQuestion, true)));
        var agent = await _app.SignedInAsync("agent");
        async Task<IReadOnlyList<string>> PublishAsync() =>
            (await agent.SubmitAndReadAsync($"/admin/enquetes/{made.Survey}", "form[action*=Publish]", new Dictionary<string, string?>())).Errors();

        Assert.Contains("Une question rapide compte une seule question.", await PublishAsync());
        // Only the long text left: not a click nor a sentence.
        await _app.InAAsync(async db =>
        {
            await db.SurveyQuestions.Where(q => q.Id == made.Text).ExecuteUpdateAsync(u => u.SetProperty(q => q.ConditionQuestionId, (int?)null));
            return await db.SurveyQuestions.Where(q => q.Id == made.Choice).ExecuteDeleteAsync();
        });
        Assert.Contains("Une question rapide se répond d'un clic ou d'une phrase : choix unique ou texte court.", await PublishAsync());
        Assert.Null(await _app.InAAsync(db => db.Surveys.Where(s => s.Id == made.Survey).Select(s => s.PublishedAt).SingleAsync()));

        await _app.InAAsync(db => db.SurveyQuestions.Where(q => q.Id == made.Text)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Kind, SurveyQuestionKind.ShortText)));
        Assert.Empty(await PublishAsync());
        Assert.NotNull(await _app.InAAsync(db => db.Surveys.Where(s => s.Id == made.Survey).Select(s => s.PublishedAt).SingleAsync()));
    }

    [Theory]
    [InlineData("Form.Title", "", "Le titre doit compter de 1 à 200 caractères.")]
    [InlineData("Form.TerritoryId", "", "Choisissez le territoire de l'enquête.")]
    [InlineData("Form.TerritoryId", "999999", "Choisissez le territoire de l'enquête.")]
    [InlineData("Form.ProjectId", "999999", "Ce projet n'existe pas.")]
    [InlineData("Form.MinimumAge", "18", "Un âge minimum demande un compte vérifié : choisissez au moins « un compte ».")]
    [InlineData("Form.MinimumAge", "12", "Choisissez un âge minimum de 16 ou 18 ans.")]
    [InlineData("Form.AnswerLevel", "AnyoneWithConfirmedEmail", "Choisissez qui peut répondre : tout le monde, un compte, ou une qualité vérifiée.")]
    [InlineData("Form.ClosesAt", "2001-01-01T10:00", "La date de clôture doit être à venir.")]
    [InlineData("Form.ClosesAt", "bientôt", "Une date ou un nombre du formulaire n'est pas lisible.")]
    public async Task Bad_settings_get_a_french_message_and_nothing_is_saved(string field, string value, string message)
    {
        var title = SurveyStaffData.NewTitle("Refusée");
        var values = await _app.ValidAsync(title);
        values[field] = value;
        var agent = await _app.SignedInAsync("agent");
        var response = await agent.SubmitAsync("/admin/enquetes/nouvelle", SurveyStaffData.SettingsForm, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Surveys.CountAsync(s => s.Title == title)));
    }

    [Theory]
    [InlineData("ShortText", "", null, null, "Le texte de la question doit compter de 1 à 500 caractères.")]
    [InlineData("SingleChoice", "Un seul choix ?", "Oui", null, "Indiquez au moins deux réponses possibles, une par ligne.")]
    [InlineData("SingleChoice", "Deux fois ?", "Oui\noui", null, "Deux réponses possibles sont identiques.")]
    [InlineData("Matrix", "Sans lignes ?", "Bien\nMal", "", "Indiquez au moins une ligne de la matrice, une par ligne.")]
    [InlineData("MultipleChoice", "Trop de choix ?", "A\nB", "max:3", "Le nombre maximal de choix dépasse le nombre de réponses possibles.")]
    [InlineData("MultipleChoice", "Zéro choix ?", "A\nB", "max:0", "Le nombre maximal de choix doit être d'au moins 1.")]
    [InlineData("ShortText", "Condition fausse ?", null, "condition:1:2", "Une condition porte sur une question à choix placée avant celle-ci.")]
    [InlineData("ShortText", "Condition illisible ?", null, "condition:abc", "Cette condition n'est pas valide.")]
    [InlineData("Astrologie", "Type inconnu ?", null, null, "Une date ou un nombre du formulaire n'est pas lisible.")]
    public async Task Bad_questions_get_a_french_message_and_nothing_is_saved(string kind, string text, string? options, string? extra, string message)
    {
        var survey = await _app.NewSurveyAsync(published: false, withQuestions: false);
        var values = Question(kind, text, options, extra is null || extra.Contains(':', StringComparison.Ordinal) ? null : extra);
        if (extra?.StartsWith("max:", StringComparison.Ordinal) == true) values["Question.MaxChoices"] = extra[4..];
        if (extra?.StartsWith("condition:", StringComparison.Ordinal) == true) values["Question.Condition"] = extra[10..];
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.GetDocumentAsync($"/admin/enquetes/{survey.Survey}");
        var response = await agent.SubmitAsync(page, $"/admin/enquetes/{survey.Survey}", "form[action*=AddQuestion]", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, shown.Errors());
        // What was typed is kept for a correction.
        Assert.Equal(text, shown.QuerySelector("#Question_Text")!.GetAttribute("value") ?? "");
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyQuestions.CountAsync(q => q.SurveyId == survey.Survey)));
    }
}
