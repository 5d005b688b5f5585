using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// The per-domain limit on signing: so many signatures a minute from one e-mail domain on one petition, the way
/// the UK petitions site stopped scripted runs from a private domain. The big webmail domains, where a real wave
/// of citizens lands, are exempt (configuration "RateLimits:SigningExemptDomains"). The per-address limit is
/// the ordinary <see cref="RateLimits.Signing"/> rule of the signing page.
/// </summary>
public sealed class SigningLimits(IConfiguration configuration, IRateLimiterStore store, IMemoryCache cache)
{
    public static readonly string[] DefaultExemptDomains =
    [
        "gmail.com", "outlook.fr", "outlook.com", "hotmail.fr", "hotmail.com", "live.fr", "msn.com", "orange.fr", "wanadoo.fr",
        "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "yahoo.fr", "yahoo.com", "icloud.com", "me.com", "bbox.fr", "aol.com",
        "gmx.fr", "protonmail.com", "proton.me",
    ];

    private readonly HashSet<string> _exempt = (configuration.GetSection("RateLimits:SigningExemptDomains").Get<string[]>() is { Length: > 0 } list
        ? list : DefaultExemptDomains).Select(d => d.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    public int PerDomainPerMinute { get; } = configuration.GetValue("RateLimits:SignaturesPerDomainPerMinute", 20);

    public RateLimitRule DomainRule => new(RateLimits.SigningDomain, PerDomainPerMinute, TimeSpan.FromMinutes(1), PerAccount: false);

    public bool IsExempt(string domain) => _exempt.Contains(domain);

    /// <summary>Takes one signature from the domain's allowance on this petition; false when it is used up.</summary>
    public async ValueTask<bool> TryTakeAsync(int organizationId, int petitionId, string domain)
    {
        if (IsExempt(domain)) return true;
        var key = $"{RateLimits.SigningDomain}:{organizationId}:{petitionId}:{domain}";
        var limiter = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(2);
            entry.PostEvictionCallbacks.Add(new PostEvictionCallbackRegistration { EvictionCallback = (_, value, _, _) => (value as IDisposable)?.Dispose() });
            return store.FixedWindow(key, PerDomainPerMinute, TimeSpan.FromMinutes(1));
        })!;
        // Asked asynchronously: a shared store's counter (Redis) cannot answer the synchronous attempt.
        using var lease = await limiter.AcquireAsync();
        return lease.IsAcquired;
    }
}
