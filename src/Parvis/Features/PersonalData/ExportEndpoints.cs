using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PersonalData;

/// <summary>
/// The two downloads of "Mes données": JSON for machines, one self-contained HTML page for people.
/// Both are attachments, limited per account (the export reads everything the person ever did).
/// </summary>
public static class PersonalDataEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void MapPersonalDataExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/compte/donnees").RequireAuthorization()
            .WithMetadata(new RateLimitedAttribute(RateLimits.PersonalDataExport));
        group.MapGet("/export.json", async (HttpContext http, PersonalDataQueries queries) =>
        {
            if (await ExportOfAsync(http, queries) is not { } data) return Results.Challenge();
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json; charset=utf-8", FileName(data, "json"));
        });
        group.MapGet("/export.html", async (HttpContext http, PersonalDataQueries queries, TenantContext tenant, PublicLinks links) =>
        {
            if (await ExportOfAsync(http, queries) is not { } data) return Results.Challenge();
            http.Response.Headers.CacheControl = "no-store";
            var html = ExportPage.Render(data, tenant.Organization, links);
            return Results.File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", FileName(data, "html"));
        });
    }

    private static async Task<PersonalDataExport?> ExportOfAsync(HttpContext http, PersonalDataQueries queries) =>
        http.User.UserId() is { } id ? await queries.ExportAsync(id) : null;

    private static string FileName(PersonalDataExport data, string extension) =>
        $"mes-donnees-{data.ExportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
}
