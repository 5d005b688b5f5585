using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;
using UglyToad.PdfPig;

namespace Parvis.BrowserTests;

/// <summary>A survey's printed kit in a browser: printing its sheets, entering one from its reference, seeing it counted.</summary>
[Collection(BrowserCollection.Name)]
public partial class SurveyKitJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways at 360 px");

    /// <summary>A published survey of the agent's service, anonymous, results public: "Venez-vous ?" (Oui/Non).</summary>
    private Task<int> SurveyAsync(string title) => _app.InAAsync(async db =>
    {
        var survey = new Survey
        {
            Title = title,
            TerritoryId = await db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
            AnswerLevel = ParticipationLevel.Anyone,
            PublicResults = true,
            ServiceName = "Service urbanisme",
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        var section = new SurveySection { SurveyId = survey.Id, Position = 1, Title = "Partie 1" };
        db.SurveySections.Add(section);
        await db.SaveChangesAsync();
        var question = new SurveyQuestion { SurveyId = survey.Id, SectionId = section.Id, Position = 1, Kind = SurveyQuestionKind.SingleChoice, Text = "Venez-vous ?" };
        db.SurveyQuestions.Add(question);
        await db.SaveChangesAsync();
        db.SurveyOptions.AddRange(new SurveyOption { QuestionId = question.Id, Position = 1, Text = "Oui" },
            new SurveyOption { QuestionId = question.Id, Position = 2, Text = "Non" });
        survey.Publish(DateTime.UtcNow, [question.Kind]);
        await db.SaveChangesAsync();
        return survey.Id;
    });

    [GeneratedRegex("Q[0-9]+-[0-9]{4}-[A-Z]")]
    private static partial Regex SheetReference();

    [Fact]
    public async Task An_agent_prints_a_survey_kit_enters_a_sheet_from_its_reference_with_the_keyboard_and_sees_it_counted_on_paper()
    {
        var id = await SurveyAsync("Kit d'enquête " + Guid.NewGuid().ToString("N")[..6]);
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync($"/admin/enquetes/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kit papier et affiche" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await page.GetByLabel("Nombre de feuilles à imprimer").FillAsync("2");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Imprimer les feuilles (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Venez-vous ?", text, StringComparison.Ordinal);
        var references = SheetReference().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(2, references.Count);
        var poster = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Affiche A3 (PDF)" }).ClickAsync());
        Assert.Equal($"affiche-enquete-{id}-a3.pdf", poster.SuggestedFilename);

        // Without JavaScript, on a phone, with the keyboard: the shared entry page, then the survey's paper form.
        var agent = await fixture.NewPageAsync(width: 360, javaScript: false);
        await agent.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await agent.GotoAsync("/admin/saisie-papier");
        await agent.GetByLabel("Référence de la feuille").FillAsync(references[1].ToLowerInvariant());
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.GetByLabel("Référence de la feuille")).ToHaveValueAsync(references[1]);
        await agent.AssertAccessibleAsync();
        await AssertFitsAsync(agent);
        await agent.GetByLabel("Oui", new() { Exact = true }).FocusAsync();
        await agent.Keyboard.PressAsync("Space");
        await Assertions.Expect(agent.GetByLabel("Oui", new() { Exact = true })).ToBeCheckedAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse papier" }).FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("Réponse papier enregistrée.");

        // The same sheet a second time: said so on the entry page.
        await agent.GotoAsync("/admin/saisie-papier");
        await agent.GetByLabel("Référence de la feuille").FillAsync(references[1]);
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.Locator("main")).ToContainTextAsync("Cette feuille a déjà été saisie.");
        await agent.AssertAccessibleAsync();

        await agent.GotoAsync($"/enquetes/{id}/resultats");
        await Assertions.Expect(agent.Locator(".survey-total")).ToContainTextAsync("dont 0 en ligne et 1 sur papier");
    }
}
