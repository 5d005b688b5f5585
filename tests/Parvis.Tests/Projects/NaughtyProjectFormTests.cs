using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Projects;

/// <summary>The naughty strings through every project form: the project's, a phase's, the link, a photo's alternative text.</summary>
[Collection(CivicAppCollection.Name)]
public class NaughtyProjectFormTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    // A quarter of the list, another quarter than the meeting forms' test.
    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 3);

    [Fact]
    public async Task The_project_form_stores_the_text_as_typed_and_shows_it_as_text()
    {
        var agent = await _app.SignedInAsync("agent");
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Sample)
        {
            var values = ProjectData.Valid(s);
            values["Form.Summary"] = s;
            values["Form.Description"] = s;
            values["Form.Budget"] = s;
            values["Form.Latitude"] = s;
            var response = await agent.SubmitAsync("/admin/projets/nouveau", ProjectData.Form, values);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                // A text that is no amount or no coordinate is refused: the same text in the fields that take any text is accepted.
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                values["Form.Budget"] = "";
                values["Form.Latitude"] = "";
                values["Form.Longitude"] = "";
                response = await agent.SubmitAsync("/admin/projets/nouveau", ProjectData.Form, values);
                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            }
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Project.MaxTitle || s.Trim().Length > Project.MaxSummary)
            {
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var url = response.Headers.Location!.OriginalString;
            var id = int.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == id));
            Assert.Equal((s.Trim(), s.Trim()), (stored.Title, stored.Summary));

            var phase = await agent.SubmitAsync(url, "form[action*=AddPhase]", new Dictionary<string, string?>
            { ["Phase.Name"] = s, ["Phase.Description"] = s, ["Phase.StartsOn"] = "2026-01-01" });
            Assert.True((int)phase.StatusCode < 500, $"{(int)phase.StatusCode} for phase {s}");
            var link = await agent.SubmitAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = s, ["kind"] = s, ["number"] = s });
            Assert.True((int)link.StatusCode < 500, $"{(int)link.StatusCode} for link {s}");
            var photo = await agent.UploadAsync(id, photo: true, ProjectData.Png(), "photo.png", "image/png", s);
            Assert.True((int)photo.StatusCode < 500, $"{(int)photo.StatusCode} for alt {s}");
            await agent.SubmitAsync(url, "form[action*=Publish]", new Dictionary<string, string?>());

            var page = await visitor.GetDocumentAsync($"/projets/{id}");
            Assert.Equal(s.Trim().ReplaceLineEndings("\n"), page.QuerySelector("main h1")!.TextContent.Trim().ReplaceLineEndings("\n"));
            NaughtyStringTests.AssertNoInjectedMarkup(page, s);
            NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync(url), s);
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/admin/projets"), "the staff list");
        NaughtyStringTests.AssertNoInjectedMarkup(await visitor.GetDocumentAsync("/projets"), "the public list");
    }
}
