using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Signing a petition in a browser: the form, the e-mail link, the confirm button, the count moving live.</summary>
[Collection(BrowserCollection.Name)]
public class PetitionSignatureJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string LinkIn(MimeKit.MimeMessage message) => new Uri(TestSmtpServer.LinkIn(message)).PathAndQuery;

    [Fact]
    public async Task A_visitor_signs_confirms_from_the_e_mail_and_an_open_page_shows_the_new_count_without_reloading()
    {
        var id = await _app.NewOpenPetitionAsync();
        var email = $"signataire-{Guid.NewGuid():N}@example.org";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/petitions/{id}");
        await Assertions.Expect(page.Locator("#petition-count")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".petition-count")).ToHaveTextAsync("0 signature confirmée");
        await page.AssertAccessibleAsync();
        // The petition page stays cacheable for the crowd that reads it: a visitor signs on the signing page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Signer cette pétition" }).ClickAsync();
        await page.WaitForURLAsync($"**/petitions/{id}/signer", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Nom et prénom").WaitForAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nom et prénom").FillAsync("Camille Martin");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Commune").FillAsync("Villeneuve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Un e-mail vient de vous être envoyé");
        await Assertions.Expect(page.Locator("#petition-count")).ToHaveTextAsync("0");

        // The link opened in another tab shows a button; the first tab stays open on the petition.
        var mail = await fixture.NewPageAsync();
        await mail.GotoAsync(LinkIn(await _app.Smtp.WaitForAsync(email)));
        await Assertions.Expect(mail.Locator("h1")).ToHaveTextAsync("Confirmer ma signature");
        await mail.AssertAccessibleAsync();
        await mail.GetByRole(AriaRole.Button, new() { Name = "Confirmer ma signature" }).ClickAsync();
        await Assertions.Expect(mail.Locator("p.notice")).ToContainTextAsync("votre signature est confirmée");
        await Assertions.Expect(mail.Locator("#petition-count")).ToHaveTextAsync("1");

        // petition-count.js reads /petitions/{id}/compte every five seconds while the page is visible.
        await Assertions.Expect(page.Locator("#petition-count")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Without_javascript_signing_and_confirming_work_and_the_page_shows_the_count()
    {
        var id = await _app.NewOpenPetitionAsync();
        var email = $"signataire-{Guid.NewGuid():N}@example.org";
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync($"/petitions/{id}");
        // A plain link, followed without JavaScript and reachable by keyboard by nature. (An Enter pressed on it was
        // sometimes lost by the headless browser on a busy machine.)
        await page.GetByRole(AriaRole.Link, new() { Name = "Signer cette pétition" }).ClickAsync();
        await page.WaitForURLAsync($"**/petitions/{id}/signer", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Nom et prénom").WaitForAsync();
        await page.GetByLabel("Nom et prénom").FillAsync("Camille Martin");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Adresse e-mail").PressAsync("Enter");
        await page.WaitForPageAsync($"**/petitions/{id}");
        Assert.Contains("Un e-mail vient de vous être envoyé", await page.Locator(".notice").TextContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync(LinkIn(await _app.Smtp.WaitForAsync(email)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer ma signature" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync($"**/petitions/{id}#signature-confirmee");
        Assert.Equal("1", (await page.Locator("#petition-count").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task The_sources_page_is_accessible()
    {
        var id = await _app.NewOpenPetitionAsync();
        await _app.InAAsync(async db =>
        {
            for (var i = 0; i < 12; i++)
            {
                var signature = Parvis.Domain.PetitionSignature.Create(id, null, $"Signataire {i}", Parvis.Domain.EmailAddress.Parse($"s{i}-{Guid.NewGuid():N}@robot.example"),
                    null, null, false, "203.0.113.9", DateTime.UtcNow.AddMinutes(-i));
                db.PetitionSignatures.Add(signature);
            }
            return await db.SaveChangesAsync();
        });
        var moderator = await fixture.NewPageAsync();
        await moderator.LoginAsync("moderation@" + ParvisFactory.DomainA);
        await moderator.GotoAsync($"/moderation/petitions/{id}/sources");
        await Assertions.Expect(moderator.Locator("h1")).ToHaveTextAsync("Provenance des signatures");
        await Assertions.Expect(moderator.Locator("main")).ToContainTextAsync("203.0.113.9");
        await moderator.AssertAccessibleAsync();
        Assert.Equal(0, await _app.InAAsync(db => db.PetitionSignatures.CountAsync(s => s.PetitionId == id && s.InvalidatedAt != null)));
    }
}
