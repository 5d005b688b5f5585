using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// The requests administration: zero axe violations, keyboard and no-JavaScript use. The Open311 keys are API keys
/// with the Open311 use, issued on /admin/cles-api (PageTests.An_administrator_issues_and_revokes_an_api_key_with_the_keyboard).
/// </summary>
[Collection(BrowserCollection.Name)]
public class RequestAdminPageTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Requests_administration_pages_have_no_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        var (category, question) = await _app.InAAsync(async db =>
        {
            var c = await db.RequestCategories.Include(x => x.Questions).SingleAsync(x => x.Code == "nid-de-poule");
            return (c.Id, c.Questions[0].Id);
        });
        foreach (var url in new[] { "/admin/signalements", "/admin/signalements/categories", $"/admin/signalements/categories/{category}",
                     $"/admin/signalements/categories/{category}/questions", $"/admin/signalements/categories/{category}/questions/{question}" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task A_category_is_created_without_javascript()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        await page.GotoAsync("/admin/signalements/categories");
        var code = "sans-js-" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#Name", "Fontaine en panne");
        await page.FillAsync("#Code", code);
        await page.FillAsync("#Group", "Eau");
        await page.FillAsync("#ServiceName", "Service voirie");
        await page.FillAsync("#TargetAmount", "4");
        await page.ClickAsync("#categorie button[type=submit]");
        var notice = await page.Locator(".notice").TextContentAsync();
        Assert.Contains("Catégorie créée", notice, StringComparison.Ordinal);
        Assert.Equal(96, await _app.InAAsync(db => db.RequestCategories.Where(c => c.Code == code).Select(c => c.TargetHours).SingleAsync()));
    }
}
