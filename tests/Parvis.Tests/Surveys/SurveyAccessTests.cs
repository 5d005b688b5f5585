using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>Who may answer which survey, and when: the participation level, the device rule, the survey's state, the organization.</summary>
[Collection(AppCollection.Name)]
public class SurveyAccessTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_anonymous_survey_takes_one_answer_per_device_and_says_so()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.AnswerLevel = ParticipationLevel.Anyone);
        var device = _app.ClientFor(ParvisFactory.HostA);
        var page = await device.GetDocumentAsync(s.Url);
        Assert.Contains("une réponse par appareil (navigateur), pas par personne", page.Body!.TextContent, StringComparison.Ordinal);
        var form = page;
        Assert.Equal(HttpStatusCode.Redirect, (await device.AnswerAsync(form, s.Url, (s.Field("avis"), s.Option("oui")))).StatusCode);
        var saved = await _app.InAAsync(db => db.SurveyResponses.SingleAsync(r => r.SurveyId == s.Id));
        Assert.Null(saved.UserId);
        Assert.Matches("^[0-9A-F]{64}$", saved.DeviceKey!);

        // The same browser again: already answered, on the page and when an old form is posted.
        Assert.Contains("Vous avez déjà répondu à cette enquête.", (await device.GetDocumentAsync(s.Url)).Body!.TextContent, StringComparison.Ordinal);
        var again = await device.AnswerAndReadAsync(form, s.Url, (s.Field("avis"), s.Option("non")));
        Assert.Contains("Vous avez déjà répondu à cette enquête.", again.Errors());
        // Another browser is another device.
        var other = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.Redirect, (await other.AnswerAsync(await other.GetDocumentAsync(s.Url), s.Url, (s.Field("avis"), s.Option("non")))).StatusCode);
        Assert.Equal(2, await _app.ResponsesAsync(s));
    }

    [Fact]
    public async Task A_survey_for_accounts_sends_visitors_to_sign_in_and_says_nothing_about_devices()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync(s.Url);
        Assert.DoesNotContain("par appareil", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/compte/connexion?ReturnUrl=%2Fenquetes%2F{s.Id}']"));
        Assert.Null(page.QuerySelector(SurveyData.Form));
        var token = await TokenAsync(visitor);
        var response = await visitor.PostAsync(s.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("step", "0"),
            new(s.Field("avis"), s.Option("oui"))]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/compte/connexion?ReturnUrl=%2Fenquetes%2F{s.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.ResponsesAsync(s));
    }

    [Fact]
    public async Task A_survey_for_verified_residents_refuses_others_and_keeps_the_residents_quarter()
    {
        var gare = await _app.TerritoryIdAsync("Quartier de la Gare");
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x =>
        {
            x.AnswerLevel = ParticipationLevel.VerifiedResident;
            x.TerritoryId = gare;
        });
        var (client, email) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(s.Url);
        Assert.Contains("réservée aux habitants de Quartier de la Gare", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(SurveyData.Form));
        var forged = await client.PostAsync(s.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenAsync(client)),
            new("step", "0"), new(s.Field("avis"), s.Option("oui"))]));
        Assert.Contains("Cette action est réservée aux habitants de Quartier de la Gare dont la résidence est vérifiée.",
            HtmlClient.Parse(await forged.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await _app.ResponsesAsync(s));

        await _app.VerifyAsync(email, residentOf: "Quartier de la Gare", age: AgeBracket.From30To39);
        page = await client.GetDocumentAsync(s.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.AnswerAsync(page, s.Url, (s.Field("avis"), s.Option("oui")))).StatusCode);
        var saved = await _app.InAAsync(db => db.SurveyResponses.SingleAsync(r => r.SurveyId == s.Id));
        Assert.Equal((gare, AgeBracket.From30To39), (saved.TerritoryId, saved.AgeBracket));
        Assert.Equal(2, await _app.InAAsync(db => db.SurveyAnswerChoices.CountAsync(c => c.ResponseId == saved.Id && c.TerritoryId == gare && c.AgeBracket == AgeBracket.From30To39)));
    }

    [Fact]
    public async Task A_closed_or_unpublished_survey_cannot_be_answered()
    {
        var (client, _) = await _app.CitizenClientAsync();
        var draft = await _app.NewSurveyAsync(SurveyData.OneChoice, published: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(draft.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(draft.Url + "/resultats")).StatusCode);
        var token = await TokenAsync(client);
        var post = await client.PostAsync(draft.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("step", "0"),
            new(draft.Field("avis"), draft.Option("oui"))]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        foreach (var closedByStaff in new[] { true, false })
        {
            var s = await _app.NewSurveyAsync(SurveyData.OneChoice);
            var form = await client.GetDocumentAsync(s.Url);
            // Closed by the organizer, or past its closing date.
            await _app.InAAsync(db => closedByStaff
                ? db.Surveys.Where(x => x.Id == s.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.ClosedAt, DateTime.UtcNow))
                : db.Surveys.Where(x => x.Id == s.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));
            var page = await client.GetDocumentAsync(s.Url);
            Assert.Contains("Cette enquête est close", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector(SurveyData.Form));
            var refused = await client.AnswerAndReadAsync(form, s.Url, (s.Field("avis"), s.Option("oui")));
            Assert.Contains("Cette enquête n'est pas ouverte : il n'est pas possible d'y répondre.", refused.Errors());
            Assert.Equal(0, await _app.ResponsesAsync(s));
        }
    }

    [Fact]
    public async Task The_list_shows_published_surveys_and_not_drafts_or_quick_questions()
    {
        var open = await _app.NewSurveyAsync(SurveyData.OneChoice);
        var draft = await _app.NewSurveyAsync(SurveyData.OneChoice, published: false);
        var quick = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.IsQuickQuestion = true);
        var past = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.ClosesAt = DateTime.UtcNow.AddMinutes(-1));
        var list = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/enquetes");
        string State(string url) => list.QuerySelector($"li:has(a[href='{url}']) .meta")!.TextContent.Split(' ')[0];
        Assert.Equal(("Ouverte", "Close"), (State(open.Url), State(past.Url)));
        Assert.Null(list.QuerySelector($"a[href='{draft.Url}']"));
        Assert.Null(list.QuerySelector($"a[href='{quick.Url}']"));
    }

    [Fact]
    public async Task Nothing_of_another_organizations_surveys_is_reachable()
    {
        var b = await _app.NewSurveyAsync(SurveyData.Full, x => x.AnswerLevel = ParticipationLevel.Anyone, _app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var r = new SurveyResponse { SurveyId = b.Id, DeviceKey = "B", Channel = Channel.Online, SubmittedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.SurveyResponses.Add(r);
            await db.SaveChangesAsync();
            db.SurveyAnswerChoices.Add(new SurveyAnswerChoice { SurveyId = b.Id, ResponseId = r.Id, QuestionId = b.Q["mode"] });
            db.SurveyTextAnswers.Add(new SurveyTextAnswer { SurveyId = b.Id, ResponseId = r.Id, QuestionId = b.Q["autre"], Text = "B" });
            return await db.SaveChangesAsync();
        });
        var seen = await _app.InAAsync(async db => (await db.Surveys.CountAsync(x => x.Id == b.Id), await db.SurveySections.CountAsync(x => x.SurveyId == b.Id),
            await db.SurveyQuestions.CountAsync(x => x.SurveyId == b.Id), await db.SurveyOptions.CountAsync(x => x.QuestionId == b.Q["mode"]),
            await db.SurveyResponses.CountAsync(x => x.SurveyId == b.Id), await db.SurveyAnswerChoices.CountAsync(x => x.SurveyId == b.Id),
            await db.SurveyTextAnswers.CountAsync(x => x.SurveyId == b.Id), await db.SurveyTallies.CountAsync(x => x.SurveyId == b.Id)));
        Assert.Equal((0, 0, 0, 0, 0, 0, 0, 0), seen);
        // The counters exist, in their own organization only.
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.SurveyTallies.CountAsync(x => x.SurveyId == b.Id)));

        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var url in new[] { b.Url, b.Url + "/resultats" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var token = await TokenAsync(client);
        foreach (var url in new[] { b.Url, b.Url + "?handler=Quick" })
        {
            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("step", "0"), new(b.Field("mode"), b.Option("pied"))]));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Null((await client.GetDocumentAsync("/enquetes")).QuerySelector($"a[href='{b.Url}']"));
        Assert.Equal(1, await _app.ResponsesAsync(b, _app.OrganizationB));
    }

    /// <summary>A form token of this client, from a page with a form, for posts the survey's page does not offer.</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        foreach (var url in new[] { "/", "/compte/connexion" })
            if ((await client.GetDocumentAsync(url)).QuerySelector("input[name=__RequestVerificationToken]") is { } input)
                return input.GetAttribute("value")!;
        throw new InvalidOperationException("No form token.");
    }
}
