using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// A POST naming a handler a page does not have, or none where the page has no default one, is a 400 on every
/// page, anonymous or signed in: never the page run without its handler (a 500), never another handler.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public partial class UnknownHandlerTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Every_page_answers_400_to_a_post_with_an_unknown_or_missing_handler()
    {
        var targets = await TargetsAsync();
        Assert.NotEmpty(targets);
        var wrong = new List<string>();
        foreach (var client in new[] { _app.ClientFor(ParvisFactory.HostA), await _app.SignedInAsync("admin") })
        {
            var token = ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
                ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;
            foreach (var url in targets)
            {
                var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                if (response.StatusCode != HttpStatusCode.BadRequest && !StoppedBefore(response))
                    wrong.Add($"POST {url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // A page the person may not open at all sends them to the sign-in or access-denied page before any handler is chosen.
    private static bool StoppedBefore(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to
        && (to.Contains("/compte/connexion", StringComparison.Ordinal) || to.Contains("/compte/acces-refuse", StringComparison.Ordinal));

    /// <summary>Each page with a bogus handler, and each page without a default POST handler with none.</summary>
    private async Task<List<string>> TargetsAsync()
    {
        var targets = new List<string>();
        var loader = _app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var url = Parameter().Replace("/" + endpoint.RoutePattern.RawText?.TrimStart('/'), m => Sample(m.Groups[1].Value));
            targets.Add(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Inexistant");
            if (!compiled.HandlerMethods.Any(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase) && h.Name is null)) targets.Add(url);
        }
        return targets;
    }

    // A value each route constraint accepts; the handler is refused before the value is looked up.
    private static string Sample(string constraint) =>
        constraint.Contains("int", StringComparison.Ordinal) ? "1"
        : constraint.Contains("guid", StringComparison.Ordinal) ? Guid.Empty.ToString()
        : Alternative().Match(constraint) is { Success: true } m ? m.Groups[1].Value
        : "x";

    [GeneratedRegex(@"\{[^}:?]+(?::([^}]*?))?\??\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\^\(([^|)]+)")]
    private static partial Regex Alternative();
}
