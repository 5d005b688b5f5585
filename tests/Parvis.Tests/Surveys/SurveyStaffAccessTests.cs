using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>Who reaches the staff pages of surveys: the authorization matrix, the service rule, and another organization's surveys.</summary>
[Collection(AppCollection.Name)]
public class SurveyStaffAccessTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static readonly string[] Gets = ["", "/nouvelle", "/{id}", "/{id}/reponses", "/{id}/reponses?handler=Csv", "/{id}/papier"];

    private static readonly string[] Posts =
    [
        "/nouvelle", "/{id}", "/{id}?handler=Publish", "/{id}?handler=Close", "/{id}?handler=AddSection", "/{id}?handler=RenameSection",
        "/{id}?handler=MoveSection", "/{id}?handler=AddQuestion", "/{id}?handler=RemoveQuestion", "/{id}/reponses?handler=Hide",
        "/{id}/reponses?handler=Show", "/{id}/papier",
    ];

    private static async Task<string> TokenAsync(HttpClient client) =>
        ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
            ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;

    /// <summary>Every staff route, requested with a form token and no other field (nothing changes: each form is refused).</summary>
    private static async Task<List<(string Route, HttpResponseMessage Response)>> RequestAllAsync(HttpClient client, int survey)
    {
        var token = await TokenAsync(client);
        var answers = new List<(string, HttpResponseMessage)>();
        foreach (var route in Gets)
        {
            var url = "/admin/enquetes" + route.Replace("{id}", survey.Id(), StringComparison.Ordinal);
            answers.Add(("GET " + url, await client.GetAsync(url)));
        }
        foreach (var route in Posts)
        {
            var url = "/admin/enquetes" + route.Replace("{id}", survey.Id(), StringComparison.Ordinal);
            answers.Add(("POST " + url, await client.PostAsync(url,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        }
        return answers;
    }

    [Theory]
    [InlineData("anonymous", "/compte/connexion")]
    [InlineData("citizen", "/compte/acces-refuse")]
    [InlineData("moderation", "/compte/acces-refuse")]
    [InlineData("elu", "/compte/acces-refuse")]
    [InlineData("admin of Ville B", "/compte/connexion")]
    public async Task People_without_the_permission_are_turned_away_from_every_staff_route(string person, string redirect)
    {
        var survey = (await _app.NewSurveyAsync(published: false, service: "Service urbanisme")).Survey;
        var client = person switch
        {
            "anonymous" => _app.ClientFor(ParvisFactory.HostA),
            "citizen" => (await _app.CitizenClientAsync()).Client,
            // Signed in on b.test: on a.test, nobody.
            "admin of Ville B" => await SignedInOnBThenAAsync(),
            _ => await _app.SignedInAsync(person),
        };
        foreach (var (route, response) in await RequestAllAsync(client, survey))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode}");
            Assert.StartsWith(redirect, response.Headers.Location!.OriginalString.Replace("http://a.test", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.Empty(await _app.AuditAsync(survey));
    }

    private async Task<HttpClient> SignedInOnBThenAAsync()
    {
        var b = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/admin/enquetes")).StatusCode);
        return _app.ClientFor(ParvisFactory.HostA);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("admin")]
    public async Task Staff_with_the_permission_reach_every_staff_route_of_their_service(string person)
    {
        var survey = (await _app.NewSurveyAsync(published: false, service: "Service urbanisme", withQuestions: false)).Survey;
        var client = await _app.SignedInAsync(person);
        foreach (var (route, response) in await RequestAllAsync(client, survey))
        {
            // Allowed: the page, the file, or the form shown again with its French message (no field was sent).
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {response.Headers.Location}");
            if (route.StartsWith("POST", StringComparison.Ordinal))
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        Assert.Null(await _app.InAAsync(db => db.Surveys.Where(s => s.Id == survey).Select(s => s.PublishedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_agent_manages_the_surveys_of_their_service_and_those_without_one_not_another_services()
    {
        var other = (await _app.NewSurveyAsync(service: "Service des sports")).Survey;
        var unassigned = (await _app.NewSurveyAsync()).Survey;
        var agent = await _app.SignedInAsync("agent");
        foreach (var (route, response) in await RequestAllAsync(agent, other))
        {
            if (route.EndsWith("/nouvelle", StringComparison.Ordinal) || route == "GET /admin/enquetes") continue;
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode}");
            Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.OriginalString.Replace("http://a.test", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        var list = await agent.GetStringAsync("/admin/enquetes");
        Assert.DoesNotContain($"/admin/enquetes/{other}\"", list, StringComparison.Ordinal);
        Assert.Contains($"/admin/enquetes/{unassigned}\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/admin/enquetes/{unassigned}")).StatusCode);
        var admin = await _app.SignedInAsync("admin");
        Assert.Contains($"/admin/enquetes/{other}\"", await admin.GetStringAsync("/admin/enquetes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_of_Ville_B_cannot_see_edit_or_export_a_survey_of_Ville_A_nor_the_reverse()
    {
        var a = await _app.NewSurveyAsync();
        await _app.AnswerAsync(a, "Réponse de Ville A");
        var b = await _app.NewSurveyAsync(organization: _app.OrganizationB);

        // The query filters: B's context sees none of A's rows, in any survey table.
        var seen = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) => (
            await db.Surveys.CountAsync(s => s.Id == a.Survey), await db.SurveySections.CountAsync(s => s.SurveyId == a.Survey),
            await db.SurveyQuestions.CountAsync(q => q.SurveyId == a.Survey), await db.SurveyOptions.CountAsync(o => o.QuestionId == a.Choice),
            await db.SurveyResponses.CountAsync(r => r.SurveyId == a.Survey), await db.SurveyAnswerChoices.CountAsync(c => c.SurveyId == a.Survey),
            await db.SurveyTextAnswers.CountAsync(t => t.SurveyId == a.Survey)));
        Assert.Equal((0, 0, 0, 0, 0, 0, 0), seen);

        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        foreach (var (route, response) in await RequestAllAsync(adminB, a.Survey))
        {
            if (route.EndsWith("/nouvelle", StringComparison.Ordinal) || route == "GET /admin/enquetes") continue;
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode}");
        }
        Assert.DoesNotContain($"/admin/enquetes/{a.Survey}\"", await adminB.GetStringAsync("/admin/enquetes"), StringComparison.Ordinal);
        Assert.Contains($"/admin/enquetes/{b.Survey}\"", await adminB.GetStringAsync("/admin/enquetes"), StringComparison.Ordinal);
        Assert.Empty(await _app.AuditAsync(a.Survey));

        // And A's staff do not reach B's survey.
        var adminA = await _app.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/admin/enquetes/{b.Survey}/reponses?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/admin/enquetes/{b.Survey}")).StatusCode);
    }
}
