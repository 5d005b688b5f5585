using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Parvis.Domain;
using Parvis.Features.Requests;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Requests;

/// <summary>The requests' figures of "Vous avez dit, nous avons fait", on seeded requests whose answers are known (run on SQLite and PostgreSQL).</summary>
[Collection(InitiativesAppCollection.Name)]
public class RequestStatisticsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>The cells of the row named <paramref name="label"/> in the table: received, to acknowledge, to resolve, within target.</summary>
    private static string[] Row(IHtmlDocument page, string table, string label)
    {
        var row = page.QuerySelectorAll($"#{table} tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == label);
        return row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
    }

    private async Task<IHtmlDocument> TerritoryPageAsync(int territory) =>
        await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/nous-avons-fait/territoires/{territory}");

    [Fact]
    public async Task Even_counts_take_the_mean_of_the_two_middle_delays_and_the_target_counts_resolved_and_late_open_requests()
    {
        var territory = await _app.NewTerritoryAsync();
        var category = await _app.NewCategoryAsync(targetHours: 72);
        // Acknowledged after 1, 3, 5 and 30 hours (median 4 h); resolved after 24, 48, 96 and 120 hours (median 72 h = 3 days), two of them within the 72-hour target.
        await _app.AddHandledAsync(category, territory, 240, 1, 24);
        await _app.AddHandledAsync(category, territory, 240, 3, 48);
        await _app.AddHandledAsync(category, territory, 240, 5, 96);
        await _app.AddHandledAsync(category, territory, 240, 30, 120);
        // Still open: one past its due time (it lowers the share), one too recent to be late (left out of the share).
        await _app.AddHandledAsync(category, territory, 120, null);
        await _app.AddHandledAsync(category, territory, 1, null);
        // Neither hidden nor unconfirmed requests count.
        await _app.AddHandledAsync(category, territory, 240, 100, 200, change: r => r.IsHidden = true);
        await _app.AddHandledAsync(category, territory, 240, 100, 200, change: r => r.AwaitingEmail = true);

        var page = await TerritoryPageAsync(territory);

        Assert.Equal(["6", "4 h", "3 j", "40 %"], Row(page, "signalements-par-categorie", category.Name));
        Assert.Equal(["6", "4 h", "3 j", "40 %"], Row(page, "signalements-par-service", category.ServiceName));
        Assert.Equal(["6", "4 h", "3 j", "40 %"], page.QuerySelectorAll("#signalements-par-service tfoot td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Contains("Délai de résolution : temps médian", page.QuerySelector("#definitions-signalements")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#signalements-par-categorie caption"));
        Assert.Equal(5, page.QuerySelectorAll("#signalements-par-categorie thead th[scope=col]").Length);
    }

    [Fact]
    public async Task Odd_counts_take_the_middle_delay_and_rejections_count_for_acknowledging_but_not_for_the_target()
    {
        var territory = await _app.NewTerritoryAsync();
        var service = RequestData.Unique("Service");
        var lamps = await _app.NewCategoryAsync(targetHours: 72, service: service);
        var trees = await _app.NewCategoryAsync(targetHours: 24, service: service);
        // Lamps: acknowledged after 1, 2, 50 h and resolved after 26, 30, 80 h; two rejected, acknowledged after 4 and 6 h.
        await _app.AddHandledAsync(lamps, territory, 200, 1, 26);
        await _app.AddHandledAsync(lamps, territory, 200, 2, 30);
        await _app.AddHandledAsync(lamps, territory, 200, 50, 80);
        await _app.AddHandledAsync(lamps, territory, 200, 4, 5, RequestStatus.Rejected);
        await _app.AddHandledAsync(lamps, territory, 200, 6, 7, RequestStatus.Duplicate);
        // Trees: one acknowledged in 40 minutes, resolved in 20 hours (within its 24-hour target).
        await _app.AddHandledAsync(trees, territory, 200, 40.0 / 60, 20);

        var page = await TerritoryPageAsync(territory);

        // Acknowledged: 1, 2, 4, 6, 50 → 4 h; resolved: 26, 30, 80 → 30 h; within target: 2 of 3.
        Assert.Equal(["5", "4 h", "1 j 6 h", "67 %"], Row(page, "signalements-par-categorie", lamps.Name));
        Assert.Equal(["1", "40 min", "20 h", "100 %"], Row(page, "signalements-par-categorie", trees.Name));
        // The service answers both: acknowledged 0.67, 1, 2, 4, 6, 50 → 3 h; resolved 20, 26, 30, 80 → 28 h; 3 of 4 within.
        Assert.Equal(["6", "3 h", "1 j 4 h", "75 %"], Row(page, "signalements-par-service", service));
    }

    [Fact]
    public void Durations_read_in_days_and_hours_or_minutes_under_an_hour()
    {
        Assert.Equal("{0} j {1} h", RequestStatistics.DurationText(TimeSpan.FromHours(52)).Template);
        Assert.Equal([2, 4], RequestStatistics.DurationText(TimeSpan.FromHours(52)).Values);
        Assert.Equal("{0} h", RequestStatistics.DurationText(TimeSpan.FromHours(5)).Template);
        Assert.Equal("{0} j", RequestStatistics.DurationText(TimeSpan.FromDays(3)).Template);
        Assert.Equal("{0} min", RequestStatistics.DurationText(TimeSpan.FromMinutes(45)).Template);
        Assert.Equal([45], RequestStatistics.DurationText(TimeSpan.FromMinutes(45)).Values);
    }
}
