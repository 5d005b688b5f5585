using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.OpenData;

/// <summary>The open data page's files hold exactly what the pages show anyone, as a reuser reads them.</summary>
[Collection(AppCollection.Name)]
public class OpenDataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Marker(string what) => $"{what} {Guid.NewGuid():N}";

    /// <summary>The rows of a CSV file by column name, read by a real CSV reader.</summary>
    private static List<Dictionary<string, string>> Rows(string text, char separator)
    {
        using var reader = Sep.New(separator).Reader(o => o with { Unescape = true }).FromText(text.TrimStart('\uFEFF'));
        var names = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < names.Count; i++) cells[names[i]] = row[i].ToString();
            rows.Add(cells);
        }
        return rows;
    }

    private async Task<string> DownloadAsync(string url, string host = ParvisFactory.HostA)
    {
        var response = await _app.ClientFor(host).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task Every_file_holds_the_published_contribution_never_a_hidden_pending_unpublished_or_other_organizations_one()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var states = new[] { ModerationState.Published, ModerationState.Hidden, ModerationState.PendingReview, ModerationState.AwaitingEmail };
        var texts = states.Select(s => Marker("Texte " + s)).ToArray();
        await _app.AddContributionsAsync(consultation, states.Length, (c, i) => (c.State, c.Body) = (states[i], texts[i]));
        var draft = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        var inDraft = Marker("Brouillon");
        await _app.AddContributionsAsync(draft, 1, (c, _) => c.Body = inDraft);
        var ofB = Marker("De B");
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var territory = await db.Territories.Select(t => t.Id).FirstAsync();
            var published = await db.Consultations.Where(c => c.PublishedAt != null).Select(c => c.Id).FirstAsync();
            db.Contributions.Add(new Contribution { ConsultationId = published, TerritoryId = territory, Body = ofB, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var comma = Rows(await DownloadAsync("/donnees/contributions.csv"), ',');
        var semicolon = Rows(await DownloadAsync("/donnees/contributions.csv?separateur=point-virgule"), ';');
        var json = JsonDocument.Parse(await DownloadAsync("/donnees/contributions.json")).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("body").GetString()!).ToList();
        foreach (var bodies in new[] { comma.Select(r => r["texte"]).ToList(), semicolon.Select(r => r["texte"]).ToList(), json })
        {
            Assert.Contains(texts[0], bodies);
            foreach (var absent in texts.Skip(1).Append(inDraft).Append(ofB)) Assert.DoesNotContain(absent, bodies);
        }
        // On B's own host, B's contribution is there and A's is not.
        var onB = Rows(await DownloadAsync("/donnees/contributions.csv", ParvisFactory.HostB), ',').Select(r => r["texte"]).ToList();
        Assert.Contains(ofB, onB);
        Assert.DoesNotContain(texts[0], onB);
        Assert.DoesNotContain((await DownloadAsync("/donnees/concertations.csv")).Split('\n'), l => l.StartsWith($"{draft},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_formula_typed_as_a_contribution_comes_out_neutralised_with_either_separator()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var formula = "=cmd|' /C calc'!A0 " + Guid.NewGuid().ToString("N");
        await _app.AddContributionsAsync(consultation, 1, (c, _) => c.Body = formula);

        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/contributions.csv?separateur=point-virgule");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "the ';' file starts with the byte-order mark");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("\uFEFFid;concertation;question;territoire;titre;texte;", text, StringComparison.Ordinal);
        Assert.Contains(";\"'" + formula + "\";", text, StringComparison.Ordinal);
        Assert.Contains("'" + formula, Rows(text, ';').Select(r => r["texte"]));

        var comma = await _app.ClientFor(ParvisFactory.HostA).GetByteArrayAsync("/donnees/contributions.csv");
        Assert.False(comma.AsSpan().StartsWith(Encoding.UTF8.Preamble), "the ',' file is plain UTF-8");
        Assert.Contains("'" + formula, Rows(Encoding.UTF8.GetString(comma), ',').Select(r => r["texte"]));
        Assert.DoesNotContain(Rows(Encoding.UTF8.GetString(comma), ',').Select(r => r["texte"]), t => t.StartsWith('='));

        var wrong = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/contributions.csv?separateur=tabulation");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/inconnu.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/petitions.geojson")).StatusCode);
    }

    [Fact]
    public async Task A_proposal_with_a_point_is_a_geojson_feature_longitude_first()
    {
        var space = await _app.NewProposalSpaceAsync();
        var title = Marker("Banc");
        var proposal = await _app.AddProposalAsync(space, title, "Sur la place.");
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == proposal)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Latitude, 45.75).SetProperty(p => p.Longitude, 4.85)));

        var document = JsonDocument.Parse(await DownloadAsync("/donnees/propositions.geojson")).RootElement;
        Assert.Equal("FeatureCollection", document.GetProperty("type").GetString());
        var feature = document.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt32() == proposal);
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([4.85, 45.75], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal(title, feature.GetProperty("properties").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Data_json_is_a_dcat_catalogue_linked_from_the_page_whose_every_download_answers()
    {
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/donnees");
        Assert.Equal("Données ouvertes", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/donnees/data.json']"));
        Assert.NotNull(page.QuerySelector("a[rel=license][href='https://www.etalab.gouv.fr/licence-ouverte-open-licence/']"));

        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/data.json");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        var datasets = catalog.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Superset(new HashSet<string> { "concertations", "contributions", "commentaires", "propositions", "petitions", "suites-donnees", "signalements", "territoires" },
            datasets.Select(d => d.GetProperty("dct:identifier").GetString()!).ToHashSet());
        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var dataset in datasets)
        {
            Assert.Equal("dcat:Dataset", dataset.GetProperty("@type").GetString());
            Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", dataset.GetProperty("dct:license").GetProperty("@id").GetString());
            Assert.False(string.IsNullOrEmpty(dataset.GetProperty("dct:title").GetString()));
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                var url = new Uri(distribution.GetProperty("dcat:downloadURL").GetProperty("@id").GetString()!);
                Assert.Equal(ParvisFactory.HostA, url.Host);
                Assert.StartsWith(FileTypes, distribution.GetProperty("dct:format").GetProperty("@id").GetString(), StringComparison.Ordinal);
                var download = await client.GetAsync(url.PathAndQuery);
                Assert.True(download.StatusCode == HttpStatusCode.OK, $"{url} → {(int)download.StatusCode}");
            }
        }
        Assert.Contains(datasets, d => d.TryGetProperty("dct:modified", out _));
    }

    [Fact]
    public async Task A_harvester_s_head_request_finds_each_download_with_its_type_and_without_its_rows()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var catalog = JsonDocument.Parse(await client.GetStringAsync("/donnees/data.json")).RootElement;
        var urls = catalog.GetProperty("dcat:dataset").EnumerateArray()
            .SelectMany(d => d.GetProperty("dcat:distribution").EnumerateArray())
            .Select(d => new Uri(d.GetProperty("dcat:downloadURL").GetProperty("@id").GetString()!).PathAndQuery)
            .Append("/donnees/data.json").ToList();
        Assert.Contains("/donnees/contributions.csv", urls);
        foreach (var url in urls)
        {
            var get = await client.GetAsync(url);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url} → {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.Equal(get.Content.Headers.ContentDisposition?.FileNameStar, head.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        }
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/donnees/inconnu.csv"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private const string FileTypes = "http://publications.europa.eu/resource/authority/file-type/";
}
