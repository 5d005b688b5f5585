using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Synthesis;

/// <summary>
/// A consultation's grouping: asked for by staff (<see cref="RequestAsync"/>), computed by <see cref="GroupingJob"/>
/// from its published contributions with the progress written as it goes, kept as JSON in
/// <see cref="ContributionGrouping"/>. A request never computes.
/// </summary>
public sealed class GroupingStore(ParvisDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Marks the consultation's grouping as wanted; the next run of the job computes it.</summary>
    public async Task RequestAsync(int consultationId)
    {
        var grouping = await db.ContributionGroupings.FirstOrDefaultAsync(g => g.ConsultationId == consultationId);
        if (grouping is null) db.ContributionGroupings.Add(grouping = new ContributionGrouping { ConsultationId = consultationId });
        grouping.RequestedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    public Task<ContributionGrouping?> StateAsync(int consultationId) =>
        db.ContributionGroupings.AsNoTracking().FirstOrDefaultAsync(g => g.ConsultationId == consultationId);

    public static TextGroups? Groups(ContributionGrouping? grouping) =>
        grouping?.Json is { } json ? JsonSerializer.Deserialize<TextGroups>(json, Json) : null;

    /// <summary>Groups the consultation's published contributions now, writing the percentage done every second.</summary>
    public async Task ComputeAsync(int groupingId, CancellationToken token = default)
    {
        var consultationId = await db.ContributionGroupings.Where(g => g.Id == groupingId).Select(g => g.ConsultationId).SingleAsync(token);
        var texts = (await db.Contributions.AsNoTracking()
                .Where(c => c.ConsultationId == consultationId && c.State == ModerationState.Published)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Title, c.Body }).ToListAsync(token))
            .Select(c => new GroupedText(c.Id, c.Title is null ? c.Body : c.Title + ". " + c.Body)).ToList();
        var percent = 0;
        var work = Task.Run(() => TextGrouping.Compute(texts, p => Volatile.Write(ref percent, p), token), token);
        var written = 0;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), token));
            var now = Volatile.Read(ref percent);
            if (now == written || work.IsCompleted) continue;
            written = now;
            await db.ContributionGroupings.Where(g => g.Id == groupingId)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Progress, Math.Min(now, 99)), token);
        }
        var json = JsonSerializer.Serialize(await work, Json);
        var finished = clock.GetUtcNow().UtcDateTime;
        await db.ContributionGroupings.Where(g => g.Id == groupingId).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.Json, json).SetProperty(g => g.Progress, 100).SetProperty(g => g.ComputedAt, finished)
            .SetProperty(g => g.Contributions, texts.Count), token);
    }
}
