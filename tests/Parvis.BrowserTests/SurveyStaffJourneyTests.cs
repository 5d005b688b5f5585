using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Surveys for staff in a browser: writing a survey with the keyboard, without JavaScript, on a phone and a desk.</summary>
[Collection(BrowserCollection.Name)]
public class SurveyStaffJourneyTests(BrowserFixture fixture)
{
    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways at 360 px");

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task An_agent_writes_a_survey_with_the_keyboard_and_publishes_it(int width)
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: width);
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync("/admin/enquetes");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle enquête" }).ClickAsync();
        await page.AssertAccessibleAsync();
        if (width == 360) await AssertFitsAsync(page);

        var title = "Vos trajets " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Territoire").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Pour répondre, il faut").SelectOptionAsync(new SelectOptionValue { Label = "rien : participation anonyme possible" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Enquête « {title} »");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Enquête enregistrée en brouillon");
        await page.AssertAccessibleAsync();
        if (width == 360) await AssertFitsAsync(page);

        var add = page.Locator("form[action*=AddQuestion]");
        await add.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Choix unique" });
        await add.GetByLabel("Texte de la question").FillAsync("Venez-vous à vélo ?");
        await add.GetByLabel("Réponses possibles, une par ligne").FillAsync("Oui\nNon");
        await add.GetByRole(AriaRole.Button, new() { Name = "Ajouter la question" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Question ajoutée.");

        // A second part, whose question is asked only to those who answered "Oui" in the first.
        await page.Locator("#nouvelle-partie").FillAsync("Votre vélo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la partie" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Partie ajoutée.");
        await add.GetByLabel("Partie", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Votre vélo" });
        await add.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Texte long" });
        await add.GetByLabel("Texte de la question").FillAsync("Où garez-vous votre vélo ?");
        await add.GetByLabel("Condition : poser cette question seulement pour ces réponses").SelectOptionAsync(new SelectOptionValue { Label = "Oui" });
        await add.GetByRole(AriaRole.Button, new() { Name = "Ajouter la question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Question ajoutée.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Posée seulement si « Venez-vous à vélo ? » a reçu : Oui.");
        await page.AssertAccessibleAsync();
        if (width == 360) await AssertFitsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publier l'enquête" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Enquête publiée");
        await Assertions.Expect(page.Locator("form[action*=AddQuestion]")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Saisir une réponse papier" }).ClickAsync();
        await page.GetByLabel("Oui", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Où garez-vous votre vélo ?").FillAsync("Devant la mairie");
        await page.AssertAccessibleAsync();
        if (width == 360) await AssertFitsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse papier" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Réponse papier enregistrée.");

        await page.GotoAsync(page.Url.Replace("/papier", "/reponses", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".survey-texts")).ToContainTextAsync("Devant la mairie");
        await page.AssertAccessibleAsync();
        if (width == 360) await AssertFitsAsync(page);
    }
}
