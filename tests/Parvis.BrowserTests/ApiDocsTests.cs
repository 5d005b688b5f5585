using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The API reference page renders Scalar's interface under the site's CSP, from assets served here.</summary>
[Collection(BrowserCollection.Name)]
public class ApiDocsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_reference_lists_the_endpoints_without_a_csp_violation_or_a_request_elsewhere()
    {
        var page = await fixture.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") problems.Add(message.Text);
        };
        page.PageError += (_, error) => problems.Add(error);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                elsewhere.Add(request.Url);
        };
        // Not the load event: the page's 3 MB bundle is parsed on the machine's two cores, and what the reader waits for
        // is the reference written by it, awaited below.
        await page.GotoAsync("/api/docs", new() { WaitUntil = WaitUntilState.Commit });
        // Scalar writes the document's title and operations once it has read /api/v1/openapi.json.
        await Assertions.Expect(page.GetByText("API publique de Parvis").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Les concertations publiées, avec leurs phases et leurs questions").First).ToBeVisibleAsync();
        // The styles injected by Scalar's bundle apply (a blocked <style> leaves the page unstyled).
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.getElementById('scalar-style') && document.styleSheets.length > 0"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(elsewhere.Count == 0, string.Join("\n", elsewhere));
        await page.AssertAccessibleAsync();
    }
}
