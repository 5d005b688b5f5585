using System.Text.Json;

namespace Parvis.Domain;

public enum TerritoryKind { Agglomeration, Commune, Quartier, Other }

/// <summary>A node of the territory tree: the scale of a debate.</summary>
public class Territory : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int? ParentId { get; set; }
    public Territory? Parent { get; set; }
    public required string Name { get; set; }
    public TerritoryKind Kind { get; set; }
    /// <summary>A GeoJSON geometry (Polygon or MultiPolygon), longitude first.</summary>
    public string? BoundaryGeoJson { get; set; }

    public bool Contains(double longitude, double latitude)
    {
        if (string.IsNullOrEmpty(BoundaryGeoJson)) return false;
        using var doc = JsonDocument.Parse(BoundaryGeoJson);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString();
        var coords = root.GetProperty("coordinates");
        return type switch
        {
            "Polygon" => PolygonContains(coords, longitude, latitude),
            "MultiPolygon" => coords.EnumerateArray().Any(p => PolygonContains(p, longitude, latitude)),
            _ => false,
        };
    }

    // Inside the outer ring and outside every hole (even-odd ray casting).
    private static bool PolygonContains(JsonElement rings, double x, double y)
    {
        var inside = false;
        var first = true;
        foreach (var ring in rings.EnumerateArray())
        {
            var inRing = RingContains(ring, x, y);
            if (first) { inside = inRing; first = false; }
            else if (inRing) return false;
        }
        return inside;
    }

    private static bool RingContains(JsonElement ring, double x, double y)
    {
        var points = ring.EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToArray();
        var inside = false;
        for (int i = 0, j = points.Length - 1; i < points.Length; j = i++)
        {
            var (xi, yi) = points[i];
            var (xj, yj) = points[j];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi) inside = !inside;
        }
        return inside;
    }

    /// <summary>The middle of the boundary's box (where a map of the territory opens); null without a readable boundary.</summary>
    public (double Latitude, double Longitude)? Centre()
    {
        if (string.IsNullOrEmpty(BoundaryGeoJson)) return null;
        try
        {
            using var doc = JsonDocument.Parse(BoundaryGeoJson);
            var points = new List<(double Lon, double Lat)>();
            void Walk(JsonElement e)
            {
                if (e.ValueKind != JsonValueKind.Array) return;
                if (e.GetArrayLength() >= 2 && e[0].ValueKind == JsonValueKind.Number && e[1].ValueKind == JsonValueKind.Number) points.Add((e[0].GetDouble(), e[1].GetDouble()));
                else foreach (var child in e.EnumerateArray()) Walk(child);
            }
            Walk(doc.RootElement.GetProperty("coordinates"));
            if (points.Count == 0) return null;
            return ((points.Min(p => p.Lat) + points.Max(p => p.Lat)) / 2, (points.Min(p => p.Lon) + points.Max(p => p.Lon)) / 2);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The deepest territory of the list whose boundary holds the point.</summary>
    public static Territory? Locate(IReadOnlyList<Territory> territories, double longitude, double latitude)
    {
        int Depth(Territory t)
        {
            var depth = 0;
            for (var p = t.ParentId; p is not null; p = territories.FirstOrDefault(x => x.Id == p)?.ParentId) depth++;
            return depth;
        }
        return territories.Where(t => t.Contains(longitude, latitude)).OrderByDescending(Depth).FirstOrDefault();
    }
}
