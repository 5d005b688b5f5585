using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// The API key a request carries, checked: the request counts against the key's limit; <paramref name="Open311"/> says
/// whether the key may also send reports through Open311 and read the requests that are not public.
/// </summary>
public sealed record ApiKeyGrant(int KeyId, string Name, string Prefix, int ReadsPerMinute, bool Open311);

/// <summary>The request carried a key this organization does not know, or has revoked: the API answers 401.</summary>
public sealed record ApiKeyRefusal;

/// <summary>
/// The one place a presented API key is found: among the current organization's keys that are not revoked, by the
/// SHA-256 of the secret (<see cref="ApiKey.Hash"/>). The public API's rate limiting and Open311 both ask it. A key is
/// remembered a minute per node; revoking one forgets it on every node (<see cref="Cluster.ICacheInvalidation"/>).
/// </summary>
public sealed class ApiKeyLookup(ParvisDbContext db, IMemoryCache cache, TenantContext tenant)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    public static string CacheKey(int organizationId, string secretHash) => $"api-key:{organizationId}:{secretHash}";

    public async Task<ApiKeyGrant?> FindAsync(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > ApiKey.MaxSecret) return null;
        var hash = ApiKey.Hash(secret.Trim());
        var key = CacheKey(tenant.Organization.Id, hash);
        if (cache.TryGetValue(key, out ApiKeyGrant? grant)) return grant;
        // Unknown keys are not remembered: whoever tries random ones must not fill the memory.
        grant = await db.ApiKeys.AsNoTracking().Where(k => k.SecretHash == hash && k.RevokedAt == null)
            .Select(k => new ApiKeyGrant(k.Id, k.Name, k.Prefix, k.ReadsPerMinute, k.Open311)).FirstOrDefaultAsync();
        if (grant is not null) cache.Set(key, grant, Remembered);
        return grant;
    }

    /// <summary>The secret a request presents in its headers, if any.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-Api-Key"].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }

    /// <summary>The secret an Open311 request presents: its <c>api_key</c> parameter (query or form), else its headers.</summary>
    public static string? PresentedToOpen311(HttpRequest request, IFormCollection? form = null)
    {
        var parameter = form?["api_key"].ToString() is { Length: > 0 } posted ? posted : request.Query["api_key"].ToString();
        return parameter.Trim().Length > 0 ? parameter : Presented(request);
    }
}

/// <summary>Sets <see cref="ApiKeyGrant"/> or <see cref="ApiKeyRefusal"/> on the public API's requests that carry a key.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, ApiKeyLookup keys)
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Limit == RateLimits.PublicApi
            && ApiKeyLookup.Presented(ctx.Request) is { } secret)
        {
            if (await keys.FindAsync(secret) is { } grant) ctx.Features.Set(grant);
            else ctx.Features.Set(new ApiKeyRefusal());
        }
        await next(ctx);
    }
}
