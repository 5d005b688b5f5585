using System.Globalization;
using System.Text.Json.Nodes;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.OpenData;

/// <summary>
/// data.json: the organization's datasets as a DCAT-AP catalogue in JSON-LD (dcat:Catalog, dcat:Dataset, each file a
/// dcat:Distribution with its dcat:downloadURL, dct:format from the EU file-type vocabulary and dcat:mediaType), so
/// that a national portal (data.gouv.fr) can harvest it. Links are absolute, from <see cref="PublicLinks"/>.
/// </summary>
public sealed class DataCatalog(OpenDataSets sets, TenantContext tenant, PublicLinks links)
{
    private const string FileTypes = "http://publications.europa.eu/resource/authority/file-type/";
    private const string MediaTypes = "https://www.iana.org/assignments/media-types/";

    public async Task<JsonObject> DocumentAsync()
    {
        var organization = tenant.Organization;
        var licence = OpenDataLicenceInfo.Of(organization.DataLicence);
        var publisher = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = organization.Name };
        var datasets = new JsonArray();
        DateTime? latest = null;
        foreach (var set in sets.All())
        {
            var modified = await set.ModifiedAsync();
            if (modified is { } changed && (latest is null || changed > latest)) latest = changed;
            var distributions = new JsonArray();
            foreach (var (label, path, mediaType, fileType) in OpenDataEndpoints.Files(set))
                distributions.Add(new JsonObject
                {
                    ["@type"] = "dcat:Distribution",
                    ["dct:title"] = $"{set.Title} — {label}",
                    ["dcat:downloadURL"] = Id(links.To(path)),
                    ["dcat:accessURL"] = Id(links.To(OpenDataEndpoints.Path)),
                    ["dct:format"] = Id(FileTypes + fileType),
                    ["dcat:mediaType"] = Id(MediaTypes + mediaType),
                    ["dct:license"] = Id(licence.Url),
                });
            var dataset = new JsonObject
            {
                ["@id"] = links.To($"{OpenDataEndpoints.Path}#{set.Name}"),
                ["@type"] = "dcat:Dataset",
                ["dct:identifier"] = set.Name,
                ["dct:title"] = set.Title,
                ["dct:description"] = set.Description,
                ["dct:license"] = Id(licence.Url),
                ["dct:publisher"] = publisher.DeepClone(),
                ["dcat:landingPage"] = Id(links.To(OpenDataEndpoints.Path)),
                ["dct:language"] = Id("http://publications.europa.eu/resource/authority/language/FRA"),
                ["dcat:distribution"] = distributions,
            };
            if (modified is { } m) dataset["dct:modified"] = Date(m);
            datasets.Add(dataset);
        }
        var catalog = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = links.To($"{OpenDataEndpoints.Path}/data.json"),
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = $"Données ouvertes — {organization.Name}",
            ["dct:description"] = "Les données publiques de la participation citoyenne de la collectivité : concertations, contributions, "
                + "commentaires, propositions, pétitions, suites données, signalements, territoires.",
            ["dct:publisher"] = publisher,
            ["dct:license"] = Id(licence.Url),
            ["dcat:landingPage"] = Id(links.To(OpenDataEndpoints.Path)),
            ["dcat:dataset"] = datasets,
        };
        if (latest is { } l) catalog["dct:modified"] = Date(l);
        return catalog;
    }

    private static JsonObject Id(string url) => new() { ["@id"] = url };

    private static JsonObject Date(DateTime utc) => new()
    {
        ["@value"] = DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["@type"] = "xsd:dateTime",
    };
}
