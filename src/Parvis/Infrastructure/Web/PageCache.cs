using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// Pages as an anonymous visitor sees them are kept in memory for a few seconds, per host, address and
/// language: a page that goes viral is rendered a few times a minute, not once per visitor. Signed-in
/// people always get a fresh page; a page holding a form token (Cache-Control: no-store) or setting a
/// cookie is never stored. A staff action (anything written to the audit log: moderation, answers,
/// settings) evicts its organization's pages on every node at once; citizens' new contributions reach
/// anonymous readers within <see cref="Duration"/>.
/// </summary>
public sealed class AnonymousPagePolicy : IOutputCachePolicy
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static string OrganizationTag(int organizationId) => "org:" + organizationId.ToString(CultureInfo.InvariantCulture);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Cookies.Keys.Any(IsPersonalCookie)
            && !request.Path.StartsWithSegments("/bench")
            && !request.Path.StartsWithSegments("/fichiers");
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Duration;
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["lang"] = CultureInfo.CurrentUICulture.Name;
        var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
        if (tenant.IsResolved) context.Tags.Add(OrganizationTag(tenant.OrganizationId));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    // Sign-in (and its two-factor steps), a pending message, a FranceConnect flow or session: the page is that person's own.
    private static bool IsPersonalCookie(string name) =>
        name.StartsWith("parvis.auth", StringComparison.Ordinal)
        || name.StartsWith("parvis.fc", StringComparison.Ordinal)
        || name.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)
        || name.StartsWith(CookieTempDataProvider.CookieName, StringComparison.Ordinal);
}

/// <summary>
/// MVC's cookie TempData provider writes an expired cookie on every page that reads TempData, even for a
/// visitor who never had one; that Set-Cookie would make every page uncacheable. Only write when there
/// is something to keep or a cookie to clear.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider inner, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(options.Value.Cookie.Name ?? CookieTempDataProvider.CookieName)) return;
        inner.SaveTempData(context, values);
    }
}
