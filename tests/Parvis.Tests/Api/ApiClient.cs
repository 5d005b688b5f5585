using System.Net;
using System.Text.Json;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>Reads the public API as a reuser would: JSON pages, followed cursor by cursor.</summary>
internal static class ApiClient
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every item of a list, page after page; <paramref name="between"/> runs between two pages (to insert rows meanwhile).</summary>
    public static async Task<List<JsonElement>> WalkAsync(this HttpClient client, string url, Func<Task>? between = null)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await client.GetJsonAsync(cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null) return items;
            if (between is not null) await between();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        throw new InvalidOperationException("The list never ended.");
    }

    public static List<long> Ids(this IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("id").GetInt64()).ToList();

    public static HttpClient Api(this ParvisFactory app, string host = ParvisFactory.HostA) => app.ClientFor(host);
}
