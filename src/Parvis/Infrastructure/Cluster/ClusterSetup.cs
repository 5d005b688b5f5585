using StackExchange.Redis;

namespace Parvis.Infrastructure.Cluster;

/// <summary>What a node needs to share with the others: the node's name, and Redis when one is configured.</summary>
public sealed class ClusterOptions
{
    /// <summary>Names this node in job runs, outbox claims and logs; defaults to host name and process id.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>StackExchange.Redis configuration string (e.g. "127.0.0.1:6379"); empty for a single node.</summary>
    public string? Redis { get; set; }
}

public static class ClusterSetup
{
    public static WebApplicationBuilder AddParvisCluster(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Cluster");
        builder.Services.Configure<ClusterOptions>(section);
        var redis = section["Redis"];
        builder.Services.AddSingleton<StaffChanges>();
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<ICacheInvalidation, LocalCacheInvalidation>();
            builder.Services.AddSingleton<IRateLimiterStore, LocalRateLimiterStore>();
        }
        else
        {
            // Start even when Redis is not up yet: the multiplexer reconnects by itself.
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddSingleton<RedisCacheInvalidation>();
            builder.Services.AddSingleton<ICacheInvalidation>(s => s.GetRequiredService<RedisCacheInvalidation>());
            builder.Services.AddHostedService(s => s.GetRequiredService<RedisCacheInvalidation>());
            builder.Services.AddSingleton<IRateLimiterStore, RedisRateLimiterStore>();
        }
        builder.Services.AddSingleton<JobScheduler>();
        builder.Services.AddHostedService(s => s.GetRequiredService<JobScheduler>());
        builder.Services.AddSingleton<IScheduledJob, OutboxPurgeJob>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Operations.HealthTags.Live, Operations.HealthTags.Ready]);
        return builder;
    }
}

/// <summary>For the load balancer: this node answers and reaches the database.</summary>
public sealed class DatabaseHealthCheck(Data.ParvisDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
}
