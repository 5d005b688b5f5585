using System.Net;
using System.Text.Json;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Requests;

namespace Parvis.Tests.OpenData;

/// <summary>Requests are open data only where the organization's requests are public, and never with the reporter.</summary>
[Collection(InitiativesAppCollection.Name)]
public class OpenDataRequestTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_visible_request_is_in_the_files_with_its_place_never_a_hidden_or_unconfirmed_one_nor_its_reporter()
    {
        var reporter = $"signaleur-{Guid.NewGuid():N}@example.org";
        var shown = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire éteint"), reporterEmail: reporter,
            change: r => r.ReporterName = "Gaspard Quintrelle");
        var hidden = await _app.AddRequestAsync(HandlingData.Unique("Masqué"), change: r => r.IsHidden = true);
        var unconfirmed = await _app.AddRequestAsync(HandlingData.Unique("Non confirmé"), change: r => r.AwaitingEmail = true);
        var client = _app.ClientFor(ParvisFactory.HostA);

        var csv = await client.GetStringAsync("/donnees/signalements.csv");
        var ids = csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.Contains(shown.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.DoesNotContain(hidden.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.DoesNotContain(unconfirmed.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.DoesNotContain(reporter, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Quintrelle", csv, StringComparison.Ordinal);

        var geo = JsonDocument.Parse(await client.GetStringAsync("/donnees/signalements.geojson")).RootElement;
        var feature = geo.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt32() == shown);
        Assert.Equal([2.35, 48.85], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.DoesNotContain(geo.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetInt32() is var id && (id == hidden || id == unconfirmed));
    }

    [Fact]
    public async Task Where_requests_are_private_they_are_no_dataset()
    {
        await _app.SetRequestsPublicAsync(false);
        try
        {
            var client = _app.ClientFor(ParvisFactory.HostA);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/donnees/signalements.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/donnees/signalements.geojson")).StatusCode);
            var catalog = JsonDocument.Parse(await client.GetStringAsync("/donnees/data.json")).RootElement;
            Assert.DoesNotContain(catalog.GetProperty("dcat:dataset").EnumerateArray(), d => d.GetProperty("dct:identifier").GetString() == "signalements");
            Assert.Null((await client.GetDocumentAsync("/donnees")).QuerySelector("#signalements"));
        }
        finally
        {
            await _app.SetRequestsPublicAsync(true);
        }
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/donnees/signalements.csv")).StatusCode);
    }
}
