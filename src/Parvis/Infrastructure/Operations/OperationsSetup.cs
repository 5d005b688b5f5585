using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Parvis.Infrastructure.Operations;

/// <summary>The Operations section of the settings: what only the operator reads and whom to tell of a flaw.</summary>
public sealed class OperationsOptions
{
    public static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    /// <summary>The networks (CIDR) allowed to read /sante/pret and /metrics; loopback only when not set (a default
    /// array here would be kept by the configuration binder, which appends the configured ones to it).</summary>
    public string[]? AllowedNetworks { get; set; }

    /// <summary>Readiness fails when this many e-mails wait to be sent (SMTP down, or a worker stuck).</summary>
    public int OutboxBacklogLimit { get; set; } = 1000;

    /// <summary>The contact of /.well-known/security.txt (an address or a URL); none, no file.</summary>
    public string? SecurityContact { get; set; }

    /// <summary>"json": the console writes one JSON object per line (for Loki, Elasticsearch, journald…);
    /// otherwise the plain text of ASP.NET Core. Both carry the request's id (RequestId) in every line of a request.</summary>
    public string? LogFormat { get; set; }

    public bool JsonLogs => string.Equals(LogFormat?.Trim(), "json", StringComparison.OrdinalIgnoreCase);
}

public static class OperationsSetup
{
    public const string ReadinessPath = "/sante/pret";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddParvisOperations(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OperationsOptions>(builder.Configuration.GetSection("Operations"));
        builder.AddParvisLogs();
        builder.Services.AddSingleton<OperatorNetworks>();
        builder.Services.AddSingleton<ParvisMetrics>();
        builder.Services.AddSingleton<DbCommandTimer>();
        builder.Services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [HealthTags.Ready]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ParvisMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// The console's format. The scopes are what carries the request's id: ASP.NET Core opens one per request with
    /// its RequestId (HttpContext.TraceIdentifier, the id the error page shows) and TraceId.
    /// </summary>
    private static void AddParvisLogs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Operations").Get<OperationsOptions>() ?? new OperationsOptions();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        }
    }

    /// <summary>Before the organization is resolved: the operator asks by address, not by host name.</summary>
    public static WebApplication UseParvisOperations(this WebApplication app)
    {
        var networks = app.Services.GetRequiredService<OperatorNetworks>();
        // The one rule for what only the operator reads, on the client's address as the forwarded headers left it.
        app.UseWhen(ctx => IsOperatorPath(ctx.Request.Path), guarded => guarded.Use(async (ctx, next) =>
        {
            if (networks.Allows(ctx.Connection.RemoteIpAddress))
            {
                await next();
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync("Réservé au réseau de l'exploitant.\n", ctx.RequestAborted);
        }));
        app.UseHealthChecks("/sante", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live) });
        app.UseHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthTags.Ready),
            ResponseWriter = ReadinessReport.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(ReadinessPath) || path.StartsWithSegments(MetricsPath);
}

/// <summary>Operations:AllowedNetworks, parsed once.</summary>
public sealed class OperatorNetworks(Microsoft.Extensions.Options.IOptions<OperationsOptions> options)
{
    private readonly IPNetwork[] _networks = [.. (options.Value.AllowedNetworks ?? OperationsOptions.Loopback).Select(n => IPNetwork.Parse(n.Trim()))];

    /// <summary>No address (an in-process request, a Unix socket without forwarded headers) is not the operator's.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _networks.Any(n => n.Contains(address));
    }
}
