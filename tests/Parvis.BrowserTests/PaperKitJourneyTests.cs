using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The printed kit in a browser: printing its sheets, then an agent entering a sheet from its reference.</summary>
[Collection(BrowserCollection.Name)]
public class PaperKitJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_agent_prints_the_kit_then_enters_a_paper_answer_from_the_sheets_reference_with_the_keyboard()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme", "Kit papier " + Guid.NewGuid().ToString("N")[..6]);
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync($"/concertations/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kit papier et affiche" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nombre de feuilles à imprimer").FillAsync("2");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Imprimer les feuilles (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(2, await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.PaperSheetsPrinted).SingleAsync()));

        var reference = new PaperSheetReference(PaperKitKind.Consultation, id, 2).ToString();
        var agent = await fixture.NewPageAsync(width: 360, javaScript: false);
        await agent.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await agent.GotoAsync("/");
        await agent.Locator("summary", new() { HasText = "Menu" }).FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Saisie papier" }).ClickAsync();
        await agent.AssertAccessibleAsync();
        await agent.GetByLabel("Référence de la feuille").FillAsync(reference.ToLowerInvariant());
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.GetByLabel("Référence de la feuille du kit papier")).ToHaveValueAsync(reference);
        await agent.Locator("#Offline_QuestionId").SelectOptionAsync(new SelectOptionValue { Label = "Deuxième question ?" });
        await agent.Locator("#Offline_Body").FillAsync("Écrit sur la feuille : un banc à l'ombre.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("La réponse de la feuille est enregistrée");
        await Assertions.Expect(agent.GetByLabel("Référence de la feuille du kit papier")).ToHaveValueAsync(reference);
        await agent.AssertAccessibleAsync();
        await Assertions.Expect(agent.Locator("main")).ToContainTextAsync("un banc à l'ombre");
    }
}
