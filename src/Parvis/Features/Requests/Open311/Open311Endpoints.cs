using System.Globalization;
using System.Security.Claims;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Open311;

/// <summary>
/// Open311 GeoReport v2 at /open311/v2/ (wiki.open311.org/GeoReport_v2), plus mySociety's
/// servicerequestupdates. Keyed, not cookie-based: cookies are ignored and no antiforgery token is asked.
/// Each path ends in .json or .xml; another extension is a 400 in JSON.
/// </summary>
public static class Open311Endpoints
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/open311/v2")
            .DisableAntiforgery()
            // A client reads what it just posted: no anonymous page cache here.
            .CacheOutput(p => p.NoCache())
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                // Whoever is signed in to the site, the API answers the same: the key alone speaks for a client.
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                var format = http.Request.RouteValues["format"] as string;
                if (format is not ("json" or "xml"))
                    return Open311Document.Errors(400, "Format inconnu : terminez l'adresse par .json ou .xml.").ToResult("json", 400);
                if (http.Request.HasFormContentType)
                {
                    try
                    {
                        await http.Request.ReadFormAsync(http.RequestAborted);
                    }
                    catch (InvalidDataException)
                    {
                        return Open311Document.Errors(400, "Le formulaire envoyé est illisible.").ToResult(format, 400);
                    }
                }
                if (JurisdictionError(http) is { } error) return error.ToResult(format, 404);
                return await next(context);
            });

        api.MapGet("/discovery.{format}", (string format, HttpContext http, TenantContext tenant) =>
        {
            var baseUrl = BaseUrl(http);
            var endpoint = new Open311Item().With("specification", Specification).With("url", $"{baseUrl}/open311/v2")
                .With("changeset", "2026-11-26T00:00:00+00:00").With("type", "production")
                .With("formats", new Open311List("format", ["text/xml", "application/json"]));
            return Open311Document.One("discovery", new Open311Item()
                .With("changeset", "2026-11-26T00:00:00+00:00")
                .With("contact", tenant.Organization.ContactEmail is { } contact ? $"{tenant.Organization.Name} <{contact}>" : tenant.Organization.Name)
                .With("key_service", $"{baseUrl}/admin/cles-api — clés délivrées par l'administration de la collectivité ; jurisdiction_id : {Jurisdiction(tenant)}")
                .With("endpoints", new Open311List("endpoint", [endpoint]))).ToResult(format);
        });

        api.MapGet("/services.{format}", async (string format, Open311Queries queries) =>
            new Open311Document("services", "service", await queries.ServicesAsync()).ToResult(format));

        api.MapGet("/services/{code}.{format}", async (string code, string format, Open311Queries queries) =>
            await queries.DefinitionAsync(Open311Posting.NoNul(code)) is { } definition
                ? Open311Document.One("service_definition", definition).ToResult(format)
                : Open311Document.Errors(404, "Ce service_code n'existe pas ici.").ToResult(format, 404));

        api.MapGet("/requests.{format}", async (string format, HttpContext http, Open311Queries queries, ApiKeyLookup keys, TenantContext tenant) =>
        {
            if (await ReadRefusedAsync(http, keys, tenant) is { } refused) return refused.ToResult(format, 403);
            var (filter, error) = ParseFilter(http.Request.Query, queries.Now);
            if (filter is null) return Open311Document.Errors(400, error!).ToResult(format, 400);
            return new Open311Document("service_requests", "request", await queries.RequestsAsync(filter)).ToResult(format);
        });

        api.MapGet("/requests/{id}.{format}", async (string id, string format, HttpContext http, Open311Queries queries, ApiKeyLookup keys, TenantContext tenant) =>
        {
            if (await ReadRefusedAsync(http, keys, tenant) is { } refused) return refused.ToResult(format, 403);
            var found = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? await queries.RequestsAsync(new Open311Queries.Filter([number], null, DateTime.MinValue, DateTime.MaxValue, null))
                : [];
            return found.Count == 0
                ? Open311Document.Errors(404, "Ce signalement n'existe pas ou n'est pas public.").ToResult(format, 404)
                : new Open311Document("service_requests", "request", found).ToResult(format);
        });

        api.MapGet("/tokens/{token}.{format}", async (string token, string format, Open311Queries queries) =>
            token.Length <= 64 && await queries.RequestIdOfTokenAsync(Open311Posting.NoNul(token)) is { } id
                ? new Open311Document("service_requests", "request", [new Open311Item().With("service_request_id", Open311Queries.Id(id)).With("token", token)]).ToResult(format)
                : Open311Document.Errors(404, "Ce jeton ne correspond à aucun signalement.").ToResult(format, 404));

        api.MapGet("/servicerequestupdates.{format}", async (string format, HttpContext http, Open311Queries queries, ApiKeyLookup keys, TenantContext tenant) =>
        {
            if (await ReadRefusedAsync(http, keys, tenant) is { } refused) return refused.ToResult(format, 403);
            var (filter, error) = ParseFilter(http.Request.Query, queries.Now);
            if (filter is null) return Open311Document.Errors(400, error!).ToResult(format, 400);
            return new Open311Document("service_request_updates", "request_update", await queries.UpdatesAsync(filter.From, filter.To)).ToResult(format);
        });

        api.MapPost("/requests.{format}", (string format, HttpContext http, Open311Posting posting) => posting.PostAsync(http, format));
    }

    /// <summary>The identifier a client gives as jurisdiction_id: the organization's first host name (any of its host names is accepted).</summary>
    public static string Jurisdiction(TenantContext tenant) =>
        tenant.Organization.Hosts.OrderBy(h => h.Id).Select(h => h.HostName).FirstOrDefault() ?? tenant.Organization.Name;

    private static Open311Document? JurisdictionError(HttpContext http)
    {
        var given = http.Request.Query["jurisdiction_id"].ToString();
        if (given.Length == 0 && http.Request.HasFormContentType) given = http.Request.Form["jurisdiction_id"].ToString();
        if (given.Length == 0) return null;
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        var known = tenant.Organization.Hosts.Any(h => string.Equals(h.HostName, given.Trim(), StringComparison.OrdinalIgnoreCase));
        return known ? null : Open311Document.Errors(404, "Ce jurisdiction_id ne correspond pas à cette collectivité.");
    }

    // Where requests are not public, only the organization's clients read them: keys with the Open311 use.
    private static async Task<Open311Document?> ReadRefusedAsync(HttpContext http, ApiKeyLookup keys, TenantContext tenant) =>
        tenant.Organization.Requests.PublicRequests || await keys.FindAsync(ApiKeyLookup.PresentedToOpen311(http.Request)) is { Open311: true }
            ? null
            : Open311Document.Errors(403, "Les signalements de cette collectivité ne sont pas publics : une clé d'API (api_key) est nécessaire.");

    /// <summary>
    /// service_request_id (a comma list; the other filters are then ignored, as the spec says), service_code
    /// (a comma list), status (open, closed), start_date and end_date: 90 days up to the end (now by default).
    /// </summary>
    public static (Open311Queries.Filter? Filter, string? Error) ParseFilter(IQueryCollection query, DateTime now)
    {
        List<int>? ids = null;
        if (query["service_request_id"].ToString() is { Length: > 0 } idList)
        {
            ids = [];
            foreach (var part in idList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(Open311Queries.MaxResults))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return (null, $"service_request_id n'est pas une liste de numéros : « {Short(part)} ».");
                ids.Add(id);
            }
        }
        var codes = Open311Posting.NoNul(query["service_code"].ToString()) is { Length: > 0 } codeList
            ? codeList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(100).ToList()
            : null;
        bool? open = null;
        if (query["status"].ToString() is { Length: > 0 } statusList)
        {
            var statuses = statusList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
            if (statuses.Any(s => s is not ("open" or "closed"))) return (null, "status vaut open ou closed.");
            open = statuses.Count == 1 ? statuses[0] == "open" : null;
        }
        if (!TryDate(query["start_date"], out var start)) return (null, "start_date n'est pas une date ISO 8601 (par exemple 2026-11-01T00:00:00+01:00).");
        if (!TryDate(query["end_date"], out var end)) return (null, "end_date n'est pas une date ISO 8601 (par exemple 2026-11-30T23:59:59+01:00).");
        var to = end ?? (start is { } s2 ? s2 + Open311Queries.DefaultWindow : now);
        var from = start ?? to - Open311Queries.DefaultWindow;
        if (from > to) return (null, "start_date est après end_date.");
        return (new Open311Queries.Filter(ids, codes, from, to, open), null);
    }

    private static bool TryDate(string? text, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)) return false;
        // Far dates would overflow the 90-day window arithmetic; no request is older than 1970 or after 2200.
        if (moment.Year is < 1970 or > 2200) return false;
        utc = moment.UtcDateTime;
        return true;
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>Links (media_url) point to a host of the organization, never to a forged Host header.</summary>
    private static string BaseUrl(HttpContext http) => http.RequestServices.GetRequiredService<PublicLinks>().BaseUrl;
}
