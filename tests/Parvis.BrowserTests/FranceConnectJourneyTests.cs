using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Features.DevIdentityProvider;
using Parvis.Features.FranceConnect;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// FranceConnect through the real redirects of the development provider, on the Kestrel port: Ville A
/// names its own address as issuer, and has Camille MARTIN on its electoral list in the Quartier de la Gare.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FranceConnectJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task EnableFranceConnectAsync()
    {
        await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            if (org.Identity.OidcIssuer is not null) return 0;
            org.Identity.EnabledMethods |= VerificationMethods.FranceConnect | VerificationMethods.Census;
            org.Identity.OidcIssuer = fixture.BaseUrl + "/";
            org.Identity.OidcClientId = DevIdentityProviderSetup.ClientId;
            org.Identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(OidcSettings.SecretPurpose).Protect(DevIdentityProviderSetup.ClientSecret);
            // Camille MARTIN is on the demo electoral list, in the Quartier de la Gare.
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache("127.0.0.1");
        _app.ForgetOrganizationCache(ParvisFactory.HostA);
    }

    [Fact]
    public async Task A_resident_verified_through_the_provider_can_then_contribute_where_only_residents_may()
    {
        await EnableFranceConnectAsync();
        var commune = await _app.InAAsync(db => db.Territories.Where(t => t.Kind == TerritoryKind.Commune).Select(t => t.Id).FirstAsync());
        var id = await _app.NewOpenConsultationAsync(c =>
        {
            c.TerritoryId = commune;
            c.Rules.Contribute = ParticipationLevel.VerifiedResident;
        });
        var page = await fixture.NewPageAsync();
        await page.LoginAsync($"habitant@{ParvisFactory.DomainA}");
        await page.GotoAsync($"/concertations/{id}");
        await Assertions.Expect(page.Locator(".needs")).ToContainTextAsync("Pour contribuer, confirmez que vous habitez");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "avec FranceConnect" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "S'identifier avec FranceConnect" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Fournisseur d'identité de développement");
        Assert.Contains("/dev-franceconnect/authorize", page.Url, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter comme Camille MARTIN" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Votre identité est vérifiée.");
        Assert.EndsWith($"/concertations/{id}", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Question à laquelle vous répondez").SelectOptionAsync(new SelectOptionValue { Label = "Première question ?" });
        await page.GetByLabel("Titre").FillAsync("Un abri vélo devant la gare");
        await page.GetByLabel("Votre contribution").FillAsync("Un abri couvert et surveillé pour les vélos des voyageurs.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Un abri vélo devant la gare");

        await page.GotoAsync("/compte/identite");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Identité FranceConnect : Camille MARTIN, pour cette session");
        await page.AssertAccessibleAsync();

        // Signing out goes through the provider's end-session endpoint and back.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Se déconnecter") }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Vous êtes déconnecté de Ville A et de FranceConnect.");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_person_without_an_account_creates_one_on_the_way_back_and_refusals_are_plain_pages()
    {
        await EnableFranceConnectAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/compte/franceconnect/retour?state=x&code=y");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("n'est pas attendue");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/compte/franceconnect");
        await page.GetByRole(AriaRole.Button, new() { Name = "S'identifier avec FranceConnect" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter comme Nadia HADDAD" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Créer un compte avec FranceConnect");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Pseudonyme").FillAsync("Nadia H.");
        await page.GetByLabel("J'accepte la charte de participation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Compte créé : votre identité est vérifiée.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("50–59 ans");
    }
}
