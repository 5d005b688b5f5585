using Microsoft.AspNetCore.Mvc;

namespace Parvis.Features.Api;

/// <summary>The endpoints of the capabilities that came after the first API: meetings, councils, budgets,
/// surveys, projects and news.</summary>
public static partial class ApiEndpoints
{
    private static void MapSpaces(RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("").WithTags("Rencontres et conseils");
        meetings.MapGet("/meetings", (HttpContext http, MeetingsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.MeetingsAsync(page)))
            .Produces<ApiPage<ApiMeeting>>().ProducesProblem(400)
            .WithSummary("Les rencontres publiées (réunions, ateliers, permanences…), annulées comprises, avec leur compte rendu");
        meetings.MapGet("/meetings/{id:int}", (HttpContext http, MeetingsApi q, int id) =>
                One(http, () => q.MeetingsAsync(PageRequest.First, id), "Cette rencontre n'existe pas ou n'est pas publiée."))
            .Produces<ApiMeeting>().ProducesProblem(404).WithSummary("Une rencontre");
        meetings.MapGet("/councils", (HttpContext http, CouncilsApi q, [FromQuery] string? cursor, [FromQuery] string? limit) =>
                List(http, cursor, limit, null, page => q.CouncilsAsync(page)))
            .Produces<ApiPage<ApiCouncil>>().ProducesProblem(400).WithSummary("Les conseils, avec leurs membres en fonction");
        meetings.MapGet("/councils/{id:int}", (HttpContext http, CouncilsApi q, int id) =>
                One(http, () => q.CouncilsAsync(PageRequest.First, id), "Ce conseil n'existe pas."))
            .Produces<ApiCouncil>().ProducesProblem(404).WithSummary("Un conseil");

        var budgets = api.MapGroup("").WithTags("Budgets participatifs");
        budgets.MapGet("/budgets", (HttpContext http, BudgetsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.BudgetsAsync(page)))
            .Produces<ApiPage<ApiBudget>>().ProducesProblem(400)
            .WithSummary("Les budgets participatifs publiés, leurs projets et, une fois le vote clos, leurs résultats");
        budgets.MapGet("/budgets/{id:int}", (HttpContext http, BudgetsApi q, int id) =>
                One(http, () => q.BudgetsAsync(PageRequest.First, id), "Ce budget n'existe pas ou n'est pas publié."))
            .Produces<ApiBudget>().ProducesProblem(404).WithSummary("Un budget participatif");

        var surveys = api.MapGroup("").WithTags("Enquêtes");
        surveys.MapGet("/surveys", (HttpContext http, SurveysApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.SurveysAsync(page)))
            .Produces<ApiPage<ApiSurvey>>().ProducesProblem(400)
            .WithSummary("Les enquêtes et questions rapides publiées, leurs questions et, là où elles les publient, leurs résultats");
        surveys.MapGet("/surveys/{id:int}", (HttpContext http, SurveysApi q, int id) =>
                One(http, () => q.SurveysAsync(PageRequest.First, id), "Cette enquête n'existe pas ou n'est pas publiée."))
            .Produces<ApiSurvey>().ProducesProblem(404).WithSummary("Une enquête");

        var projects = api.MapGroup("").WithTags("Projets et actualités");
        projects.MapGet("/projects", (HttpContext http, ProjectsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.ProjectsAsync(page)))
            .Produces<ApiPage<ApiProject>>().ProducesProblem(400).WithSummary("Les projets publiés, avec leurs étapes");
        projects.MapGet("/projects/{id:int}", (HttpContext http, ProjectsApi q, int id) =>
                One(http, () => q.ProjectsAsync(PageRequest.First, id), "Ce projet n'existe pas ou n'est pas publié."))
            .Produces<ApiProject>().ProducesProblem(404).WithSummary("Un projet");
        projects.MapGet("/news", (HttpContext http, ProjectsApi q, [FromQuery] string? cursor, [FromQuery] string? limit,
                [FromQuery(Name = "updated_since")] string? updatedSince) =>
                List(http, cursor, limit, updatedSince, page => q.NewsAsync(page)))
            .Produces<ApiPage<ApiNewsPost>>().ProducesProblem(400).WithSummary("Les actualités parues (jamais une actualité programmée)");
        projects.MapGet("/news/{id:int}", (HttpContext http, ProjectsApi q, int id) =>
                One(http, () => q.NewsAsync(PageRequest.First, id), "Cette actualité n'existe pas ou n'est pas encore parue."))
            .Produces<ApiNewsPost>().ProducesProblem(404).WithSummary("Une actualité");
    }
}
