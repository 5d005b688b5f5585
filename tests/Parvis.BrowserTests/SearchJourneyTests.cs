using Microsoft.Playwright;

namespace Parvis.BrowserTests;

/// <summary>The search in a browser without JavaScript on a phone, with the keyboard only: the header's box, words
/// typed with and without accents, a plural finding a singular; axe on the results.</summary>
[Collection(BrowserCollection.Name)]
public class SearchJourneyTests(BrowserFixture fixture)
{
    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways at 360 px");

    [Fact]
    public async Task Searching_from_the_header_with_and_without_accents_and_a_plural()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/");
        // The header's menu opens with the keyboard; the search box closes it.
        await page.Locator(".site-menu > summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#site-search-q")).ToBeVisibleAsync();
        await page.Locator("#site-search-q").FocusAsync();
        await page.Keyboard.TypeAsync("friche ecole");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Rechercher");
        var hit = page.Locator(".search-results li").Filter(new() { HasText = "Derrière la halle" });
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        await Assertions.Expect(hit.Locator("mark").Filter(new() { HasText = "école" })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        // With the accent, in the page's own form.
        await page.GetByLabel("Mots recherchés", new() { Exact = true }).Last.FillAsync("école friche");
        await page.GetByLabel("Mots recherchés", new() { Exact = true }).Last.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".search-results li").Filter(new() { HasText = "Derrière la halle" })).ToHaveCountAsync(1);

        // A singular typed finds the plural written: "casiers pour les vélos cargo".
        await page.GetByLabel("Mots recherchés", new() { Exact = true }).Last.FillAsync("casier velo");
        await page.GetByLabel("Mots recherchés", new() { Exact = true }).Last.PressAsync("Enter");
        var comment = page.Locator(".search-results li").Filter(new() { HasText = "casiers pour les vélos cargo" });
        await Assertions.Expect(comment).ToHaveCountAsync(1);
        await Assertions.Expect(comment.Locator("mark")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await comment.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#commentaire-" + page.Url.Split("#commentaire-")[^1])).ToContainTextAsync("casiers");
    }

    [Fact]
    public async Task Requests_found_then_narrowed_by_their_state_with_the_keyboard()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/recherche?q=lampadaire");
        await Assertions.Expect(page.Locator(".search-results li").Filter(new() { HasText = "12 rue Victor-Hugo" })).ToHaveCountAsync(1);
        // No state to choose before a kind is chosen; the kind chosen, its states are offered.
        await Assertions.Expect(page.Locator("#recherche-etat")).ToHaveCountAsync(0);
        await page.Locator("#recherche-type").SelectOptionAsync("signalements");
        await page.Locator("form.filters button[type=submit]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#recherche-etat")).ToBeVisibleAsync();
        await page.Locator("#recherche-etat").SelectOptionAsync(new SelectOptionValue { Label = "Résolu" });
        await page.Locator("form.filters button[type=submit]").PressAsync("Enter");

        var results = page.Locator(".search-results li");
        await Assertions.Expect(results).ToHaveCountAsync(1);
        await Assertions.Expect(results.First).ToContainTextAsync("Trois lampadaires éteints");
        await Assertions.Expect(results.First).ToContainTextAsync("Signalement");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await results.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signalements/[0-9]+$"));
    }
}
