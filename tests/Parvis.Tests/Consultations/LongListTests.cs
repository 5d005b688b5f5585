using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>A big consultation is counted only as far as the pages asked need, so its page costs the same at 1,000 or 1,000,000 contributions.</summary>
[Collection(AppCollection.Name)]
public class LongListTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Past_a_thousand_the_first_page_says_more_than_and_deep_pages_count_exactly()
    {
        var id = await _app.NewOpenConsultationAsync();
        await _app.AddContributionsAsync(id, 1005, (c, i) =>
        {
            c.Body = $"Avis n° {i}";
            c.CreatedAt = DateTime.UtcNow.AddMinutes(-i);
        });
        var visitor = _app.ClientFor(ParvisFactory.HostA);

        var first = await visitor.GetDocumentAsync($"/concertations/{id}");
        Assert.Equal("Contributions (plus de 1000)", first.QuerySelector("#contributions")!.TextContent.Trim());
        Assert.Equal("Contributions 1 à 20", first.QuerySelector("nav .meta")!.TextContent.Trim());
        Assert.NotNull(first.QuerySelector(".pager a[rel=next][href*='apres=']"));

        // Old links by page number still answer, counted as deep as they ask.
        var last = await visitor.GetDocumentAsync($"/concertations/{id}?tri=Recent&p=51");
        Assert.Equal("Contributions (1005)", last.QuerySelector("#contributions")!.TextContent.Trim());
        Assert.Equal("Contributions 1001 à 1005", last.QuerySelector("nav .meta")!.TextContent.Trim());
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.Contains("Avis n° 1004", last.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
