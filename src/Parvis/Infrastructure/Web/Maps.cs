namespace Parvis.Infrastructure.Web;

/// <summary>
/// Where map tiles come from (<c>Maps:TileUrl</c>, OpenStreetMap by default; a city may use its own):
/// the map script reads the template, and the CSP lets images come from that one origin only.
/// </summary>
public static class Maps
{
    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public const string DefaultAttribution = "© contributeurs OpenStreetMap";

    /// <summary>Set once at start-up from the configuration; read by the CSP of every response.</summary>
    public static string TileOrigin { get; private set; } = OriginOf(DefaultTileUrl);

    public static string TileUrl(IConfiguration configuration) => configuration["Maps:TileUrl"] is { Length: > 0 } url ? url : DefaultTileUrl;

    public static string Attribution(IConfiguration configuration) => configuration["Maps:Attribution"] is { Length: > 0 } text ? text : DefaultAttribution;

    public static void Configure(IConfiguration configuration) => TileOrigin = OriginOf(TileUrl(configuration));

    // The scheme, host and port of the template; "{s}" sub-domains become a wildcard the CSP understands.
    public static string OriginOf(string template)
    {
        var probe = template.Replace("{s}", "x", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
            .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return "";
        var host = template.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[(uri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
