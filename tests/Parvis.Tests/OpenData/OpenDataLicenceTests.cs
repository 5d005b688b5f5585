using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.OpenData;

/// <summary>The licence of the open data is the administrator's choice, written in the audit log; nobody else may change it.</summary>
[Collection(AppCollection.Name)]
public class OpenDataLicenceTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<OpenDataLicence> LicenceAsync() => _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.DataLicence).SingleAsync());

    private async Task<string> LicenceIdAsync()
    {
        var catalog = JsonDocument.Parse(await _app.ClientFor(ParvisFactory.HostA).GetStringAsync("/donnees/data.json")).RootElement;
        return catalog.GetProperty("dct:license").GetProperty("@id").GetString()!;
    }

    private static Dictionary<string, string?> Choice(OpenDataLicence licence) => new() { ["Form.DataLicence"] = licence.ToString() };

    [Fact]
    public async Task The_administrator_chooses_the_licence_it_shows_at_once_and_the_change_is_audited()
    {
        var admin = await _app.SignedInAsync("admin");
        try
        {
            var page = await admin.SubmitAndReadAsync("/admin/organisation", "main form:not([enctype])", Choice(OpenDataLicence.Odbl10));
            Assert.Equal("Réglages enregistrés.", page.QuerySelector(".notice")!.TextContent);
            Assert.Equal(OpenDataLicence.Odbl10, await LicenceAsync());
            Assert.Equal("https://opendatacommons.org/licenses/odbl/1-0/", await LicenceIdAsync());
            var shown = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/donnees");
            Assert.Equal("Open Database License (ODbL) 1.0", shown.QuerySelector("a[rel=license]")!.TextContent);
            var audit = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "organization.update").Select(a => a.Details).ToListAsync());
            Assert.Contains("licence des données ouvertes (Open Database License (ODbL) 1.0)", audit);

            // A value that is not on the list is a form error, and nothing changes.
            page = await admin.SubmitAndReadAsync("/admin/organisation", "main form:not([enctype])",
                new Dictionary<string, string?> { ["Form.DataLicence"] = "42" });
            Assert.Contains("La valeur « 42 » n'est pas valide.", page.Errors());
            Assert.Equal(OpenDataLicence.Odbl10, await LicenceAsync());
        }
        finally
        {
            await admin.SubmitAndReadAsync("/admin/organisation", "main form:not([enctype])", Choice(OpenDataLicence.LicenceOuverte20));
        }
        Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", await LicenceIdAsync());
    }

    [Theory]
    [InlineData("citizen")]
    [InlineData("agent")]
    [InlineData("moderation")]
    public async Task A_citizen_an_agent_or_a_moderator_cannot_change_it(string person)
    {
        HttpClient client;
        if (person == "citizen") client = (await _app.CitizenClientAsync()).Client;
        else client = await _app.SignedInAsync(person);
        var token = (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await _app.InAAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organization.update"));
        var response = await client.PostAsync("/admin/organisation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Name"] = "Ville A",
            ["Form.PrimaryColor"] = "#1d4f91",
            ["Form.TimeZoneId"] = "Europe/Paris",
            ["Form.FlagThreshold"] = "3",
            ["Form.ResponseDeadlineDays"] = "30",
            ["Form.DataLicence"] = nameof(OpenDataLicence.CcBySa40),
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.Found
            && response.Headers.Location?.OriginalString.Contains("acces-refuse", StringComparison.Ordinal) != false,
            $"{person}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.NotEqual(OpenDataLicence.CcBySa40, await LicenceAsync());
        Assert.Equal(before, await _app.InAAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organization.update")));
    }
}
