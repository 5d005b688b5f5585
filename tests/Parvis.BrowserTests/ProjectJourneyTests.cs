using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Projects in a browser: the list filtered without JavaScript on a phone, the place de la Gare's page with its
/// timeline and linked consultation, the map over the list, and a phase added by staff with the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class ProjectJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways at 360 px");

    [Fact]
    public async Task Filtering_the_list_without_javascript_and_reading_the_project_with_its_timeline_and_consultation()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/projets");
        await Assertions.Expect(page.Locator("nav a[href='/projets']")).ToBeAttachedAsync();
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        // A filter that matches nothing, then the phase under way of the place de la Gare: a plain GET form.
        await page.GetByLabel("Phase en cours").SelectOptionAsync(new SelectOptionValue { Label = "Livraison" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("phase=Delivery"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoProjects.GareProject })).ToHaveCountAsync(0);
        await page.GetByLabel("Phase en cours").SelectOptionAsync(new SelectOptionValue { Label = "Concertation" });
        await page.GetByLabel("Thème").SelectOptionAsync(new SelectOptionValue { Label = "Urbanisme" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoProjects.GareProject }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(DemoProjects.GareProject);
        // The phase under way comes first, before the timeline.
        await Assertions.Expect(page.Locator("main h2").First).ToHaveTextAsync("Où en est le projet");
        await Assertions.Expect(page.Locator(".current-phase")).ToContainTextAsync("Phase en cours : Concertation avec les habitants");
        var steps = page.Locator("ol.timeline > li");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("ol.timeline > li[aria-current=step]")).ToContainTextAsync("Concertation avec les habitants");
        await Assertions.Expect(steps.First).ToContainTextAsync("Terminée");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        // Its consultation, linked, and back to the project.
        var consultation = page.Locator("section", new() { Has = page.Locator("h2", new() { HasText = "Concertations" }) });
        await consultation.GetByRole(AriaRole.Link, new() { Name = DemoProjects.GareProject }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(DemoProjects.GareProject);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/concertations/\\d+$"));
        await page.Locator(".project-of").GetByRole(AriaRole.Link, new() { Name = DemoProjects.GareProject }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projets/\\d+$"));
    }

    [Fact]
    public async Task With_javascript_the_list_has_its_map_and_staff_add_a_phase_with_the_keyboard()
    {
        var visitor = await fixture.NewPageAsync(width: 360);
        await visitor.GotoAsync("/projets");
        var map = visitor.Locator("[data-projects-map]");
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-markers", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await visitor.AssertAccessibleAsync();

        var project = await _app.InAAsync(db => db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync());
        var page = await fixture.NewPageAsync();
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync("/admin/projets");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoProjects.GareProject }).ClickAsync();
        await page.AssertAccessibleAsync();
        var name = "Bilan de la concertation " + Guid.NewGuid().ToString("N")[..4];
        var add = page.Locator("form[action*=AddPhase]");
        await add.GetByLabel("Nom de l'étape").FillAsync(name);
        await add.GetByLabel("Type d'étape").SelectOptionAsync(new SelectOptionValue { Label = "Autre étape" });
        await add.GetByLabel("Début").FillAsync(DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"));
        await add.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'étape" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Phase ajoutée.");
        await page.AssertAccessibleAsync();
        await page.GotoAsync($"/projets/{project}");
        await Assertions.Expect(page.Locator("ol.timeline > li").Nth(2)).ToContainTextAsync(name);
        // Removed again, so that the demo project keeps its four steps for the other journey.
        await page.GotoAsync($"/admin/projets/{project}");
        await page.Locator("summary", new() { HasText = name }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer la phase " + name }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Phase retirée.");
    }
}
