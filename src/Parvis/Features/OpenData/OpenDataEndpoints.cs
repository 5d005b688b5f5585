using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parvis.Features.Api;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.OpenData;

/// <summary>
/// The downloads of the open data page: /donnees/{dataset}.csv (',' without byte-order mark, the reusers' CSV; with
/// ?separateur=point-virgule ';' and the mark, for a French spreadsheet), .json (the API's items, as one array) and
/// .geojson (items with a place); /donnees/data.json, the DCAT-AP catalogue. Each is written to the response as it is
/// read from the database. Anonymous, the page cache left out (it would hold a whole file), CORS open for reading.
/// </summary>
public static class OpenDataEndpoints
{
    public const string Path = "/donnees";
    public const string SemicolonQuery = "separateur=point-virgule";

    /// <summary>data.json indented and with its accents as they are (a person reads it too), still valid JSON.</summary>
    private static readonly JsonSerializerOptions CatalogJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>HEAD too: harvesters (data.gouv.fr's link checker among them) ask it to see that a file is still there.</summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapOpenData(this WebApplication app)
    {
        var group = app.MapGroup(Path)
            .RequireCors(ApiEndpoints.CorsPolicy)
            .CacheOutput(p => p.NoCache())
            .WithMetadata(new RateLimitedAttribute(RateLimits.PublicApi))
            .ExcludeFromDescription();

        group.MapMethods("/data.json", GetOrHead, async (HttpContext http, DataCatalog catalog) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            var json = HttpMethods.IsHead(http.Request.Method) ? "" : (await catalog.DocumentAsync()).ToJsonString(CatalogJson);
            return Results.Text(json, "application/ld+json; charset=utf-8");
        });

        group.MapMethods("/{dataset}.{format}", GetOrHead,
            (HttpContext http, OpenDataSets sets, string dataset, string format, string? separateur) =>
        {
            if (sets.Find(dataset) is not { } set) return NotFound();
            return format switch
            {
                "csv" => separateur switch
                {
                    null or "" or "virgule" => Csv(set, CsvFormat.Comma.WithoutByteOrderMark, $"{set.Name}.csv"),
                    "point-virgule" => Csv(set, CsvFormat.Semicolon, $"{set.Name}-point-virgule.csv"),
                    _ => Results.Problem("Le paramètre separateur vaut « virgule » ou « point-virgule ».",
                        statusCode: StatusCodes.Status400BadRequest, title: "Séparateur inconnu"),
                },
                "json" => Json(http, set.ItemsAsync(http.RequestAborted), "application/json; charset=utf-8", $"{set.Name}.json"),
                "geojson" when set.HasGeoJson => Json(http, new GeoJsonCollection(set.FeaturesAsync(http.RequestAborted)),
                    "application/geo+json; charset=utf-8", $"{set.Name}.geojson"),
                _ => NotFound(),
            };
        });
    }

    private static IResult NotFound() =>
        Results.Problem("Ce jeu de données ou ce format n'existe pas : voir la page /donnees.", statusCode: StatusCodes.Status404NotFound,
            title: "Jeu de données introuvable");

    private static CsvDownload Csv(IOpenDataSet set, CsvFormat format, string fileName) =>
        CsvFile.Download(fileName, set.Columns, set.WriteCsvAsync, format);

    /// <summary>A JSON document whose arrays are written item by item (System.Text.Json flushes as its buffer fills).</summary>
    private static IResult Json<T>(HttpContext http, T value, string contentType, string fileName) => Results.Stream(async body =>
    {
        if (HttpMethods.IsHead(http.Request.Method)) return;
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await JsonSerializer.SerializeAsync(body, value, options, http.RequestAborted);
    }, contentType, fileName);

    /// <summary>The links of a dataset's files, from the page and the catalogue.</summary>
    public static IEnumerable<(string Label, string Path, string MediaType, string FileType)> Files(IOpenDataSet set)
    {
        yield return ("CSV (virgule)", $"{Path}/{set.Name}.csv", "text/csv", "CSV");
        yield return ("CSV (point-virgule, pour un tableur)", $"{Path}/{set.Name}.csv?{SemicolonQuery}", "text/csv", "CSV");
        yield return ("JSON", $"{Path}/{set.Name}.json", "application/json", "JSON");
        if (set.HasGeoJson) yield return ("GeoJSON", $"{Path}/{set.Name}.geojson", "application/geo+json", "GEOJSON");
    }
}
