using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Demo;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.News;

/// <summary>Posts: scheduled publication, feeds, versions, moderated comments, tenant isolation, the home page's blocks.</summary>
[Collection(AppCollection.Name)]
public class NewsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> NewPostAsync(string title, DateTime? publishAt, Organization? organization = null, int? projectId = null,
        int? territoryId = null, NewsComments comments = NewsComments.PreModerated) =>
        _app.InOrganizationAsync(organization ?? _app.OrganizationA, async (db, _) =>
        {
            var post = new NewsPost { Title = "" };
            post.Describe(new NewsDescription(title, "Résumé de " + title, "Texte de " + title, territoryId, projectId, ProjectTheme.Culture, comments),
                DateTime.UtcNow.AddMinutes(-5));
            post.PublishAt = publishAt;
            db.NewsPosts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task A_scheduled_post_is_nowhere_public_before_its_date_and_everywhere_after()
    {
        var title = "Programmée " + Guid.NewGuid().ToString("N")[..8];
        var id = await NewPostAsync(title, DateTime.UtcNow.AddDays(2));
        var anonymous = _app.ClientFor(ParvisFactory.HostA);

        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/actualites"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/actualites/{id}")).StatusCode);
        Assert.DoesNotContain(Parse(await anonymous.GetStringAsync("/actualites/rss")).Items, i => i.Title.Text == title);
        Assert.DoesNotContain(Parse(await anonymous.GetStringAsync("/actualites/atom")).Items, i => i.Title.Text == title);
        Assert.DoesNotContain($"/actualites/{id}<", await anonymous.GetStringAsync("/sitemap-pages.xml"), StringComparison.Ordinal);
        // The demo's scheduled post too.
        Assert.DoesNotContain(DemoNews.ScheduledTitle, await anonymous.GetStringAsync("/actualites"), StringComparison.Ordinal);

        // Its date comes (moved here rather than waited for): public in the list, its page, both feeds and the sitemap.
        await _app.InAAsync(db => db.NewsPosts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishAt, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Contains(title, await anonymous.GetStringAsync("/actualites?apres=1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/actualites/{id}?apres=1")).StatusCode);
        Assert.Contains(Parse(await anonymous.GetStringAsync("/actualites/rss?apres=1")).Items, i => i.Title.Text == title);
        Assert.Contains(Parse(await anonymous.GetStringAsync("/actualites/atom?apres=1")).Items, i => i.Title.Text == title);
        Assert.Contains($"/actualites/{id}<", await anonymous.GetStringAsync("/sitemap-pages.xml?apres=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_hold_the_posts_of_their_organization_territory_and_project_with_absolute_links()
    {
        var project = await _app.InAAsync(db => db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync());
        var territory = await _app.NewTerritoryAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await NewPostAsync("Du projet " + tag, DateTime.UtcNow.AddMinutes(-1), projectId: project);
        await NewPostAsync("Du territoire " + tag, DateTime.UtcNow.AddMinutes(-1), territoryId: territory);
        await NewPostAsync("De B " + tag, DateTime.UtcNow.AddMinutes(-1), organization: _app.OrganizationB);
        var anonymous = _app.ClientFor(ParvisFactory.HostA);

        var all = Parse(await anonymous.GetStringAsync("/actualites/rss"));
        Assert.Contains(all.Items, i => i.Title.Text == "Du projet " + tag);
        Assert.Contains(all.Items, i => i.Title.Text == "Du territoire " + tag);
        Assert.DoesNotContain(all.Items, i => i.Title.Text.StartsWith("De B", StringComparison.Ordinal));
        Assert.All(all.Items, i => Assert.StartsWith($"http://{ParvisFactory.HostA}/actualites/", i.Links[0].Uri.AbsoluteUri, StringComparison.Ordinal));

        var ofProject = Parse(await anonymous.GetStringAsync($"/actualites/atom?projet={project}"));
        Assert.Contains(ofProject.Items, i => i.Title.Text == "Du projet " + tag);
        Assert.DoesNotContain(ofProject.Items, i => i.Title.Text == "Du territoire " + tag);
        Assert.Contains(ofProject.Items, i => i.Title.Text == DemoNews.CommentedTitle);

        var ofTerritory = Parse(await anonymous.GetStringAsync($"/actualites/rss?territoire={territory}"));
        Assert.Equal(["Du territoire " + tag], ofTerritory.Items.Select(i => i.Title.Text));

        // B's feed holds B's post, not A's.
        var b = Parse(await _app.ClientFor(ParvisFactory.HostB).GetStringAsync("/actualites/rss"));
        Assert.Contains(b.Items, i => i.Title.Text == "De B " + tag);
        Assert.DoesNotContain(b.Items, i => i.Title.Text.EndsWith(tag, StringComparison.Ordinal) && !i.Title.Text.StartsWith("De B", StringComparison.Ordinal));

        // The pages announce the feeds and link to them.
        var page = await anonymous.GetDocumentAsync("/actualites");
        Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='application/rss+xml'][href='http://{ParvisFactory.HostA}/actualites/rss']"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/atom+xml']"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent.Trim() == "S'abonner (RSS)" && a.GetAttribute("href") == "/actualites/rss");
        var projectPage = await anonymous.GetDocumentAsync($"/projets/{project}");
        Assert.Contains(DemoNews.CommentedTitle, projectPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(projectPage.QuerySelector($"link[rel=alternate][href$='/actualites/rss?projet={project}']"));
    }

    [Fact]
    public async Task Editing_a_public_post_keeps_its_previous_text_for_staff()
    {
        var id = await NewPostAsync("Version une", DateTime.UtcNow.AddMinutes(-1));
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.SubmitAndReadAsync($"/admin/actualites/{id}", "form:has(#Form_Title)",
            new Dictionary<string, string?> { ["Form.Title"] = "Version deux", ["Form.Body"] = "Nouveau texte" });
        Assert.Empty(page.Errors());
        var versions = await _app.InAAsync(db => db.NewsPostVersions.Where(v => v.NewsPostId == id).ToListAsync());
        var version = Assert.Single(versions);
        Assert.Equal("Version une", version.Title);
        Assert.Equal("Texte de Version une", version.BodyMarkdown);
        Assert.Contains("Version une", page.QuerySelector("#versions ~ details")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "news.update").Select(a => a.TargetId).ToListAsync()),
            t => t == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Version deux", await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/actualites/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_premoderated_comment_shows_only_after_a_moderator_publishes_it()
    {
        var id = await NewPostAsync("Commentée", DateTime.UtcNow.AddMinutes(-1));
        var (citizen, _) = await _app.CitizenClientAsync();
        var text = "Mon avis " + Guid.NewGuid().ToString("N")[..8];
        await citizen.SubmitAndReadAsync($"/actualites/{id}", "form[action*=Comment]", new Dictionary<string, string?> { ["Body"] = text });
        Assert.DoesNotContain(text, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/actualites/{id}"), StringComparison.Ordinal);

        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation/actualites");
        Assert.Contains(text, queue.QuerySelector("ul.queue > li:last-child")!.TextContent, StringComparison.Ordinal);
        await moderator.SubmitAndReadAsync("/moderation/actualites", "ul.queue > li:last-child form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Contains(text, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/actualites/{id}"), StringComparison.Ordinal);

        // A post without comments refuses one, with a French message.
        var closed = await NewPostAsync("Sans commentaires", DateTime.UtcNow.AddMinutes(-1), comments: NewsComments.Closed);
        Assert.Null((await citizen.GetDocumentAsync($"/actualites/{closed}")).QuerySelector("form[action*=Comment]"));
    }

    [Fact]
    public async Task Nothing_of_Bs_news_or_home_blocks_is_reachable_from_A()
    {
        var postB = await NewPostAsync("Actualité de B", DateTime.UtcNow.AddMinutes(-1), organization: _app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            db.NewsPostVersions.Add(new NewsPostVersion { NewsPostId = postB, Title = "Ancien B", ReplacedAt = DateTime.UtcNow });
            db.NewsComments.Add(new NewsComment { NewsPostId = postB, AuthorId = Guid.NewGuid(), Body = "Commentaire B", State = ModerationState.PendingReview });
            if (!await db.HomeBlocks.AnyAsync()) db.HomeBlocks.Add(new HomeBlock { Kind = HomeBlockKind.Figures, Position = 0 });
            return await db.SaveChangesAsync();
        });
        var seen = await _app.InAAsync(async db => (await db.NewsPosts.CountAsync(p => p.Id == postB),
            await db.NewsPostVersions.CountAsync(v => v.NewsPostId == postB), await db.NewsComments.CountAsync(c => c.NewsPostId == postB),
            await db.HomeBlocks.CountAsync(h => h.OrganizationId != _app.OrganizationA.Id)));
        Assert.Equal((0, 0, 0, 0), seen);
        var admin = await _app.SignedInAsync("admin");
        foreach (var url in new[] { $"/actualites/{postB}", $"/admin/actualites/{postB}" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("Commentaire B", await admin.GetStringAsync("/moderation/actualites"), StringComparison.Ordinal);
        Assert.DoesNotContain("Actualité de B", await admin.GetStringAsync("/admin/actualites"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_its_blocks_in_the_order_the_administrator_sets()
    {
        var admin = await _app.SignedInAsync("admin");
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        var before = (await anonymous.GetDocumentAsync("/")).QuerySelectorAll("section.home-block").Select(s => s.GetAttribute("aria-labelledby")).ToList();
        Assert.NotEmpty(before);
        // Move the figures up once and hide the news.
        await admin.SubmitAndReadAsync("/admin/accueil", "li[data-kind=Figures] form[action*=Up]", new Dictionary<string, string?>());
        await admin.SubmitAndReadAsync("/admin/accueil", "li[data-kind=News] form[action*=Hide]", new Dictionary<string, string?>());
        var after = (await anonymous.GetDocumentAsync("/?apres=1")).QuerySelectorAll("section.home-block").Select(s => s.GetAttribute("aria-labelledby")).ToList();
        Assert.DoesNotContain("bloc-actualites", after);
        Assert.True(after.IndexOf("bloc-chiffres") < after.IndexOf("bloc-projets"), string.Join(",", after));
        Assert.Contains(before.Where(b => b != "bloc-actualites"), b => after.Contains(b));
        // Shown again for the other tests of A's home page.
        await admin.SubmitAndReadAsync("/admin/accueil", "li[data-kind=News] form[action*=Show]", new Dictionary<string, string?>());
    }
}
