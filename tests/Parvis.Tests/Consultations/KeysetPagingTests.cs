using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>A consultation's list is read a page at a time from the last row shown (keyset), in each order.</summary>
[Collection(AppCollection.Name)]
public class KeysetPagingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private const int Seed = 7;

    /// <summary>
    /// 65 contributions in the filtered territory, many with the same count or time, and 10 elsewhere that the filter
    /// leaves out: a quartier (its sibling left out), or a commune (its quartiers in, the agglomeration above it out).
    /// </summary>
    private async Task<(int Consultation, int Territory, List<Contribution> Listed)> ListAsync(bool leaf)
    {
        var (quartier, sibling, commune, above) = await _app.InAAsync(async db =>
        {
            var all = await db.Territories.Select(t => new { t.Id, t.ParentId }).ToListAsync();
            var leaves = all.Where(t => t.ParentId != null && all.All(c => c.ParentId != t.Id)).OrderBy(t => t.Id).ToList();
            var first = leaves[0];
            var next = leaves.First(t => t.Id != first.Id && t.ParentId == first.ParentId);
            var parent = all.Single(t => t.Id == first.ParentId);
            return (first.Id, next.Id, parent.Id, parent.ParentId!.Value);
        });
        var id = await _app.NewOpenConsultationAsync();
        var start = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var ids = await _app.AddContributionsAsync(id, 75, (c, i) =>
        {
            c.Title = $"Avis {i:000}";
            c.TerritoryId = (leaf, i < 65) switch
            {
                (true, true) => quartier,
                (true, false) => sibling,
                (false, true) => i % 2 == 0 ? quartier : sibling,
                _ => above,
            };
            c.AgreeCount = i % 5;
            c.CommentCount = i % 3;
            c.CreatedAt = start.AddMinutes(-(i / 4));
        });
        var listed = await _app.InAAsync(db => db.Contributions.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync());
        return (id, leaf ? quartier : commune, listed.Take(65).ToList());
    }

    private static List<string> Expected(IEnumerable<Contribution> rows, ContributionSort sort) => (sort switch
    {
        ContributionSort.Supported => rows.OrderByDescending(c => c.AgreeCount).ThenByDescending(c => c.Id),
        ContributionSort.Discussed => rows.OrderByDescending(c => c.CommentCount).ThenByDescending(c => c.Id),
        ContributionSort.Random => rows.OrderBy(c => c.Id * (long)Seed % 1_000_003).ThenBy(c => c.Id),
        _ => rows.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    }).Select(c => c.Title!).ToList();

    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".contribution h3").Select(h => h.TextContent.Trim()).ToList();

    [Theory]
    [InlineData(ContributionSort.Recent, true)]
    [InlineData(ContributionSort.Supported, true)]
    [InlineData(ContributionSort.Discussed, true)]
    [InlineData(ContributionSort.Random, true)]
    [InlineData(ContributionSort.Recent, false)]
    [InlineData(ContributionSort.Supported, false)]
    [InlineData(ContributionSort.Discussed, false)]
    [InlineData(ContributionSort.Random, false)]
    public async Task Following_the_next_links_shows_the_whole_list_in_order_once_and_the_previous_links_walk_it_back(ContributionSort sort, bool leaf)
    {
        var (id, territory, listed) = await ListAsync(leaf);
        var expected = Expected(listed, sort);
        var visitor = _app.ClientFor(ParvisFactory.HostA);

        var page = await visitor.GetDocumentAsync($"/concertations/{id}?tri={sort}&territoire={territory}&graine={Seed}");
        Assert.Equal("Contributions 1 à 20", page.QuerySelector("nav .meta")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("a[rel=prev]"));
        var pages = new List<List<string>> { Titles(page) };
        while (page.QuerySelector("a[rel=next]") is { } next)
        {
            var href = next.GetAttribute("href")!;
            Assert.Contains("apres=", href, StringComparison.Ordinal);
            Assert.Contains($"territoire={territory}", href, StringComparison.Ordinal);
            page = await visitor.GetDocumentAsync(href);
            pages.Add(Titles(page));
        }
        Assert.Equal(expected, pages.SelectMany(p => p).ToList());
        Assert.Equal([20, 20, 20, 5], pages.Select(p => p.Count));
        Assert.Equal("5 contributions, à la suite de la liste", page.QuerySelector("nav .meta")!.TextContent.Trim());

        var back = new List<List<string>>();
        while (page.QuerySelector("a[rel=prev]") is { } previous)
        {
            Assert.NotNull(page.QuerySelector("nav a[href$='#contributions']:not([rel])"));
            page = await visitor.GetDocumentAsync(previous.GetAttribute("href")!);
            back.Add(Titles(page));
        }
        Assert.Equal(pages.Take(3).Reverse(), back);
    }

    [Theory]
    [InlineData("apres=abc")]
    [InlineData("apres=12_")]
    [InlineData("apres=_12")]
    [InlineData("apres=99999999999999999999_1")]
    [InlineData("apres=5_-3")]
    [InlineData("avant=%00_%00")]
    [InlineData("avant=-1_2147483648")]
    public async Task A_cursor_that_means_nothing_shows_the_first_page(string cursor)
    {
        var (id, territory, listed) = await ListAsync(leaf: true);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var sort in new[] { ContributionSort.Recent, ContributionSort.Supported })
        {
            var page = await visitor.GetDocumentAsync($"/concertations/{id}?tri={sort}&territoire={territory}&graine={Seed}&{cursor}");
            Assert.Equal(Expected(listed, sort).Take(20), Titles(page));
        }
    }

    [Fact]
    public async Task A_page_asked_by_number_still_answers_and_links_on_from_its_rows()
    {
        var (id, territory, listed) = await ListAsync(leaf: true);
        var expected = Expected(listed, ContributionSort.Supported);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var second = await visitor.GetDocumentAsync($"/concertations/{id}?tri=Supported&territoire={territory}&p=2");
        Assert.Equal(expected.Skip(20).Take(20), Titles(second));
        Assert.Equal("Contributions 21 à 40", second.QuerySelector("nav .meta")!.TextContent.Trim());
        var third = await visitor.GetDocumentAsync(second.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(expected.Skip(40).Take(20), Titles(third));
        var first = await visitor.GetDocumentAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(expected.Take(20), Titles(first));
    }
}
