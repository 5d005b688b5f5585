using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Parvis.Features.Api;

/// <summary>One page of a collection: its items in a stable order and the cursor of the next page (null on the last).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>What a list request asks: after which item (keyset on the id), how many, changed since when.</summary>
public sealed record PageRequest(long AfterId, int Limit, DateTime? UpdatedSince)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The start of a list: for reading one item by its id.</summary>
    public static readonly PageRequest First = new(0, 1, null);

    /// <summary>Reads cursor, limit and updated_since; a value that means nothing is a French problem document, not a 500.</summary>
    public static (PageRequest? Request, IResult? Problem) Parse(string? cursor, string? limit, string? updatedSince)
    {
        long after = 0;
        if (!string.IsNullOrEmpty(cursor) && !ApiCursor.TryRead(cursor, out after))
            return (null, ApiProblems.BadRequest("Curseur invalide",
                "Le paramètre cursor ne vient pas de cette API : reprenez la valeur nextCursor d'une page précédente."));
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return (null, ApiProblems.BadRequest("Nombre d'éléments invalide", $"Le paramètre limit est un entier de 1 à {MaxLimit}."));
        DateTime? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (!DateTimeOffset.TryParse(updatedSince.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
                || moment.Year is < 1970 or > 2200)
                return (null, ApiProblems.BadRequest("Date invalide",
                    "Le paramètre updated_since est une date ISO 8601, par exemple 2026-11-01T00:00:00+01:00."));
            since = moment.UtcDateTime;
        }
        return (new PageRequest(after, size, since), null);
    }

    /// <summary>The page from rows read with <see cref="Limit"/> + 1 (the extra row only says that a page follows).</summary>
    public ApiPage<T> PageOf<T>(IReadOnlyList<T> rows, Func<T, long> idOf) =>
        rows.Count > Limit
            ? new ApiPage<T>(rows.Take(Limit).ToList(), ApiCursor.Write(idOf(rows[Limit - 1])))
            : new ApiPage<T>(rows, null);
}

/// <summary>
/// An opaque cursor: the last item's id, so a page is a keyset range (id greater than the cursor's) and an item
/// added during a walk comes at its end, never shifting what is still to read.
/// </summary>
public static class ApiCursor
{
    private const string Prefix = "v1:";

    public static string Write(long lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryRead(string cursor, out long lastId)
    {
        lastId = 0;
        if (cursor.Length > 40) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out lastId);
    }
}

/// <summary>Errors as application/problem+json (RFC 9457) with French titles.</summary>
public static class ApiProblems
{
    public static IResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Élément introuvable");
}

/// <summary>
/// A JSON answer with its ETag: the SHA-256 of the bytes sent, so a client that sends it back in If-None-Match
/// gets a 304 without a body as long as nothing it would read has changed.
/// </summary>
public static class ApiJson
{
    public static IResult Ok<T>(HttpContext http, T value)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        // Stored by nobody without asking again: the ETag makes asking again cheap.
        headers.CacheControl = "no-cache";
        return Matches(http.Request.Headers.IfNoneMatch.ToString(), etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }

    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Length > 0 && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || tag == etag || tag == "W/" + etag);
}
