using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Projects;
using Parvis.Tests.Security;

namespace Parvis.Tests.News;

/// <summary>
/// The naughty strings through every news form: the post's text, its publication date, its cover's alternative text,
/// a resident's comment, the home page's block forms. Stored trimmed or refused with a French message; shown as text.
/// </summary>
[Collection(AppCollection.Name)]
public class NaughtyNewsFormTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    // A quarter of the list, another quarter than the project forms' test.
    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 1);

    private static void AssertRefusedOrRedirected(HttpResponseMessage response, string s, string what)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {what} {s}");
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.NotEmpty(HtmlClient.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).Errors());
    }

    private static Task<HttpResponseMessage> UploadCoverAsync(HttpClient staff, string url, string token, string altText)
    {
        var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(altText), "altText" },
            { new ByteArrayContent(ProjectData.Png()) { Headers = { ContentType = new("image/png") } }, "file", "une.png" },
        };
        return staff.PostAsync(url + "?handler=Cover", upload);
    }

    [Fact]
    public async Task Staff_and_resident_forms_store_the_text_as_typed_and_show_it_as_text()
    {
        var admin = await _app.SignedInAsync("admin");
        var (citizen, _) = await _app.CitizenClientAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Sample)
        {
            var created = await admin.SubmitAsync("/admin/actualites/nouvelle", "main form:has(#Form_Title)",
                new Dictionary<string, string?> { ["Form.Title"] = s, ["Form.Summary"] = s, ["Form.Body"] = s });
            AssertRefusedOrRedirected(created, s, "post");
            var trimmed = s.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > NewsPost.MaxTitle)
            {
                Assert.NotEqual(HttpStatusCode.Redirect, created.StatusCode);
                continue;
            }
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var url = created.Headers.Location!.OriginalString;
            var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.NewsPosts.AsNoTracking().SingleAsync(p => p.Id == id));
            Assert.Equal((trimmed, trimmed, trimmed), (stored.Title, stored.Summary, stored.BodyMarkdown));

            var page = await admin.GetDocumentAsync(url);
            var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            AssertRefusedOrRedirected(await admin.SubmitAsync(page, url, "form[action*=Publish]",
                new Dictionary<string, string?> { ["publishAt"] = s }), s, "publication date");
            AssertRefusedOrRedirected(await UploadCoverAsync(admin, url, token, s), s, "cover");
            await admin.SubmitAsync(url, "form[action*=Publish]", new Dictionary<string, string?> { ["publishAt"] = "" });

            var comment = await citizen.SubmitAsync($"/actualites/{id}", "form[action*=Comment]",
                new Dictionary<string, string?> { ["Body"] = s });
            AssertRefusedOrRedirected(comment, s, "comment");
            if (comment.StatusCode == HttpStatusCode.Redirect)
                Assert.True(await _app.InAAsync(db => db.NewsComments.AnyAsync(c => c.NewsPostId == id && c.Body == trimmed)),
                    $"comment {s}");

            var shown = await visitor.GetDocumentAsync($"/actualites/{id}");
            Assert.Equal(trimmed.ReplaceLineEndings("\n"), shown.QuerySelector("main h1")!.TextContent.Trim().ReplaceLineEndings("\n"));
            NaughtyStringTests.AssertNoInjectedMarkup(shown, s);
            NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync(url), s);
            // The feeds stay valid XML whatever the title holds (control characters included): a reader parses them.
            foreach (var feed in new[] { "/actualites/rss", "/actualites/atom" })
            {
                var response = await visitor.GetAsync(feed);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {feed} {s}");
                using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
                Assert.NotEmpty(SyndicationFeed.Load(reader).Items);
            }

            var block = await admin.SubmitAsync("/admin/accueil", "main form[action*=Up]", new Dictionary<string, string?> { ["kind"] = s });
            AssertRefusedOrRedirected(block, s, "home block");
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await visitor.GetDocumentAsync("/actualites"), "the public list");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/actualites"), "the staff list");
        var moderator = await _app.SignedInAsync("moderation");
        NaughtyStringTests.AssertNoInjectedMarkup(await moderator.GetDocumentAsync("/moderation/actualites"), "the moderation queue");
        NaughtyStringTests.AssertNoInjectedMarkup(await visitor.GetDocumentAsync("/"), "the home page");
    }
}
