using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;

namespace Parvis.Infrastructure.Operations;

/// <summary>Which checks answer where: /sante (the node is alive and reaches its database) or /sante/pret (ready to serve).</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}

/// <summary>The database has every migration of this release: a node started before an upgrade finished is not ready.</summary>
public sealed class MigrationsHealthCheck(ParvisDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
    }
}

/// <summary>E-mails leave: fewer than Operations:OutboxBacklogLimit wait to be sent (SMTP down, or a worker stuck).</summary>
public sealed class OutboxHealthCheck(ParvisDbContext db, Microsoft.Extensions.Options.IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.OutboxBacklogLimit;
        var backlog = await OutboxBacklog.MeasureAsync(db, cancellationToken);
        return backlog.Count < limit ? HealthCheckResult.Healthy($"{backlog.Count} waiting")
            : HealthCheckResult.Unhealthy($"{backlog.Count} e-mails waiting (limit {limit})");
    }
}

public static class ReadinessReport
{
    /// <summary>A short JSON body: the overall status, and each check's status and reason when it failed.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                // The exception's message says what failed; its stack trace stays in the logs.
                reason = e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description ?? e.Value.Exception?.GetType().Name,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
