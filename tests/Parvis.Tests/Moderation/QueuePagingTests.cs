using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Moderation;
using Parvis.Testing;

namespace Parvis.Tests.Moderation;

/// <summary>A long queue comes in pages, so a moderator's page stays light whatever the backlog. Its own application: the backlog would push other tests' items off the first page.</summary>
public sealed class QueuePagingTests : IAsyncLifetime
{
    private readonly ParvisFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_backlog_of_35_items_is_shown_30_then_5()
    {
        var id = await _app.NewOpenConsultationAsync();
        await _app.AddContributionsAsync(id, 35, (c, i) =>
        {
            c.Body = $"En attente n° {i}";
            c.CreatedAt = DateTime.UtcNow.AddMinutes(i - 60);
            c.State = ModerationState.PendingReview;
            c.ModerationReason = ModeratedItem.PendingReason;
        });
        var moderator = await _app.SignedInAsync("moderation");

        var first = await moderator.GetDocumentAsync("/moderation");
        Assert.Equal(ModerationCommands.QueuePageSize, first.QuerySelectorAll("form:has(input[name=id])").Length);
        Assert.Contains("Contributions (35)", first.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 1 sur 2", first.QuerySelector("nav .pager")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("En attente n° 0", first.QuerySelector("main")!.TextContent, StringComparison.Ordinal); // oldest first

        var second = await moderator.GetDocumentAsync(first.QuerySelector("a[href='/moderation?p=2']")!.GetAttribute("href")!);
        Assert.Equal(5, second.QuerySelectorAll("form:has(input[name=id])").Length);
        Assert.Contains("En attente n° 34", second.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
