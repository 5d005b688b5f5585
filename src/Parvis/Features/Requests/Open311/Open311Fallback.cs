using Microsoft.AspNetCore.Routing.Template;

namespace Parvis.Features.Requests.Open311;

/// <summary>
/// Whatever else reaches /open311/v2 — an unknown path, a method a path does not take — is answered in the
/// spec's error format (JSON, or XML when the path ends in .xml), never with the site's HTML error page.
/// </summary>
public static class Open311Fallback
{
    public const string Prefix = "/open311/v2";

    public static void MapOpen311Fallback(this IEndpointRouteBuilder app) =>
        // A fallback takes every method, so routing no longer answers its own 405 here: this decides.
        app.MapFallback(Prefix + "/{**path}", (HttpContext http, EndpointDataSource endpoints) =>
        {
            var path = http.Request.Path.Value ?? "";
            var format = path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "xml" : "json";
            var allowed = MethodsOf(endpoints, http.Request.Path);
            if (allowed.Count == 0)
                return Open311Document.Errors(404, "Cette adresse n'existe pas dans l'API Open311 (GeoReport v2).").ToResult(format, 404);
            http.Response.Headers.Allow = string.Join(", ", allowed);
            return Open311Document.Errors(405, $"Cette adresse de l'API Open311 accepte seulement : {string.Join(", ", allowed)}.")
                .ToResult(format, 405);
        });

    /// <summary>The methods the API's own routes take at this path (none when no route matches it).</summary>
    private static List<string> MethodsOf(EndpointDataSource endpoints, PathString path) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(Prefix + "/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null
                && new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
