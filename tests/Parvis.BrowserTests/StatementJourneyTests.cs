using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Features.Consultations.Statements;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// The demo's statements question in a browser: voting with the keyboard, then the map with one's own group after the
/// background job; the same without JavaScript at 360 px; axe on every state of the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class StatementJourneyTests(BrowserFixture fixture)
{
    private readonly KestrelParvisFactory _app = fixture.App;

    private Task<string> UrlAsync() => _app.InAAsync(db => db.Questions
        .Where(q => q.Kind == ConsultationQuestionKind.Statements && q.Text == DemoStatements.QuestionText)
        .Select(q => $"/concertations/{q.ConsultationId}/enonces/{q.Id}").SingleAsync());

    private async Task RunMapJobAsync()
    {
        using var scope = _app.Services.CreateScope();
        await new OpinionMapJob(_app.Services.GetRequiredService<IConfiguration>()).RunAsync(scope.ServiceProvider, default);
    }

    private static async Task VoteAsync(IPage page, int count, Func<ILocator, Task> press)
    {
        for (var i = 0; i < count; i++)
        {
            var counter = await page.Locator("form.statement").Locator("xpath=preceding-sibling::p[1]").TextContentAsync();
            await press(page.GetByRole(AriaRole.Button, new() { Name = i % 3 == 2 ? "Pas d'accord" : "D'accord", Exact = true }));
            await Assertions.Expect(page.Locator("form.statement").Locator("xpath=preceding-sibling::p[1]")).Not.ToHaveTextAsync(counter!);
        }
    }

    [Fact]
    public async Task Voting_with_the_keyboard_at_360_px_then_seeing_the_map_with_one_s_group()
    {
        var url = await UrlAsync();
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync(email);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("figure.opinion-map svg[role=img]")).ToBeVisibleAsync();
        // What sticks out, named, so that a failure says where to look.
        var wide = await page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? "" :
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' in ' + e.parentElement.tagName + '.' + e.parentElement.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
            """);
        Assert.True(wide.Length == 0, "the statements page and its map scroll sideways at 360 px: " + wide);
        await Assertions.Expect(page.Locator("#mon-groupe")).ToContainTextAsync("pas encore placé dans un groupe");
        await page.AssertAccessibleAsync();
        await VoteAsync(page, 9, async button =>
        {
            await button.FocusAsync();
            await button.PressAsync("Enter");
        });
        await RunMapJobAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#mon-groupe")).ToContainTextAsync("Vous êtes dans le groupe");
        await Assertions.Expect(page.Locator("svg circle.map-me")).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("table.opinion-groups tbody tr")).Not.ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Without_javascript_voting_and_the_map_work()
    {
        var url = await UrlAsync();
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.LoginAsync(email);
        await page.GotoAsync(url);
        await page.AssertAccessibleAsync();
        await VoteAsync(page, 8, button => button.ClickAsync());
        await RunMapJobAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("#mon-groupe")).ToContainTextAsync("Vous êtes dans le groupe");
        await Assertions.Expect(page.Locator("svg circle.map-me")).ToBeAttachedAsync();
        await page.AssertAccessibleAsync();
    }
}
