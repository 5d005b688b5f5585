using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Api;

/// <summary>
/// The public read API at /api/v1: each organization's public data, on its own host name (the tenant comes from
/// the host, as for the pages and Open311). Lists are pages in id order with an opaque cursor; every answer has an
/// ETag; errors are problem documents in French. Anonymous: cookies are ignored, so a signed-in staff member reads
/// what anyone reads.
/// </summary>
public static partial class ApiEndpoints
{
    public const string Prefix = "/api/v1";
    public const string CorsPolicy = "public-api";

    public static void MapPublicApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireCors(CorsPolicy)
            // The ETag answers "nothing changed" cheaply; the page cache would answer a sync with what it held.
            .CacheOutput(p => p.NoCache())
            .WithMetadata(new RateLimitedAttribute(RateLimits.PublicApi), new ProblemJsonAttribute())
            .AddEndpointFilter((context, next) =>
            {
                if (context.HttpContext.Features.Get<ApiKeyRefusal>() is not null)
                {
                    context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    return ValueTask.FromResult<object?>(Results.Problem(
                        "Cette collectivité ne connaît pas la clé présentée, ou l'a révoquée : demandez-en une nouvelle, ou lisez sans clé.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Clé d'API refusée"));
                }
                context.HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                return next(context);
            });

        var consultations = api.MapGroup("").WithTags("Concertations");
        consultations.MapGet("/consultations", (HttpContext http, ConsultationsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.ConsultationsAsync(page)))
            .Produces<ApiPage<ApiConsultation>>().ProducesProblem(400)
            .WithSummary("Les concertations publiées, avec leurs phases et leurs questions");
        consultations.MapGet("/consultations/{id:int}", (HttpContext http, ConsultationsApi q, int id) =>
                One(http, () => q.ConsultationsAsync(PageRequest.First, id), "Cette concertation n'existe pas ou n'est pas publiée."))
            .Produces<ApiConsultation>().ProducesProblem(404).WithSummary("Une concertation");
        consultations.MapGet("/contributions", (HttpContext http, ConsultationsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? consultation) =>
                Filtered(consultation, "consultation", id => List(http, cursor, limit, updatedSince, page => q.ContributionsAsync(page, id))))
            .Produces<ApiPage<ApiContribution>>().ProducesProblem(400)
            .WithSummary("Les contributions publiées, auteurs présentés comme sur le site, avec les réactions");
        consultations.MapGet("/contributions/{id:int}", (HttpContext http, ConsultationsApi q, int id) =>
                One(http, () => q.ContributionsAsync(PageRequest.First, null, id), "Cette contribution n'existe pas ou n'est pas publique."))
            .Produces<ApiContribution>().ProducesProblem(404).WithSummary("Une contribution");
        consultations.MapGet("/comments", (HttpContext http, ConsultationsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? contribution) =>
                Filtered(contribution, "contribution", id => List(http, cursor, limit, updatedSince, page => q.CommentsAsync(page, id))))
            .Produces<ApiPage<ApiComment>>().ProducesProblem(400)
            .WithSummary("Les commentaires publiés des contributions publiques");

        var proposals = api.MapGroup("").WithTags("Propositions et pétitions");
        proposals.MapGet("/proposals", (HttpContext http, ProposalsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince, [FromQuery] string? space) =>
                Filtered(space, "space", id => List(http, cursor, limit, updatedSince, page => q.ProposalsAsync(page, id))))
            .Produces<ApiPage<ApiProposal>>().ProducesProblem(400).WithSummary("Les propositions citoyennes publiées, avec leurs soutiens");
        proposals.MapGet("/proposals/{id:int}", (HttpContext http, ProposalsApi q, int id) =>
                One(http, () => q.ProposalsAsync(PageRequest.First, null, id), "Cette proposition n'existe pas ou n'est pas publique."))
            .Produces<ApiProposal>().ProducesProblem(404).WithSummary("Une proposition");
        proposals.MapGet("/petitions", (HttpContext http, ProposalsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.PetitionsAsync(page)))
            .Produces<ApiPage<ApiPetition>>().ProducesProblem(400).WithSummary("Les pétitions ouvertes et closes, avec leurs signatures");
        proposals.MapGet("/petitions/{id:int}", (HttpContext http, ProposalsApi q, int id) =>
                One(http, () => q.PetitionsAsync(PageRequest.First, id), "Cette pétition n'existe pas ou n'est pas publique."))
            .Produces<ApiPetition>().ProducesProblem(404).WithSummary("Une pétition");

        var places = api.MapGroup("").WithTags("Territoires et suites données");
        places.MapGet("/territories", (HttpContext http, PlacesApi q, [FromQuery] string? cursor, [FromQuery] string? limit) =>
                List(http, cursor, limit, null, page => q.TerritoriesAsync(page)))
            .Produces<ApiPage<ApiTerritory>>().ProducesProblem(400).WithSummary("Les territoires, avec leur contour en GeoJSON");
        places.MapGet("/territories/{id:int}", (HttpContext http, PlacesApi q, int id) =>
                One(http, () => q.TerritoriesAsync(PageRequest.First, id), "Ce territoire n'existe pas."))
            .Produces<ApiTerritory>().ProducesProblem(404).WithSummary("Un territoire");
        places.MapGet("/outcomes", (HttpContext http, PlacesApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.OutcomesAsync(page)))
            .Produces<ApiPage<ApiOutcome>>().ProducesProblem(400)
            .WithSummary("Les suites données publiées, avec les contributions, propositions… auxquelles elles répondent");
        places.MapGet("/outcomes/{id:int}", (HttpContext http, PlacesApi q, int id) =>
                One(http, () => q.OutcomesAsync(PageRequest.First, id), "Cette suite donnée n'existe pas ou n'est pas publiée."))
            .Produces<ApiOutcome>().ProducesProblem(404).WithSummary("Une suite donnée");

        MapSpaces(api);

        // Whatever else reaches /api/v1 is a problem document too, never the site's HTML error page.
        app.MapFallback(Prefix + "/{**path}", () => ApiProblems.NotFound("Cette adresse n'existe pas dans l'API publique (voir /api/docs)."))
            .RequireCors(CorsPolicy).WithMetadata(new ProblemJsonAttribute()).ExcludeFromDescription();
    }

    private static async Task<IResult> List<T>(HttpContext http, string? cursor, string? limit, string? updatedSince,
        Func<PageRequest, Task<ApiPage<T>>> read)
    {
        var (page, problem) = PageRequest.Parse(cursor, limit, updatedSince);
        return problem ?? ApiJson.Ok(http, await read(page!));
    }

    private static async Task<IResult> One<T>(HttpContext http, Func<Task<ApiPage<T>>> read, string notFound) =>
        (await read()).Items is [var item] ? ApiJson.Ok(http, item) : ApiProblems.NotFound(notFound);

    /// <summary>A filter by the id of the item the listed ones belong to (consultation, contribution, space).</summary>
    private static Task<IResult> Filtered(string? value, string name, Func<int?, Task<IResult>> list)
    {
        if (string.IsNullOrEmpty(value)) return list(null);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? list(id)
            : Task.FromResult(ApiProblems.BadRequest("Paramètre invalide", $"Le paramètre {name} est le numéro d'un élément (un entier positif)."));
    }
}
