using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Home;

/// <summary>
/// What search engines may list: the home page, consultations, public posts, published outcomes, the list of requests (when public), proposals spaces,
/// and contributions and visible proposals shown under a pseudonym. Personal pages (profiles, accounts) and items shown under a name,
/// as "Anonyme" or "Participant supprimé" are left out; those pages also carry noindex. Contributions and proposals come in files of
/// <see cref="PerFile"/>, by id range.
/// </summary>
public static class Sitemap
{
    public const int PerFile = 50_000;

    public static void MapSitemap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext http, TenantContext tenant) =>
            Results.Text($"User-agent: *\nDisallow: /compte/\nDisallow: /admin/\nDisallow: /moderation/\nDisallow: /reponses/\nDisallow: /profils/\nDisallow: /fichiers/\nDisallow: /petitions/parrainer/\nSitemap: {BaseUrl(http)}/sitemap.xml\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext http, TenantContext tenant, ParvisDbContext db) =>
        {
            var baseUrl = BaseUrl(http);
            var lastId = await db.Contributions.OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync();
            var lastProposal = await db.Proposals.OrderByDescending(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync();
            var files = new List<string> { $"{baseUrl}/sitemap-pages.xml" };
            for (var n = 0; n <= lastId / PerFile; n++) files.Add($"{baseUrl}/sitemap-contributions-{n.ToString(CultureInfo.InvariantCulture)}.xml");
            for (var n = 0; n <= lastProposal / PerFile; n++) files.Add($"{baseUrl}/sitemap-propositions-{n.ToString(CultureInfo.InvariantCulture)}.xml");
            return Xml(w =>
            {
                w.WriteStartElement("sitemapindex", Namespace);
                foreach (var f in files) { w.WriteStartElement("sitemap"); w.WriteElementString("loc", f); w.WriteEndElement(); }
                w.WriteEndElement();
            });
        });

        app.MapGet("/sitemap-pages.xml", async (HttpContext http, TenantContext tenant, ParvisDbContext db) =>
        {
            var baseUrl = BaseUrl(http);
            var consultations = await db.Consultations.AsNoTracking().Where(c => c.PublishedAt != null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.PublishedAt != null).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
            var petitions = await db.Petitions.AsNoTracking().Where(p => p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            // Posts from their publication date on: a scheduled post is not listed before its time.
            var posts = await db.NewsPosts.AsNoTracking().Where(p => p.PublishAt != null && p.PublishAt <= now).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var spaces = await db.ProposalSpaces.AsNoTracking().Where(s => s.PublishedAt != null).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
            var urls = new List<string> { baseUrl + "/", baseUrl + "/concertations", baseUrl + "/propositions", baseUrl + "/petitions", baseUrl + "/charte", baseUrl + "/nous-avons-fait", baseUrl + "/actualites" };
            // The list of requests, when public; each request's page speaks of streets and neighbours and carries noindex.
            if (tenant.Organization.Requests.PublicRequests) urls.Add(baseUrl + "/signalements");
            urls.AddRange(consultations.Select(id => $"{baseUrl}/concertations/{id.ToString(CultureInfo.InvariantCulture)}"));
            urls.AddRange(spaces.Select(id => $"{baseUrl}/propositions/espaces/{id.ToString(CultureInfo.InvariantCulture)}"));
            urls.AddRange(petitions.Select(id => $"{baseUrl}/petitions/{id.ToString(CultureInfo.InvariantCulture)}"));
            urls.AddRange(outcomes.Select(id => $"{baseUrl}/nous-avons-fait/resultats/{id.ToString(CultureInfo.InvariantCulture)}"));
            urls.AddRange(posts.Select(id => $"{baseUrl}/actualites/{id.ToString(CultureInfo.InvariantCulture)}"));
            return UrlSet(urls);
        });

        app.MapGet("/sitemap-contributions-{n:int}.xml", async (int n, HttpContext http, TenantContext tenant, ParvisDbContext db) =>
        {
            if (n < 0 || n > int.MaxValue / PerFile - 1) return Results.NotFound();
            var (from, to) = (n * PerFile, (n + 1) * PerFile);
            var ids = await db.Contributions.AsNoTracking()
                .Where(c => c.Id >= from && c.Id < to && c.State == ModerationState.Published && c.Consultation!.PublishedAt != null
                    && (c.DisplayAs == DisplayIdentity.Pseudonym || (c.DisplayAs == null && c.Consultation.Rules.DisplayIdentity == DisplayIdentity.Pseudonym)))
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
            var baseUrl = BaseUrl(http);
            return UrlSet(ids.Select(id => $"{baseUrl}/contributions/{id.ToString(CultureInfo.InvariantCulture)}"));
        });

        // Visible proposals of published spaces, not merged (those redirect), whose author shows a pseudonym.
        app.MapGet("/sitemap-propositions-{n:int}.xml", async (int n, HttpContext http, TenantContext tenant, ParvisDbContext db) =>
        {
            if (n < 0 || n > int.MaxValue / PerFile - 1) return Results.NotFound();
            var (from, to) = (n * PerFile, (n + 1) * PerFile);
            var ids = await db.Proposals.AsNoTracking()
                .Where(p => p.Id >= from && p.Id < to && p.State == ModerationState.Published && p.Status != ProposalState.Merged && p.Space!.PublishedAt != null
                    && p.AuthorId != null
                    && (p.DisplayAs == DisplayIdentity.Pseudonym || (p.DisplayAs == null && p.Space.DisplayIdentity == DisplayIdentity.Pseudonym)))
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var baseUrl = BaseUrl(http);
            return UrlSet(ids.Select(id => $"{baseUrl}/propositions/{id.ToString(CultureInfo.InvariantCulture)}"));
        });
    }

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static string BaseUrl(HttpContext http) => http.RequestServices.GetRequiredService<PublicLinks>().BaseUrl;

    private static IResult UrlSet(IEnumerable<string> urls) => Xml(w =>
    {
        w.WriteStartElement("urlset", Namespace);
        foreach (var u in urls) { w.WriteStartElement("url"); w.WriteElementString("loc", u); w.WriteEndElement(); }
        w.WriteEndElement();
    });

    private static IResult Xml(Action<XmlWriter> write)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            w.WriteStartDocument();
            write(w);
        }
        return Results.Text(sb.ToString().Replace("utf-16", "utf-8", StringComparison.Ordinal), "application/xml; charset=utf-8");
    }
}
