using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.News;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds of the organization's public posts, of a territory (with those under it) or of a
/// project, with absolute links from <see cref="PublicLinks"/>. A scheduled post enters the feed at its time.
/// </summary>
public static class NewsFeeds
{
    public const string RssType = "application/rss+xml";
    public const string AtomType = "application/atom+xml";

    /// <summary>The feed's path for a filter: "/actualites/rss?territoire=3".</summary>
    public static string PathOf(string format, int? territoryId, int? projectId) =>
        $"/actualites/{format}" + (projectId is { } p ? $"?projet={p.ToString(CultureInfo.InvariantCulture)}"
            : territoryId is { } t ? $"?territoire={t.ToString(CultureInfo.InvariantCulture)}" : "");

    /// <summary>The feeds a page announces: RSS and Atom of the same scope.</summary>
    public static List<AlternateLink> Alternates(PublicLinks links, string title, int? territoryId, int? projectId) =>
    [
        new(NewsFeeds.RssType, title + " (RSS)", links.To(NewsFeeds.PathOf("rss", territoryId, projectId))),
        new(NewsFeeds.AtomType, title + " (Atom)", links.To(NewsFeeds.PathOf("atom", territoryId, projectId))),
    ];

    public static void MapNewsFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actualites/rss", (HttpContext http, int? territoire, int? projet) => FeedAsync(http, territoire, projet, atom: false));
        app.MapGet("/actualites/atom", (HttpContext http, int? territoire, int? projet) => FeedAsync(http, territoire, projet, atom: true));
    }

    private static async Task<IResult> FeedAsync(HttpContext http, int? territoryId, int? projectId, bool atom)
    {
        var queries = http.RequestServices.GetRequiredService<NewsQueries>();
        var links = http.RequestServices.GetRequiredService<PublicLinks>();
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        string? scope = null;
        if (projectId is { } p && (scope = await queries.PublishedProjectTitleAsync(p)) is null) return Results.NotFound();
        if (projectId is null && territoryId is { } t && (scope = await queries.TerritoryNameAsync(t)) is null) return Results.NotFound();
        var filter = new NewsFilter(projectId is null ? territoryId : null, projectId, null);
        var posts = await queries.LatestAsync(filter, NewsQueries.FeedSize);

        var listPath = projectId is { } pid ? $"/projets/{pid.ToString(CultureInfo.InvariantCulture)}"
            : territoryId is { } tid ? $"/actualites?territoire={tid.ToString(CultureInfo.InvariantCulture)}" : "/actualites";
        var title = scope is null ? $"{tenant.Organization.Name} · Actualités" : $"{tenant.Organization.Name} · Actualités · {scope}";
        var feed = new SyndicationFeed(XmlSafe.Clean(title), XmlSafe.Clean($"Les actualités de {tenant.Organization.Name}"), new Uri(links.To(listPath)))
        {
            Id = links.To(PathOf(atom ? "atom" : "rss", territoryId, projectId)),
            Language = "fr-FR",
            LastUpdatedTime = posts.Count > 0 ? new DateTimeOffset(posts.Max(x => x.PublishAt > x.UpdatedAt ? x.PublishAt : x.UpdatedAt), TimeSpan.Zero)
                : new DateTimeOffset(queries.Now, TimeSpan.Zero),
            Items = posts.Select(x =>
            {
                var url = links.To($"/actualites/{x.Id.ToString(CultureInfo.InvariantCulture)}");
                var item = new SyndicationItem(XmlSafe.Clean(x.Title), XmlSafe.Clean(x.Summary), new Uri(url), url,
                    new DateTimeOffset(x.PublishAt > x.UpdatedAt ? x.PublishAt : x.UpdatedAt, TimeSpan.Zero))
                {
                    PublishDate = new DateTimeOffset(x.PublishAt, TimeSpan.Zero),
                };
                if (x.Project is not null) item.Categories.Add(new SyndicationCategory(XmlSafe.Clean(x.Project)));
                if (x.Territory is not null) item.Categories.Add(new SyndicationCategory(XmlSafe.Clean(x.Territory)));
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(links.To(PathOf(atom ? "atom" : "rss", territoryId, projectId))))
        {
            RelationshipType = "self",
            MediaType = atom ? AtomType : RssType,
        });

        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            if (atom) new Atom10FeedFormatter(feed).WriteTo(writer);
            else new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true).WriteTo(writer);
        }
        var xml = builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        return Results.Text(xml, (atom ? AtomType : RssType) + "; charset=utf-8");
    }
}
