using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Resources;

namespace Parvis.Infrastructure.Tenancy;

/// <summary>Resolves the organization from the host name; an installation with one organization answers on any host.</summary>
public sealed class TenantMiddleware(RequestDelegate next, IMemoryCache cache)
{
    public const string OrganizationClaim = "parvis:org";

    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var host = context.Request.Host.Host.ToLowerInvariant();
        // The context is asked for only on a miss: most requests find their organization in memory.
        var organization = await cache.GetOrCreateAsync("tenant:" + host, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            var db = context.RequestServices.GetRequiredService<ParvisDbContext>();
            var id = await db.OrganizationHosts.AsNoTracking().Where(h => h.HostName == host).Select(h => (int?)h.OrganizationId).FirstOrDefaultAsync();
            if (id is null)
            {
                var ids = await db.Organizations.AsNoTracking().Select(o => o.Id).Take(2).ToListAsync();
                if (ids.Count == 1) id = ids[0];
            }
            return id is null ? null : await db.Organizations.AsNoTracking().Include(o => o.Hosts).FirstAsync(o => o.Id == id);
        });
        if (organization is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await context.Response.WriteAsync(text["Aucune collectivité n'est servie à cette adresse."]);
            return;
        }
        tenant.Set(organization);
        await next(context);
    }

    /// <summary>Evicts the cached organization on every node after an administrator edits it.</summary>
    public static Task ForgetAsync(Cluster.ICacheInvalidation invalidation, IEnumerable<string> hosts) =>
        invalidation.ForgetAsync(hosts.Select(host => "tenant:" + host).ToList());
}

/// <summary>Runs after authentication: a sign-in cookie of another organization counts as no sign-in.</summary>
public sealed class TenantUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var claimed = context.User.FindFirstValue(TenantMiddleware.OrganizationClaim);
        if (context.User.Identity?.IsAuthenticated == true && claimed != tenant.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        return next(context);
    }
}

public static class OrganizationExtensions
{
    public static IEnumerable<string> HostNames(this Organization organization) => organization.Hosts.Select(h => h.HostName);
}
