using System.Data.Common;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Web;

public static class RateLimits
{
    public const string SignUp = "sign-up";
    public const string Login = "login";
    public const string PasswordReset = "password-reset";
    public const string Posting = "posting";
    public const string Reactions = "reactions";
    public const string Flags = "flags";
    public const string PersonalDataExport = "personal-data-export";
    /// <summary>Attempts that could guess: census matches, postal codes.</summary>
    public const string IdentityChecks = "identity-checks";
    /// <summary>Signing petitions, per IP address (a town hall's shared address signs many times).</summary>
    public const string Signing = "signing";
    /// <summary>Signatures from one e-mail domain on one petition (see <c>SigningLimits</c>).</summary>
    public const string SigningDomain = "signing-domain";
    /// <summary>Reads of the public API (/api/v1), per IP address, or per API key (its own limit).</summary>
    public const string PublicApi = "public-api";

    /// <summary>What the moderators read for each limit.</summary>
    public static string Label(string limit) => limit switch
    {
        SignUp => "Inscriptions",
        Login => "Connexions",
        PasswordReset => "Mots de passe oubliés",
        Posting => "Contributions et commentaires",
        Reactions => "Réactions",
        Flags => "Signalements",
        PersonalDataExport => "Téléchargements de données personnelles",
        IdentityChecks => "Vérifications d'identité",
        Signing => "Signatures de pétitions (par adresse IP)",
        SigningDomain => "Signatures de pétitions (par domaine e-mail)",
        PublicApi => "Lectures de l'API publique",
        _ => limit,
    };
}

/// <summary>
/// The unsafe requests of this page count against a limit. On participation pages the handler picks
/// the limit: reacting and flagging have their own allowances (see <see cref="RateLimiting.RuleFor"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RateLimitedAttribute(string limit) : Attribute
{
    public string Limit { get; } = limit;
}

/// <summary>The endpoint answers its errors as application/problem+json (the public API), never with the HTML error page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ProblemJsonAttribute : Attribute;

/// <summary>
/// A limit: so many requests per window, counted per IP address (unless not PerAddress) and, when PerAccount,
/// also per signed-in account. CountsReads: a GET counts too (a heavy download, not a page).
/// </summary>
/// <summary>Set on a refused request for the error page: how long until the limit lets the person try again.</summary>
public sealed record RateLimitRefusal(TimeSpan RetryAfter);

public sealed record RateLimitRule(string Name, int Permits, TimeSpan Window, bool PerAccount, bool PerAddress = true, bool CountsReads = false);

/// <summary>The limits by name, as configured.</summary>
public sealed class RateLimitRules(IDictionary<string, RateLimitRule> rules)
    : System.Collections.ObjectModel.ReadOnlyDictionary<string, RateLimitRule>(rules);

public static class RateLimiting
{
    public static IServiceCollection AddParvisRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits");
        RateLimitRule[] list =
        [
            new(RateLimits.SignUp, settings.GetValue("SignUpPerHour", 10), TimeSpan.FromHours(1), PerAccount: false),
            new(RateLimits.Login, settings.GetValue("LoginPerMinute", 10), TimeSpan.FromMinutes(1), PerAccount: false),
            new(RateLimits.PasswordReset, settings.GetValue("ResetsPerHour", 5), TimeSpan.FromHours(1), PerAccount: false),
            new(RateLimits.Posting, settings.GetValue("PostsPerMinute", 30), TimeSpan.FromMinutes(1), PerAccount: true),
            new(RateLimits.Reactions, settings.GetValue("ReactionsPerMinute", 60), TimeSpan.FromMinutes(1), PerAccount: true),
            new(RateLimits.Flags, settings.GetValue("FlagsPerMinute", 10), TimeSpan.FromMinutes(1), PerAccount: true),
            // Heavy, and only for the signed-in person: counted per account, so a town hall's shared address never blocks it.
            new(RateLimits.PersonalDataExport, settings.GetValue("ExportsPerHour", 10), TimeSpan.FromHours(1), PerAccount: true, PerAddress: false, CountsReads: true),
            new(RateLimits.IdentityChecks, settings.GetValue("IdentityChecksPerHour", 5), TimeSpan.FromHours(1), PerAccount: true),
            // Per address only: a person signs once per petition anyway, and a town hall's public computers share one address.
            new(RateLimits.Signing, settings.GetValue("SignaturesPerHour", 50), TimeSpan.FromHours(1), PerAccount: false),
            // Anonymous reads, per address: enough to sync an organization page by page, not to flood the database.
            new(RateLimits.PublicApi, settings.GetValue("ApiReadsPerMinute", 300), TimeSpan.FromMinutes(1), PerAccount: false, CountsReads: true),
        ];
        var rules = new RateLimitRules(list.ToDictionary(r => r.Name));
        services.AddSingleton(rules);
        services.AddScoped<RateLimitRecorder>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Both counters must allow a request: one bot account is stopped across addresses,
            // one address is stopped across accounts.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(ctx, rules, perAccount: true)),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(ctx, rules, perAccount: false)));
            o.OnRejected = async (ctx, token) =>
            {
                var http = ctx.HttpContext;
                if (RuleFor(http, rules) is { } rule)
                {
                    http.RequestServices.GetRequiredService<Operations.ParvisMetrics>().RateLimitRefused(rule.Name);
                    await http.RequestServices.GetRequiredService<RateLimitRecorder>().RecordAsync(rule, http.User.UserId(), http.Connection.RemoteIpAddress?.ToString(), token);
                }
                // The true wait: what the counter says, else the limit's whole window (an hourly limit is not "a minute").
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
                    : RuleFor(http, rules)?.Window ?? TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // No body here: the status code pages re-execute the French error page, which says how long to wait
                // and gives back what the person typed.
                http.Features.Set(new RateLimitRefusal(TimeSpan.FromSeconds(seconds)));
                // An API answers its clients in its own format, not with the site's error page.
                if (http.GetEndpoint()?.Metadata.GetMetadata<ProblemJsonAttribute>() is not null)
                    await Results.Problem($"Trop de requêtes : réessayez dans {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Trop de requêtes").ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>The limit a request counts against, if any. Reading a page never uses up an allowance.</summary>
    public static RateLimitRule? RuleFor(HttpContext ctx, IReadOnlyDictionary<string, RateLimitRule> rules)
    {
        var limit = ctx.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Limit;
        if (limit is null) return null;
        if ((HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)) && !rules[limit].CountsReads) return null;
        if (limit == RateLimits.Posting)
        {
            // Razor Pages read the handler from the query string (?handler=React), as the forms send it.
            limit = ctx.Request.Query["handler"].ToString().ToUpperInvariant() switch
            {
                // A statement's agree / disagree / pass is a reaction: one click each, many in a row.
                "REACT" or "SUPPORT" or "WITHDRAW" or "VOTE" => RateLimits.Reactions,
                "FLAG" or "FLAGCOMMENT" => RateLimits.Flags,
                _ => RateLimits.Posting,
            };
        }
        // Declaring an address for a letter guesses nothing; typing its code does.
        if (limit == RateLimits.IdentityChecks && ctx.Request.Query["handler"].ToString().Equals("Request", StringComparison.OrdinalIgnoreCase)) return null;
        return rules[limit];
    }

    private static RateLimitPartition<string> Partition(HttpContext ctx, IReadOnlyDictionary<string, RateLimitRule> rules, bool perAccount)
    {
        if (RuleFor(ctx, rules) is not { } rule) return RateLimitPartition.GetNoLimiter("");
        // A reuser's key has its own allowance, wherever its requests come from.
        if (!perAccount && rule.Name == RateLimits.PublicApi && ctx.Features.Get<ApiKeyGrant>() is { } key)
            return Counter(ctx, $"{rule.Name}:key:{key.KeyId}", rule with { Permits = key.ReadsPerMinute });
        if (!perAccount) return rule.PerAddress ? Counter(ctx, $"{rule.Name}:ip:{ctx.Connection.RemoteIpAddress}", rule) : RateLimitPartition.GetNoLimiter("");
        return rule.PerAccount && ctx.User.UserId() is { } id ? Counter(ctx, $"{rule.Name}:user:{id}", rule) : RateLimitPartition.GetNoLimiter("");
    }

    // The one place a counter is made: in this node's memory, or in Redis for every node (IRateLimiterStore).
    private static RateLimitPartition<string> Counter(HttpContext ctx, string key, RateLimitRule rule) =>
        RateLimitPartition.Get(key, k => ctx.RequestServices.GetRequiredService<Cluster.IRateLimiterStore>().FixedWindow(k, rule.Permits, rule.Window));
}

/// <summary>Keeps who was stopped by which limit, so that moderators see it (page /moderation/limites).</summary>
public sealed class RateLimitRecorder(ParvisDbContext db, TenantContext tenant, TimeProvider clock, ILogger<RateLimitRecorder> log)
{
    public async Task RecordAsync(RateLimitRule rule, Guid? userId, string? ip, CancellationToken token)
    {
        if (!tenant.IsResolved) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - TimeSpan.FromHours(1);
        try
        {
            var updated = await db.RateLimitEvents
                .Where(e => e.Limit == rule.Name && e.UserId == userId && e.IpAddress == ip && e.LastAt > since)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.RefusedCount, e => e.RefusedCount + 1).SetProperty(e => e.LastAt, now), token);
            if (updated > 0) return;
            db.RateLimitEvents.Add(new RateLimitEvent { Limit = rule.Name, UserId = userId, IpAddress = ip, FirstAt = now, LastAt = now, RefusedCount = 1 });
            await db.SaveChangesAsync(token);
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // The refusal stands even if it cannot be written down.
            log.LogWarning(e, "Could not record a rate-limit refusal for {Limit}.", rule.Name);
        }
    }
}
