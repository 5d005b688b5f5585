using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// Surveys in a browser: the place de la Gare's survey answered with the keyboard (its cyclists' question appearing for a
/// cyclist), then its chart and table; the same without JavaScript; the quick question in one click; axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SurveyJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> IdAsync(string title) => _app.InAAsync(db => db.Surveys.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());

    private static ILocator Question(IPage page, string text) =>
        page.Locator(".survey-question", new() { Has = page.Locator("legend, label", new() { HasText = text }) }).First;

    private static async Task PressAsync(ILocator control, string key = "Space")
    {
        await control.FocusAsync();
        await control.PressAsync(key);
    }

    [Fact]
    public async Task Answering_with_the_keyboard_a_conditional_question_appears_then_the_chart_and_its_table()
    {
        var id = await IdAsync(DemoSurveys.GareSurvey);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/enquetes/{id}");
        await Assertions.Expect(page.Locator(".notice").First).ToContainTextAsync("une réponse par appareil");
        await page.AssertAccessibleAsync();

        await PressAsync(Question(page, "Comment venez-vous").GetByLabel("À vélo"));
        await PressAsync(Question(page, "Qu'est-ce qui manque").GetByLabel("Des bancs"));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }), "Enter");

        var parking = page.GetByLabel("Où garez-vous votre vélo aujourd'hui ?");
        await Assertions.Expect(parking).ToBeVisibleAsync();
        await parking.FocusAsync();
        await page.Keyboard.TypeAsync("Contre la grille");
        await PressAsync(Question(page, "Quelle note").GetByLabel("7", new() { Exact = true }));
        await page.AssertAccessibleAsync();
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }), "Enter");
        await Assertions.Expect(page.Locator("form.survey-form h2")).ToContainTextAsync("Étape 3 sur 3");
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }), "Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/enquetes/{id}/resultats$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Merci, votre réponse est enregistrée.");
        await Assertions.Expect(page.Locator(".survey-total")).ToContainTextAsync(new Regex("^32[1-9] réponses"));
        var mode = page.Locator(".survey-result", new() { Has = page.Locator("h2", new() { HasText = "Comment venez-vous" }) });
        await Assertions.Expect(mode.Locator("svg.chart rect.bar")).ToHaveCountAsync(4);
        await Assertions.Expect(mode.Locator("svg.chart")).ToBeVisibleAsync();
        // The chart's description and the table give the same figures.
        var rows = await mode.Locator(".survey-figures tbody tr").AllAsync();
        var description = await mode.Locator("svg.chart desc").TextContentAsync();
        foreach (var row in rows)
        {
            var label = await row.Locator("th").TextContentAsync();
            var cells = await row.Locator("td").AllTextContentsAsync();
            Assert.Contains($"{label} : {cells[0]} ({cells[1]})", description, StringComparison.Ordinal);
        }
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Without_javascript_the_survey_is_answered_step_by_step()
    {
        var id = await IdAsync(DemoSurveys.GareSurvey);
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync($"/enquetes/{id}");
        await page.AssertAccessibleAsync();
        await Question(page, "Comment venez-vous").GetByLabel("À pied").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Où garez-vous votre vélo aujourd'hui ?")).ToHaveCountAsync(0);
        // The required note left out: the step comes back with its message.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Cette question demande une réponse.");
        await page.AssertAccessibleAsync();
        await Question(page, "Quelle note").GetByLabel("3", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await page.GetByLabel("Combien de fois par semaine").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/enquetes/{id}/resultats$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Merci, votre réponse est enregistrée.");
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the results scroll sideways at 360 px");
    }

    [Fact]
    public async Task The_quick_question_of_the_project_is_answered_in_one_click()
    {
        var project = await _app.InAAsync(db => db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync());
        var page = await fixture.NewPageAsync(width: 360);
        await page.GotoAsync($"/projets/{project}");
        var quick = page.Locator("section.quick-question");
        await Assertions.Expect(quick.Locator("legend")).ToHaveTextAsync(DemoSurveys.GareQuickQuestion);
        await page.AssertAccessibleAsync();
        await PressAsync(quick.GetByRole(AriaRole.Button, new() { Name = "Oui" }), "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/enquetes/\\d+/resultats$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Merci, votre réponse est enregistrée.");
        await Assertions.Expect(page.Locator(".survey-figures tbody tr").First).ToContainTextAsync("Oui");
        await page.GotoAsync($"/projets/{project}");
        await Assertions.Expect(quick).ToContainTextAsync("Vous avez répondu à cette question, merci.");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task The_survey_pages_pass_axe(int width)
    {
        var id = await IdAsync(DemoSurveys.GareSurvey);
        var page = await fixture.NewPageAsync(width: width);
        foreach (var url in new[] { "/enquetes", $"/enquetes/{id}", $"/enquetes/{id}/resultats", $"/enquetes/{id}/resultats?age=From30To39" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{url} scrolls sideways at {width} px");
        }
    }
}
