using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Email;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>The scheduled purge forgets what is kept only for a while, in every organization, and nothing else.</summary>
[Collection(PlatformAppCollection.Name)]
public class RetentionTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_purge_forgets_old_refusals_and_sent_mail_and_keeps_recent_ones()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var old = DateTime.UtcNow.AddDays(-31);
        var recent = DateTime.UtcNow.AddDays(-2);
        await _app.InAAsync(db =>
        {
            db.RateLimitEvents.Add(new RateLimitEvent { Limit = "old-" + tag, IpAddress = "10.0.0.1", FirstAt = old, LastAt = old, RefusedCount = 3 });
            db.RateLimitEvents.Add(new RateLimitEvent { Limit = "recent-" + tag, IpAddress = "10.0.0.2", FirstAt = recent, LastAt = recent, RefusedCount = 3 });
            db.Outbox.Add(new OutboxMessage { To = $"old-{tag}@example.org", Subject = "s", TextBody = "b", CreatedAt = old, NextAttemptAt = old, SentAt = old });
            db.Outbox.Add(new OutboxMessage { To = $"recent-{tag}@example.org", Subject = "s", TextBody = "b", CreatedAt = recent, NextAttemptAt = recent, SentAt = recent });
            return db.SaveChangesAsync();
        });

        // As the scheduler runs it: outside any request, so outside any organization.
        // Sent mail goes with the purge; refusals with each organization's retention settings (30 days by default).
        using (var scope = _app.Services.CreateScope())
        {
            await new OutboxPurgeJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
            await new Parvis.Features.PersonalData.RetentionJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
        }

        var limits = await _app.InAAsync(db => db.RateLimitEvents.Where(e => e.Limit.EndsWith(tag)).Select(e => e.Limit).ToListAsync());
        Assert.Equal(["recent-" + tag], limits);
        var mail = await _app.InAAsync(db => db.Outbox.Where(m => m.To.Contains(tag)).Select(m => m.To).ToListAsync());
        Assert.Equal([$"recent-{tag}@example.org"], mail);
    }
}
