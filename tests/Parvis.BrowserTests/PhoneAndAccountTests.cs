using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The header's menu, the main pages at 360 px, the legal pages and "Mes participations" in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public class PhoneAndAccountTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static async Task AssertFitsAsync(IPage page, string url)
    {
        var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.True(width <= 360, $"{url} is {width} px wide at 360 px");
        var tooWide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > innerWidth).map(t => t.id)");
        Assert.True(tooWide.Length == 0, $"{url}: tables wider than the phone: {string.Join(", ", tooWide)}");
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_without_javascript_from_the_keyboard_and_the_main_pages_fit()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/");
        var consultations = page.GetByRole(AriaRole.Link, new() { Name = "Concertations", Exact = true });
        await Assertions.Expect(consultations).ToBeHiddenAsync();
        var menu = page.Locator(".site-menu > summary");
        await Assertions.Expect(menu).ToHaveTextAsync("Menu");
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(consultations).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await consultations.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Concertations");

        var petition = await _app.InAAsync(db => db.Petitions.Where(p => p.Status == Domain.PetitionStatus.Open).Select(p => p.Id).FirstAsync());
        foreach (var url in new[] { "/", "/concertations", "/propositions", "/nous-avons-fait", "/petitions", $"/petitions/{petition}",
                     "/signalements", "/signalements/nouveau?categorie=nid-de-poule", "/accessibilite", "/mentions-legales" })
        {
            await page.GotoAsync(url);
            await AssertFitsAsync(page, url);
            await page.AssertAccessibleAsync();
        }

        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/compte/participations");
        await AssertFitsAsync(page, "/compte/participations");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task With_javascript_the_map_replaces_the_coordinate_fields_which_stay_for_the_keyboard()
    {
        var page = await fixture.NewPageAsync(width: 360);
        // The map's tiles come from a server the test machine cannot reach: wait for the page, not for every image.
        await page.GotoAsync("/signalements/nouveau?categorie=nid-de-poule", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator(".map.leaflet-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Latitude")).ToBeHiddenAsync();
        await page.GetByText("Coordonnées (latitude et longitude)").ClickAsync();
        await page.GetByLabel("Latitude").FillAsync("48.85");
        await Assertions.Expect(page.GetByLabel("Longitude")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "/signalements/nouveau");
        await page.AssertAccessibleAsync();

        var withoutScript = await fixture.NewPageAsync(javaScript: false, width: 360);
        await withoutScript.GotoAsync("/signalements/nouveau?categorie=nid-de-poule");
        await Assertions.Expect(withoutScript.GetByLabel("Latitude")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_menu_is_a_bar_and_the_account_menu_leads_to_mes_participations()
    {
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(await _app.NewCitizenAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Concertations", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".site-menu > summary")).ToBeHiddenAsync();
        var participations = page.GetByRole(AriaRole.Link, new() { Name = "Mes participations" });
        await Assertions.Expect(participations).ToBeHiddenAsync();
        await page.GetByText("Mon compte").ClickAsync();
        await participations.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mes participations");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_legal_pages_and_their_administration_have_no_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Accessibilité : ") }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Déclaration d'accessibilité");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mentions légales", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mentions légales");
        await page.AssertAccessibleAsync();
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        await page.GotoAsync("/admin/pages-legales");
        await page.AssertAccessibleAsync();
    }
}
