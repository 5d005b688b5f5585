using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Anonymity choices and display identity, as a person meets them in the browser.</summary>
[Collection(BrowserCollection.Name)]
public class ParticipationTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_visitor_contributes_anonymously_where_allowed_after_confirming_by_e_mail_and_is_asked_to_sign_in_where_not()
    {
        var open = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail, "Espace ouvert " + Guid.NewGuid().ToString("N")[..6]);
        var closed = await _app.NewOpenConsultationAsync(title: "Espace avec compte " + Guid.NewGuid().ToString("N")[..6]);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/concertations/{closed}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".needs")).ToContainTextAsync("Pour contribuer, connectez-vous ou créez un compte.");
        await page.AssertAccessibleAsync();

        var email = $"sans-compte-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync($"/concertations/{open}");
        await Assertions.Expect(page.Locator("form[action*=Contribute]")).ToContainTextAsync("publiée sous le nom « Anonyme »");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Votre contribution").FillAsync("Des bancs à l'ombre près de l'aire de jeux.");
        await page.GetByLabel("Votre adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("un lien vous a été envoyé");

        var link = TestSmtpServer.LinkIn(await _app.Smtp.WaitForAsync(email));
        await page.GotoAsync(link);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer et publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Par Anonyme");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(email);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_verified_resident_publishes_under_a_partial_name_with_a_badge_and_the_page_is_kept_out_of_search_engines()
    {
        var id = await _app.NewOpenConsultationAsync(c =>
        {
            c.Rules.AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.PartialName | DisplayChoices.Anonymous;
        }, "Espace au choix " + Guid.NewGuid().ToString("N")[..6]);
        var email = await _app.NewCitizenAsync(firstName: "Arnaud", lastName: "Roussel");
        await _app.VerifyAsync(email, residentOf: "Quartier de la Gare", age: AgeBracket.From30To39);
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(email);

        await page.GotoAsync("/compte/identite");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("habitant vérifié · Quartier de la Gare");
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/concertations/{id}");
        await page.GetByLabel("Votre contribution").FillAsync("Un passage piéton devant l'école.");
        await page.GetByLabel("Prénom et initiale du nom").CheckAsync();
        await page.GetByLabel("habitant vérifié · Quartier de la Gare").CheckAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Par Arnaud R.");
        await Assertions.Expect(page.Locator("main .badge.verified")).ToHaveTextAsync("habitant vérifié · Quartier de la Gare");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Roussel");
        await Assertions.Expect(page.Locator("meta[name=robots]")).ToHaveAttributeAsync("content", "noindex");
        await Assertions.Expect(page.Locator("a[href^='/profils/']")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        Assert.Equal(DisplayIdentity.PartialName, await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.DisplayAs).SingleAsync()));
    }

    [Fact]
    public async Task A_resident_only_space_explains_the_ways_to_be_verified()
    {
        var commune = await _app.TerritoryIdAsync("Ville A");
        var id = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = commune; c.Rules.Contribute = ParticipationLevel.VerifiedResident; });
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync($"/concertations/{id}");
        await Assertions.Expect(page.Locator(".needs")).ToContainTextAsync("Pour contribuer, confirmez que vous habitez Ville A");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "en vous présentant en mairie" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mairie")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
