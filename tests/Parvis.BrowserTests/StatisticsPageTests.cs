using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The participation statistics: accessible charts with their tables, readable at 360 px, usable without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class StatisticsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_statistics_have_no_accessibility_violation_fit_a_phone_and_change_period_by_keyboard_without_javascript()
    {
        var page = await fixture.NewPageAsync(width: 360);
        await page.GotoAsync("/statistiques");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistiques de participation", Level = 1 }))
            .ToBeVisibleAsync();
        // Each chart is an image named by its title, its figures in the table beside it.
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Contributions par canal" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#par-canal tbody tr").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"),
            "/statistiques scrolls sideways at 360 px");
        await Assertions.Expect(page.Locator("footer a[href='/statistiques']")).ToBeVisibleAsync();

        var plain = await fixture.NewPageAsync(javaScript: false);
        await plain.GotoAsync("/statistiques");
        await plain.Locator("#mois").FocusAsync();
        await plain.Locator("#mois").SelectOptionAsync("3");
        await plain.Keyboard.PressAsync("Tab");
        await plain.Keyboard.PressAsync("Enter");
        await plain.WaitForURLAsync("**/statistiques?mois=3");
        Assert.Equal(3, await plain.Locator("#par-mois tbody tr").CountAsync());

        // A territory's own page, one level down, from the table's link.
        var territory = page.Locator("#par-territoire tbody a").First;
        var name = (await territory.TextContentAsync())!;
        await territory.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Statistiques de participation : {name}", Level = 1 }))
            .ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
