using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Territories;

/// <summary>
/// Imports a GeoJSON FeatureCollection: each feature is a territory with properties <c>name</c>,
/// optional <c>kind</c> (agglomeration, commune, quartier) and optional <c>parent</c> (a name).
/// Territories are matched by name, so a second import updates boundaries instead of duplicating.
/// </summary>
public sealed class TerritoryImporter(ParvisDbContext db)
{
    public sealed record Result(int Created, int Updated);

    public async Task<Result> ImportAsync(Stream geoJson, CancellationToken token = default)
    {
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(geoJson, cancellationToken: token); }
        catch (JsonException) { throw new DomainException("Le fichier n'est pas un GeoJSON valide."); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                throw new DomainException("Le fichier doit être une FeatureCollection GeoJSON.");
            var items = new List<(string Name, TerritoryKind Kind, string? Parent, string? Geometry)>();
            foreach (var f in features.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object
                    || !props.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameEl.GetString()))
                    throw new DomainException("Chaque territoire doit avoir une propriété « name ».");
                var name = nameEl.GetString()!.Trim();
                if (name.Length > 200) throw DomainException.WithValues("Le nom « {0}… » dépasse 200 caractères.", name[..40]);
                var kind = props.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
                    && Enum.TryParse<TerritoryKind>(k.GetString(), true, out var parsed) && Enum.IsDefined(parsed) ? parsed : TerritoryKind.Other;
                var parent = props.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                string? geometry = null;
                if (f.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
                {
                    var type = g.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (type is not ("Polygon" or "MultiPolygon")) throw DomainException.WithValues("Le contour de « {0} » doit être un Polygon ou un MultiPolygon.", name);
                    geometry = g.GetRawText();
                }
                items.Add((name, kind, parent, geometry));
            }

            var existing = await db.Territories.ToListAsync(token);
            int created = 0, updated = 0;
            foreach (var item in items)
            {
                var t = existing.FirstOrDefault(e => e.Name == item.Name);
                if (t is null)
                {
                    t = new Territory { Name = item.Name };
                    existing.Add(t);
                    db.Territories.Add(t);
                    created++;
                }
                else updated++;
                t.Kind = item.Kind;
                t.BoundaryGeoJson = item.Geometry ?? t.BoundaryGeoJson;
            }
            foreach (var item in items.Where(i => i.Parent is not null))
            {
                var parent = existing.FirstOrDefault(e => e.Name == item.Parent)
                    ?? throw DomainException.WithValues("Le parent « {0} » de « {1} » est introuvable.", item.Parent, item.Name);
                var child = existing.First(e => e.Name == item.Name);
                if (ReferenceEquals(parent, child)) throw DomainException.WithValues("« {0} » ne peut pas être son propre parent.", item.Name);
                child.Parent = parent;
            }
            // A loop in the tree (A under B under A) would make every walk up or down endless.
            foreach (var t in existing)
            {
                var seen = new HashSet<Territory>(ReferenceEqualityComparer.Instance);
                for (var up = t; up is not null; up = up.Parent ?? existing.FirstOrDefault(e => e.Id != 0 && e.Id == up.ParentId))
                {
                    if (!seen.Add(up)) throw DomainException.WithValues("Le fichier crée une boucle : « {0} » se retrouve sous lui-même.", t.Name);
                }
            }
            await db.SaveChangesAsync(token);
            return new Result(created, updated);
        }
    }
}

/// <summary><c>dotnet run --project src/Parvis -- import-territories FILE [HOST]</c>: imports into the organization served at HOST.</summary>
public static class TerritoryImportCommand
{
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != "import-territories") return false;
        if (args.Length < 2) throw new ArgumentException("usage: import-territories FILE [HOST]");
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var host = args.Length > 2 ? args[2] : "localhost";
        var orgId = await db.OrganizationHosts.Where(h => h.HostName == host).Select(h => h.OrganizationId).FirstOrDefaultAsync();
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId)
            ?? throw new ArgumentException($"No organization is served at {host}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        await using var file = File.OpenRead(args[1]);
        var result = await scope.ServiceProvider.GetRequiredService<TerritoryImporter>().ImportAsync(file);
        Console.WriteLine($"{organization.Name}: {result.Created} territories created, {result.Updated} updated.");
        return true;
    }
}
