using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// Participatory budgets in a browser: voting within the budget with the keyboard, the basket's total shown, then changing
/// one's ballot; the same without JavaScript; the equal-shares results page; axe on every page, public ones at 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BudgetJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> IdAsync(string title) => _app.InAAsync(db => db.Budgets.Where(b => b.Title == title).Select(b => b.Id).SingleAsync());

    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{page.Url} scrolls sideways at 360 px");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_citizen_votes_within_the_budget_then_changes_their_ballot(bool javaScript)
    {
        var id = await IdAsync(DemoBudgets.VoteBudget);
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync(javaScript, width: 360);
        await page.LoginAsync(email);
        await page.GotoAsync($"/budgets/{id}");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        var cinema = page.GetByLabel("Un cinéma en plein air aux Rives");
        await cinema.FocusAsync();
        await cinema.PressAsync("Space");
        var mist = page.GetByLabel("Des brumisateurs place de la Gare");
        await mist.FocusAsync();
        await mist.PressAsync("Space");
        var vote = page.GetByRole(AriaRole.Button, new() { Name = "Voter" });
        await vote.FocusAsync();
        await vote.PressAsync("Enter");
        await page.WaitForPageAsync($"**/budgets/{id}*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Merci, votre bulletin est enregistré.");
        await Assertions.Expect(page.Locator("form.budget-ballot")).ToContainTextAsync(new Regex(@"Sélection enregistrée : 60\s000 €"));

        // Too much for the budget: refused with the total, nothing changed.
        await page.GetByLabel("Une piscine mobile dans la cour de l'école Jaurès").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remplacer mon bulletin" }).ClickAsync();
        await page.WaitForPageAsync($"**/budgets/{id}*");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync(new Regex(@"Votre sélection coûte 120\s000 €, plus que le budget de 100\s000 €"));
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Une piscine mobile dans la cour de l'école Jaurès").UncheckAsync();
        await page.GetByLabel("Des brumisateurs place de la Gare").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remplacer mon bulletin" }).ClickAsync();
        await page.WaitForPageAsync($"**/budgets/{id}*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Votre bulletin a été remplacé.");
        await Assertions.Expect(page.Locator("form.budget-ballot")).ToContainTextAsync(new Regex(@"Sélection enregistrée : 25\s000 €"));
        await Assertions.Expect(page.GetByLabel("Un cinéma en plein air aux Rives")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Des brumisateurs place de la Gare")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task The_results_page_explains_equal_shares_round_by_round()
    {
        var id = await IdAsync(DemoBudgets.ResultsBudget);
        var page = await fixture.NewPageAsync(width: 360);
        await page.GotoAsync("/budgets");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await page.GotoAsync($"/budgets/{id}");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les résultats" }).First.ClickAsync();
        await page.WaitForPageAsync($"**/budgets/{id}/resultats");
        await Assertions.Expect(page.Locator("h2", new() { HasText = "Le dépouillement, tour par tour" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".budget-winners li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("puis le moins coûteux");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
    }

    [Fact]
    public async Task Staff_pages_of_budgets_have_no_accessibility_violations()
    {
        var id = await IdAsync(DemoBudgets.ResultsBudget);
        var project = await _app.InAAsync(db => db.BudgetProjects.Where(p => p.BudgetId == id).Select(p => p.Id).FirstAsync());
        var page = await fixture.NewPageAsync();
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        foreach (var url in new[] { "/admin/budgets", "/admin/budgets/nouveau", $"/admin/budgets/{id}", $"/admin/budgets/projets/{project}" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }
    }
}
