using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The open data page: accessible, readable at 360 px, its downloads plain links that work without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class OpenDataPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_data_page_has_no_accessibility_violation_fits_a_phone_and_downloads_without_javascript()
    {
        var page = await fixture.NewPageAsync(width: 360);
        await page.GotoAsync("/donnees");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Données ouvertes", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"),
            "/donnees scrolls sideways at 360 px");
        // The footer of every page leads here.
        await Assertions.Expect(page.Locator("footer a[href='/donnees']")).ToBeVisibleAsync();

        var plain = await fixture.NewPageAsync(javaScript: false);
        await plain.GotoAsync("/donnees");
        var download = await plain.RunAndWaitForDownloadAsync(() =>
            plain.Locator("#contributions").GetByRole(AriaRole.Link, new() { Name = "CSV (point-virgule, pour un tableur)" }).ClickAsync());
        Assert.Equal("contributions-point-virgule.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("id;concertation;question;territoire;titre;texte;", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}
