using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Projects;

namespace Parvis.Tests.Surveys;

/// <summary>"Donnez une minute": a project's open quick question on its page, answered in one click, the results right after.</summary>
[Collection(AppCollection.Name)]
public class QuickQuestionTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_quick_question_on_a_project_page_is_answered_in_one_click_with_the_results_right_after()
    {
        var project = await _app.NewProjectAsync();
        var quick = await _app.NewSurveyAsync(SurveyData.OneChoice, x =>
        {
            x.IsQuickQuestion = true;
            x.PublicResults = false;
            x.AnswerLevel = ParticipationLevel.Anyone;
            x.ProjectId = project;
        });
        await _app.SeedAnswersAsync(quick, "avis", "non", 10);
        var device = _app.ClientFor(ParvisFactory.HostA);
        var page = await device.GetDocumentAsync($"/projets/{project}");
        var section = page.QuerySelector("section.quick-question")!;
        Assert.Equal("Êtes-vous pour une place piétonne ?", section.QuerySelector("legend")!.TextContent);
        Assert.Equal(["Oui", "Non", "Sans avis"], section.QuerySelectorAll("button").Select(b => b.TextContent));
        Assert.Contains("une réponse par appareil, pas par personne", section.TextContent, StringComparison.Ordinal);

        // One click: the button "Oui" is the answer.
        var response = await device.SubmitAsync(page, $"/projets/{project}", "section.quick-question form",
            new Dictionary<string, string?> { [quick.Field("avis")] = quick.Option("oui") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{quick.Url}/resultats", response.Headers.Location!.OriginalString);
        var results = await device.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Merci, votre réponse est enregistrée.", results.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Oui|1|9,1 %", "Non|10|90,9 %", "Sans avis|0|0 %"],
            results.QuerySelectorAll(".survey-figures tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))));

        // Back on the project, the device has answered: no buttons, the results link.
        section = (await device.GetDocumentAsync($"/projets/{project}")).QuerySelector("section.quick-question")!;
        Assert.Empty(section.QuerySelectorAll("button"));
        Assert.Contains("Vous avez répondu à cette question, merci.", section.TextContent, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector($"a[href='{quick.Url}/resultats']"));
        // Another visitor still gets the buttons (the answered page was not kept for others).
        var other = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/projets/{project}");
        Assert.Equal(3, other.QuerySelectorAll("section.quick-question button").Length);
        Assert.Equal(11, await _app.ResponsesAsync(quick));
    }

    [Fact]
    public async Task A_project_shows_only_its_own_open_quick_question()
    {
        var project = await _app.NewProjectAsync();
        var elsewhere = await _app.NewProjectAsync();
        await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.IsQuickQuestion, x.ProjectId) = (true, elsewhere));
        await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.IsQuickQuestion, x.ProjectId, x.ClosedAt) = (true, project, DateTime.UtcNow));
        await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.IsQuickQuestion, x.ProjectId) = (true, project), published: false);
        await _app.NewSurveyAsync(SurveyData.OneChoice,
            x => (x.IsQuickQuestion, x.ProjectId, x.ClosesAt) = (true, project, DateTime.UtcNow.AddMinutes(-1)));
        var (client, _) = await _app.CitizenClientAsync();
        Assert.Null((await client.GetDocumentAsync($"/projets/{project}")).QuerySelector("section.quick-question"));
        Assert.NotNull((await client.GetDocumentAsync($"/projets/{elsewhere}")).QuerySelector("section.quick-question"));
    }

    [Fact]
    public async Task A_quick_question_for_accounts_sends_a_visitor_to_sign_in_and_takes_one_click_once_signed_in()
    {
        var project = await _app.NewProjectAsync();
        var quick = await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.IsQuickQuestion, x.ProjectId) = (true, project));
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var response = await visitor.SubmitAsync($"/projets/{project}", "section.quick-question form",
            new Dictionary<string, string?> { [quick.Field("avis")] = quick.Option("oui") });
        Assert.StartsWith("/compte/connexion?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var (client, _) = await _app.CitizenClientAsync();
        response = await client.SubmitAsync($"/projets/{project}", "section.quick-question form",
            new Dictionary<string, string?> { [quick.Field("avis")] = quick.Option("sansavis") });
        Assert.Equal($"{quick.Url}/resultats", response.Headers.Location!.OriginalString);
        // Nothing chosen (a forged empty post): a message, nothing saved.
        var (other, _) = await _app.CitizenClientAsync();
        var empty = HtmlClient.Parse(await (await other.SubmitAsync($"/projets/{project}", "section.quick-question form",
            new Dictionary<string, string?>())).Content.ReadAsStringAsync());
        Assert.Contains("Cette question demande une réponse.", empty.Errors());
        Assert.Equal(1, await _app.ResponsesAsync(quick));
    }

    [Fact]
    public async Task The_home_page_asks_the_latest_open_quick_question_where_the_administrator_placed_it()
    {
        var quick = await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.IsQuickQuestion, x.AnswerLevel) = (true, ParticipationLevel.Anyone));
        // The latest published: other tests publish theirs as they run.
        await _app.InAAsync(db => db.Surveys.Where(s => s.Id == quick.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PublishedAt, DateTime.UtcNow.AddSeconds(1))));
        var device = _app.ClientFor(ParvisFactory.HostA);
        var home = await device.GetDocumentAsync("/");
        var section = home.QuerySelector("section.quick-question")!;
        Assert.Equal("Êtes-vous pour une place piétonne ?", section.QuerySelector("legend")!.TextContent);
        // In the default order: after what is open, before the projects.
        var headings = home.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.True(headings.IndexOf("Donnez une minute") > headings.IndexOf("Ouvertes aux contributions")
            && headings.IndexOf("Donnez une minute") < headings.IndexOf("Projets"), string.Join(" / ", headings));

        var response = await device.SubmitAsync(home, "/", "section.quick-question form",
            new Dictionary<string, string?> { [quick.Field("avis")] = quick.Option("non") });
        Assert.Equal($"{quick.Url}/resultats", response.Headers.Location!.OriginalString);
        Assert.Equal(1, await _app.ResponsesAsync(quick));
        Assert.Empty((await device.GetDocumentAsync("/")).QuerySelectorAll("section.quick-question button"));

        // Hidden by the administrator: no quick question on the home page, until shown again.
        var admin = await _app.SignedInAsync("admin");
        await admin.SubmitAndReadAsync("/admin/accueil", "li[data-kind=QuickQuestion] form[action*=Hide]", new Dictionary<string, string?>());
        try
        {
            Assert.Null((await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/")).QuerySelector("section.quick-question"));
        }
        finally
        {
            await admin.SubmitAndReadAsync("/admin/accueil", "li[data-kind=QuickQuestion] form[action*=Show]", new Dictionary<string, string?>());
        }
        Assert.NotNull((await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/")).QuerySelector("section.quick-question"));
    }
}
