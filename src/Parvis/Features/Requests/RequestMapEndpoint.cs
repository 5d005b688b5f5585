using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;
using Parvis.Resources;

namespace Parvis.Features.Requests;

/// <summary>
/// The points of the public map as GeoJSON (/signalements/carte.json), with the list's filters: the map
/// script reads it, so the page holds no inline data or script.
/// </summary>
public static class RequestMapEndpoint
{
    public static void MapRequestMap(this IEndpointRouteBuilder app) =>
        app.MapGet("/signalements/carte.json", async (int? categorie, string? statut, int? territoire, string? du, string? au,
            RequestQueries queries, TenantContext tenant, IStringLocalizer<SharedResource> localizer) =>
        {
            if (!tenant.Organization.Requests.PublicRequests) return Results.NotFound();
            List<RequestPoint> points;
            try
            {
                points = await queries.PointsAsync(await queries.FilteredAsync(new RequestFilter(categorie, statut, territoire, du, au)));
            }
            catch (DomainException e)
            {
                return Results.BadRequest(new { error = localizer.GetString(e.Template, e.Arguments.Cast<object>().ToArray()).Value });
            }
            return Results.Json(new
            {
                type = "FeatureCollection",
                features = points.Select(p => new
                {
                    type = "Feature",
                    id = p.Id,
                    geometry = new { type = "Point", coordinates = new[] { p.Longitude, p.Latitude } },
                    properties = new
                    {
                        id = p.Id,
                        category = p.Category,
                        status = localizer[ServiceRequest.Label(p.Status)].Value,
                        url = $"/signalements/{p.Id}",
                    },
                }),
            }, contentType: "application/geo+json; charset=utf-8");
        });
}
