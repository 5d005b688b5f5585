using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The public map and list of requests and a request's page: axe with JavaScript (markers on the map), the list alone without.</summary>
[Collection(BrowserCollection.Name)]
public class RequestPublicTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>The points the map holds: those in groups (each shows its count) and the markers shown alone.</summary>
    private const string PointsOnMap = @"() => {
        const map = document.querySelector('[data-requests-map]');
        const grouped = [...map.querySelectorAll('.marker-cluster')].reduce((sum, c) => sum + parseInt(c.textContent, 10), 0);
        return grouped + map.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length;
    }";

    [Fact]
    public async Task The_map_shows_the_requests_as_markers_opening_their_page_and_the_pages_pass_axe()
    {
        var located = await _app.InAAsync(db => db.ServiceRequests.Where(r => !r.IsHidden && !r.AwaitingEmail && r.Latitude != null).CountAsync());
        var withHistory = await _app.InAAsync(db => db.ServiceRequests.Where(r => !r.IsHidden && !r.AwaitingEmail && r.Latitude != null && r.Updates.Count(u => u.PublicText != null) > 0)
            .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var page = await fixture.NewPageAsync(width: 360);

        await page.GotoAsync("/signalements");
        var expected = Math.Min(located, Parvis.Features.Requests.RequestQueries.MapLimit);
        await Assertions.Expect(page.Locator("[data-requests-map]")).ToHaveAttributeAsync("data-markers", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Many requests close together are grouped, and the groups with the lone markers hold every point.
        var groups = page.Locator("[data-requests-map] .marker-cluster");
        await Assertions.Expect(groups.First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync($"expected => ({PointsOnMap})() === expected", expected);
        await page.AssertAccessibleAsync();
        // A group is a button: Enter zooms in on it (the map's zoom proxy moves) and shows what it held.
        var zoom = await page.EvaluateAsync<string>("() => document.querySelector('[data-requests-map] .leaflet-proxy').style.transform");
        await Assertions.Expect(groups.First).ToHaveAttributeAsync("role", "button");
        await groups.First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("before => document.querySelector('[data-requests-map] .leaflet-proxy').style.transform !== before", zoom);
        await Assertions.Expect(page.Locator("[data-requests-map] .leaflet-marker-icon:not(.marker-cluster)").First).ToBeVisibleAsync();
        // axe runs with JavaScript only; the filtered list is the page the test without it reads.
        await page.GotoAsync("/signalements?statut=ouverts");
        await Assertions.Expect(page.Locator("[data-requests-map] .leaflet-marker-icon").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "/signalements scrolls sideways at 360 px");

        // A marker opens a popup linking to its request.
        await page.Locator("[data-requests-map] .leaflet-marker-icon:not(.marker-cluster)").First.ClickAsync();
        var link = page.Locator(".leaflet-popup-content a");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signalements/\\d+$"));

        await page.GotoAsync($"/signalements/{withHistory}");
        await Assertions.Expect(page.Locator(".map .leaflet-marker-icon")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/nous-avons-fait");
        await Assertions.Expect(page.Locator("#signalements-par-service")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Without_javascript_the_list_filters_and_opens_a_request()
    {
        var expected = await _app.InAAsync(db => db.ServiceRequests.Where(r => !r.IsHidden && !r.AwaitingEmail && r.Category!.Name == "Nid-de-poule")
            .OrderByDescending(r => r.SubmittedAt).Select(r => new { r.Id, r.Status }).FirstAsync());
        var page = await fixture.NewPageAsync(javaScript: false);

        await page.GotoAsync("/signalements");
        Assert.True(await page.Locator("[data-requests-map]").IsHiddenAsync());
        await page.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Nid-de-poule" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        Assert.Contains("categorie=", page.Url, StringComparison.Ordinal);
        var titles = await page.Locator(".request-row h3").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.StartsWith("Nid-de-poule", t, StringComparison.Ordinal));

        await page.Locator(".request-row h3 a").First.ClickAsync();
        Assert.EndsWith($"/signalements/{expected.Id}", page.Url, StringComparison.Ordinal);
        Assert.StartsWith("Nid-de-poule", (await page.Locator("h1").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(ServiceRequest.Label(expected.Status), (await page.Locator("#etat").InnerTextAsync()).Trim());
        Assert.Contains("Historique", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
