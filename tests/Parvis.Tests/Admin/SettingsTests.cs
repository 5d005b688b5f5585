using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Admin;

[Collection(PlatformAppCollection.Name)]
public class SettingsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Branding_changes_show_at_once_and_are_audited_and_bad_values_are_refused()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var page = await admin.SubmitAndReadAsync("/admin/organisation", "main form", new Dictionary<string, string?> { ["Form.PrimaryColor"] = "red; } body { display:none" });
        Assert.Contains("La couleur doit être au format #RRGGBB.", page.Errors());
        page = await admin.SubmitAndReadAsync("/admin/organisation", "main form", new Dictionary<string, string?> { ["Form.FlagThreshold"] = "0" });
        Assert.Contains("Le seuil de signalements doit être entre 1 et 100.", page.Errors());

        page = await admin.SubmitAndReadAsync("/admin/organisation", "main form", new Dictionary<string, string?>
        {
            ["Form.Name"] = "Ville B renommée",
            ["Form.PrimaryColor"] = "#7A1F2B",
            ["Form.CharterMarkdown"] = "**Respect** avant tout.",
        });
        Assert.Equal("Réglages enregistrés.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Ville B renommée", page.QuerySelector(".brand")!.TextContent.Trim());
        var visitor = _app.ClientFor(ParvisFactory.HostB);
        Assert.Contains("--brand: #7a1f2b", await visitor.GetStringAsync("/theme.css"), StringComparison.Ordinal);
        var charter = await visitor.GetDocumentAsync("/charte");
        Assert.Equal("Respect", charter.QuerySelector("main strong")!.TextContent);
        var details = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.AuditEntries.Where(a => a.Action == "organization.update").Select(a => a.Details).SingleAsync());
        Assert.Equal("nom, couleur, charte", details);
        Assert.Equal("Ville A", (await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/")).QuerySelector(".brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task Territories_are_added_and_imported_from_the_admin_screen()
    {
        var admin = await _app.SignedInAsync("admin");
        var commune = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Ville A").Select(t => t.Id).SingleAsync());
        var page = await admin.SubmitAndReadAsync("/admin/territoires", "form[action*=Add]", new Dictionary<string, string?>
        {
            ["name"] = "Les Coteaux",
            ["kind"] = "Quartier",
            ["parentId"] = commune.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains(page.QuerySelectorAll("tbody td"), td => td.TextContent.Trim() == "Les Coteaux");
        page = await admin.SubmitAndReadAsync("/admin/territoires", "form[action*=Add]", new Dictionary<string, string?> { ["name"] = "Les Coteaux" });
        Assert.Contains("Un territoire porte déjà ce nom.", page.Errors());

        var form = await admin.GetDocumentAsync("/admin/territoires");
        var token = form.QuerySelector("form[action*=Import] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(string content)
        {
            using var body = new MultipartFormDataContent();
            body.Add(new StringContent(token), "__RequestVerificationToken");
            var file = new StringContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
            body.Add(file, "file", "quartiers.geojson");
            var response = await admin.PostAsync("/admin/territoires?handler=Import", body);
            return response.StatusCode == System.Net.HttpStatusCode.Redirect
                ? await admin.GetDocumentAsync(response.Headers.Location!.OriginalString)
                : HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        }
        page = await UploadAsync("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Bas des Coteaux","parent":"Les Coteaux","kind":"quartier"},"geometry":null}]}""");
        Assert.Contains("Import terminé : 1 territoire créé, 0 mis à jour.", page.QuerySelector(".notice")!.TextContent);
        page = await UploadAsync("ceci n'est pas du GeoJSON");
        Assert.Contains("Le fichier n'est pas un GeoJSON valide.", page.Errors());
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("territory.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("territory.create", actions);
        Assert.Contains("territory.import", actions);
    }
}
