using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Features.Tallies;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>A signer's receipt, from the confirmation to the public check, on a phone without JavaScript, by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class TallyJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_signer_reads_the_receipt_and_checks_it_on_the_public_page_pending_then_sealed()
    {
        var id = await _app.NewOpenPetitionAsync();
        var email = $"signataire-{Guid.NewGuid():N}@example.org";
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync($"/petitions/{id}/signer");
        await page.GetByLabel("Nom et prénom").FillAsync("Camille Martin");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Adresse e-mail").PressAsync("Enter");
        await page.WaitForPageAsync($"**/petitions/{id}");
        var mail = await _app.Smtp.WaitForAsync(email);
        await page.GotoAsync(new Uri(TestSmtpServer.LinkIn(mail)).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer ma signature" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync($"**/petitions/{id}#signature-confirmee");
        var receipt = (await page.Locator("#recu-donne").TextContentAsync())!.Trim();
        Assert.Contains(receipt, mail.TextBody, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        // The notice's link, followed by keyboard, checks the receipt: written (waiting for its seal, or sealed already
        // if the application's sealing job ran meanwhile: the HTTP tests check the waiting state).
        await page.GetByRole(AriaRole.Link, new() { Name = "Vérifier ce reçu" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/verifier?recu=*");
        await Assertions.Expect(page.Locator(".receipt-findings")).ToContainTextAsync("Inscrit au journal");
        await page.AssertAccessibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the receipt page scrolls sideways at 360 px");

        await _app.InOrganizationAsync(_app.OrganizationA, (_, services) => services.GetRequiredService<TallySealer>().SealAllAsync());
        // Typed by hand this time, in lower case: the same answer, now sealed.
        await page.GotoAsync("/verifier");
        await page.GetByLabel("Votre reçu").FillAsync(receipt.ToLowerInvariant());
        await page.GetByLabel("Votre reçu").PressAsync("Enter");
        await page.WaitForPageAsync("**/verifier?recu=*");
        await Assertions.Expect(page.Locator(".receipt-findings")).ToContainTextAsync("scellée");
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir le journal et vérifier le décompte" }).ClickAsync();
        await page.WaitForPageAsync($"**/verifier/petition/{id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Le journal est intact et donne le décompte affiché.");
        await page.AssertAccessibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the log page scrolls sideways at 360 px");

        // A receipt that cannot be one: a French message in the form's error summary.
        await page.GotoAsync("/verifier?recu=%3Cscript%3E");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ce reçu n'a pas la bonne forme");
        await page.AssertAccessibleAsync();
    }
}
