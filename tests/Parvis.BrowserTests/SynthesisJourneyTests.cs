using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Features.Demo;
using Parvis.Features.Synthesis;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// The synthesis in a browser, as the agent of the consultation's service: asking for the grouping, naming a group as
/// a theme with the keyboard, quoting a contribution, then finding the theme in the closing report's draft; at 360 px,
/// without JavaScript, axe on every state of the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SynthesisJourneyTests(BrowserFixture fixture)
{
    private readonly KestrelParvisFactory _app = fixture.App;

    private async Task<(int Id, int Campaign)> ConsultationAsync()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var random = new Random(11);
        await _app.AddContributionsAsync(id, 48, (c, i) => c.Body = DemoContributionTexts.Write(random, i % 6));
        var copies = await _app.AddContributionsAsync(id, 6, (c, i) => c.Body = DemoContributionTexts.Campaign);
        return (id, copies[0]);
    }

    private async Task RunJobAsync(int id) => await Eventually.UntilAsync(async () =>
    {
        using (var scope = _app.Services.CreateScope())
            await ActivatorUtilities.CreateInstance<GroupingJob>(_app.Services).RunAsync(scope.ServiceProvider, default);
        return await _app.InAAsync(db => db.ContributionGroupings.AnyAsync(g => g.ConsultationId == id && g.Progress == 100 && g.RequestedAt == null));
    }, TimeSpan.FromSeconds(30), "the grouping was not computed");

    [Theory]
    [InlineData(false, 360)]
    [InlineData(true, 1280)]
    public async Task Staff_name_a_theme_and_find_it_in_the_closing_report_draft(bool javaScript, int width)
    {
        var (id, campaign) = await ConsultationAsync();
        var page = await fixture.NewPageAsync(javaScript: javaScript, width: width);
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync($"/admin/concertations/{id}/synthese");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Regrouper les contributions" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Le regroupement des contributions est demandé");
        await page.AssertAccessibleAsync();

        await RunJobAsync(id);
        await page.ReloadAsync();
        // The campaign, shown once with its count (other texts may be repeated by chance in other groups).
        var campaignCopy = page.Locator("ul.synthesis-copies li", new() { HasText = "publiée 6 fois" });
        await Assertions.Expect(campaignCopy).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"),
            $"the synthesis page scrolls sideways at {width} px");

        var group = page.Locator("article.synthesis-group").Filter(new() { Has = campaignCopy });
        var name = "Piste du boulevard " + Guid.NewGuid().ToString("N")[..4];
        await group.GetByLabel("Nommer ce groupe comme un thème").FillAsync(name);
        await group.GetByLabel("Nommer ce groupe comme un thème").PressAsync("Enter");
        await Assertions.Expect(page.Locator("h3.theme-name")).ToHaveTextAsync(name);
        await page.GetByLabel("Numéro de la contribution").Last.FillAsync(campaign.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Citer", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("ul.theme-quotes")).ToContainTextAsync(DemoContributionTexts.Campaign[..40]);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Bilan de la concertation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Insérer les thèmes de la synthèse dans le bilan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var report = page.GetByLabel("Bilan de la concertation");
        await Assertions.Expect(report).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"### {name} \\(\\d+ contributions\\)"));
        await Assertions.Expect(report).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"/contributions/{campaign}\\)"));
        await page.AssertAccessibleAsync();
    }
}
