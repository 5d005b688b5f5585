using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PersonalDataJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_citizen_downloads_their_data_then_deletes_their_account()
    {
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(email);

        await page.GetByText("Mon compte").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes données", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mes données");
        await page.AssertAccessibleAsync();

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger pour un autre service (JSON)" }).ClickAsync());
        Assert.EndsWith(".json", json.SuggestedFilename, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!)))
            Assert.Equal(email, document.RootElement.GetProperty("account").GetProperty("email").GetString());

        var html = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger une page lisible (HTML)" }).ClickAsync());
        Assert.EndsWith(".html", html.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(Path.GetTempPath(), $"mes-donnees-{Guid.NewGuid():N}.html");
        await html.SaveAsAsync(saved);
        try
        {
            Assert.Contains(email, await File.ReadAllTextAsync(saved), StringComparison.Ordinal);
            // The downloaded page itself is accessible, opened offline as the person would open it.
            var offline = await fixture.NewPageAsync();
            await offline.GotoAsync(new Uri(saved).AbsoluteUri);
            await Assertions.Expect(offline.Locator("h1")).ToContainTextAsync("Mes données personnelles");
            await offline.AssertAccessibleAsync();
        }
        finally
        {
            File.Delete(saved);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "supprimer votre compte" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Supprimer mon compte");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Les laisser en ligne, signés « Participant supprimé »").CheckAsync();
        await page.GetByLabel("Votre mot de passe, pour confirmer").FillAsync(ParvisFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Votre compte est supprimé");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        Assert.False(await _app.InAAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        await page.GotoAsync("/confidentialite");
        await page.AssertAccessibleAsync();
    }
}
