using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Features.DevIdentityProvider;
using Parvis.Features.FranceConnect;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The account pages as a person uses them: second factor with its QR code, "Mon compte", a refused verification explained.</summary>
[Collection(BrowserCollection.Name)]
public class AccountJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_second_factor_is_set_up_from_a_qr_code_without_javascript_on_a_phone()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/compte/securite");
        await Assertions.Expect(page.Locator("code[data-key]")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Configurer une application d'authentification" }).ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "Code QR à scanner avec votre application d'authentification" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.True((await qr.BoundingBoxAsync())!.Width <= 360);
        await page.AssertAccessibleAsync();
        var key = await page.Locator("code[data-key]").TextContentAsync();

        await page.GetByLabel("Code à 6 chiffres").FillAsync(Totp.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task My_account_changes_the_pseudonym_by_keyboard_on_a_phone()
    {
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/compte");
        await page.AssertAccessibleAsync();

        var pseudonym = "Clavier" + Guid.NewGuid().ToString("N")[..5];
        var field = page.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Pseudonyme") });
        await field.FillAsync(pseudonym);
        await field.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Vos informations sont enregistrées.");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync(pseudonym);

        await page.GetByLabel("Nouvelle adresse e-mail").FillAsync("pas-une-adresse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer d'adresse" }).ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("L'adresse e-mail n'est pas valide.");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_verification_refused_because_the_identity_is_another_accounts_is_explained()
    {
        await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            if (org.Identity.OidcIssuer is not null) return 0;
            org.Identity.EnabledMethods |= VerificationMethods.FranceConnect | VerificationMethods.Census;
            org.Identity.OidcIssuer = fixture.BaseUrl + "/";
            org.Identity.OidcClientId = DevIdentityProviderSetup.ClientId;
            org.Identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>()
                .CreateProtector(OidcSettings.SecretPurpose).Protect(DevIdentityProviderSetup.ClientSecret);
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache("127.0.0.1");
        _app.ForgetOrganizationCache(ParvisFactory.HostA);

        var owner = await fixture.NewPageAsync();
        await owner.LoginAsync(await _app.NewCitizenAsync());
        await VerifyAsLeoAsync(owner);
        await Assertions.Expect(owner.Locator(".notice")).ToContainTextAsync("identité est vérifiée");

        var other = await fixture.NewPageAsync();
        await other.LoginAsync(await _app.NewCitizenAsync());
        await VerifyAsLeoAsync(other);
        await Assertions.Expect(other.Locator("[role=alert]")).ToContainTextAsync("déjà liée à un autre compte");
        await Assertions.Expect(other.Locator("h1")).ToContainTextAsync("Vérification avec");
        await other.AssertAccessibleAsync();
    }

    private static async Task VerifyAsLeoAsync(IPage page)
    {
        await page.GotoAsync("/compte/identite");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Vérifier mon identité avec") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "S'identifier avec FranceConnect" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter comme Léo BERNARD" }).ClickAsync();
    }
}
