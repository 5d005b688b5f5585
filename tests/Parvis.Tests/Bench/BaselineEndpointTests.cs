using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Bench;
using Parvis.Testing;

namespace Parvis.Tests.Bench;

[Collection(PlatformAppCollection.Name)]
public class BaselineEndpointDisabledTests(AppFixture fixture)
{
    [Fact]
    public async Task The_baseline_endpoint_does_not_exist_unless_the_bench_is_enabled()
    {
        var response = await fixture.App.ClientFor(ParvisFactory.HostA).GetAsync(BaselineEndpoint.Path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed partial class BaselineEndpointEnabledTests : IAsyncLifetime
{
    private sealed class BenchFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["Bench:Enabled"] = "true" };
    }

    private readonly BenchFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_baseline_endpoint_renders_twelve_contributions_of_the_organization_html_encoded()
    {
        var expectedIds = await _app.InAAsync(async db =>
        {
            var consultation = await db.Consultations.FirstAsync(c => c.Title == ConsultationData.Open);
            for (var i = 0; i < BaselineEndpoint.RowCount; i++)
                db.Contributions.Add(new Contribution { ConsultationId = consultation.Id, TerritoryId = consultation.TerritoryId, Body = $"Idée {i}", CreatedAt = DateTime.UtcNow, State = ModerationState.Published });
            await db.SaveChangesAsync();
            var first = await db.Contributions.Where(c => c.State == ModerationState.Published).OrderBy(c => c.Id).FirstAsync();
            first.Title = "<b>Fortune & co</b>";
            await db.SaveChangesAsync();
            return await db.Contributions.Where(c => c.State == ModerationState.Published).OrderBy(c => c.Id)
                .Take(BaselineEndpoint.RowCount).Select(c => c.Id).ToListAsync();
        });

        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync(BaselineEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        var shownIds = DataRow().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expectedIds.Order(), shownIds.Order());
        Assert.Contains("&lt;b&gt;Fortune &amp; co&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_baseline_endpoint_shows_nothing_of_another_organization()
    {
        var idsOfB = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Contributions.Select(c => c.Id).ToListAsync());

        var html = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync(BaselineEndpoint.Path);

        var shownIds = DataRow().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(shownIds.Intersect(idsOfB));
    }

    [GeneratedRegex("<tr><td>([0-9]+)</td>")]
    private static partial Regex DataRow();
}
