using System.Globalization;
using System.Text.Json;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// Finds the point of a typed address through an API of the Base Adresse Nationale's form (<c>Maps:GeocoderUrl</c>,
/// GET /search/?q=…, a GeoJSON FeatureCollection with a score per feature). None configured, unreachable, slow
/// or unsure of its answer: no point, and the caller goes on with the address alone.
/// </summary>
public sealed class Geocoder(HttpClient http, IConfiguration configuration, ILogger<Geocoder> log)
{
    /// <summary>Below this score the API is guessing (a street of another town, a word matched by chance).</summary>
    public const double MinScore = 0.5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The point of the address, searched near <paramref name="near"/> when given; null when none is sure.</summary>
    public async Task<(double Latitude, double Longitude)?> LocateAsync(string address, (double Latitude, double Longitude)? near, CancellationToken token = default)
    {
        if (configuration["Maps:GeocoderUrl"] is not { Length: > 0 } root || string.IsNullOrWhiteSpace(address)) return null;
        var url = $"{root.TrimEnd('/')}/search/?q={Uri.EscapeDataString(address.Trim())}&limit=1";
        if (near is { } n) url += string.Create(CultureInfo.InvariantCulture, $"&lat={n.Latitude}&lon={n.Longitude}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(Timeout);
            using var response = await http.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode) return null;
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            {
                if (feature.GetProperty("properties").TryGetProperty("score", out var score) && score.GetDouble() < MinScore) return null;
                var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
                double latitude = coordinates[1].GetDouble(), longitude = coordinates[0].GetDouble();
                return latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180 ? (latitude, longitude) : null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException
            or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            // The address is personal: only the kind of failure is logged.
            log.LogWarning("The geocoder did not answer ({Failure}); the report keeps its address alone.", e.GetType().Name);
        }
        return null;
    }
}
