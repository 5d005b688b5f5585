using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.Playwright;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>News in a browser without JavaScript on a phone: the home page's blocks, the list, a post, its feed
/// (parsed back), and a post written by staff with the keyboard; axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public class NewsJourneyTests(BrowserFixture fixture)
{
    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways at 360 px");

    [Fact]
    public async Task Reading_the_news_from_the_home_page_and_subscribing_to_the_feed()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("section.home-block").First).ToBeAttachedAsync();
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await Assertions.Expect(page.Locator("#bloc-actualites")).ToBeVisibleAsync();

        await page.Locator("#bloc-actualites ~ p").GetByRole(AriaRole.Link, new() { Name = "Toutes les actualités" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Actualités");
        await Assertions.Expect(page.GetByText(DemoNews.ScheduledTitle)).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = DemoNews.CommentedTitle }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(DemoNews.CommentedTitle);
        await Assertions.Expect(page.Locator(".news-comments")).ToContainTextAsync("l'ombre était vraiment la demande");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);

        // The visible link leads to a feed that parses and holds the post.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "S'abonner (RSS)" }).GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.True(response.Ok);
        using var reader = XmlReader.Create(new StringReader(await response.TextAsync()));
        var feed = SyndicationFeed.Load(reader);
        Assert.Contains(feed.Items, i => i.Title.Text == DemoNews.CommentedTitle);
        Assert.DoesNotContain(feed.Items, i => i.Title.Text == DemoNews.ScheduledTitle);
    }

    [Fact]
    public async Task Staff_write_a_post_with_the_keyboard_and_order_the_home_page_without_javascript()
    {
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.LoginAsync($"admin@{ParvisFactory.DomainA}");
        await page.GotoAsync("/admin/actualites/nouvelle");
        await page.AssertAccessibleAsync();
        var title = "Fête de quartier " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Texte").First.FillAsync("Rendez-vous **samedi** sur la place.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(title);
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ou programmer" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Actualité publiée.");

        await page.GotoAsync("/admin/accueil");
        await page.AssertAccessibleAsync();
        await AssertFitsAsync(page);
        await page.GotoAsync("/actualites");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }
}
