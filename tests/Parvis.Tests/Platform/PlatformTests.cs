using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Territories;
using Parvis.Infrastructure.Web;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

[Collection(PlatformAppCollection.Name)]
public class PlatformTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_unsafe_inline()
    {
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_from_people_is_rendered_without_scripts()
    {
        var markdown = _app.Services.GetRequiredService<MarkdownRenderer>();
        var html = markdown.Render("**gras** <script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>").ToString()!;
        Assert.Contains("<strong>gras</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);

        var id = await ConsultationData.NewOpenConsultationAsync(_app);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "<script>alert('x')</script> texte" });
        var shown = await client.GetStringAsync(page.Headers.Location!.OriginalString);
        Assert.DoesNotContain("<script>alert", shown, StringComparison.Ordinal);
        Assert.Contains("texte", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_theme_colour_of_the_organization_is_served_as_a_stylesheet()
    {
        var css = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync("/theme.css");
        Assert.Contains("--brand: #1d4f91", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Territories_import_from_geojson_as_a_tree_and_bad_files_change_nothing()
    {
        const string geoJson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"Secteur Nord","kind":"quartier","parent":"Ville A"},
               "geometry":{"type":"Polygon","coordinates":[[[2.32,48.86],[2.34,48.86],[2.34,48.88],[2.32,48.88],[2.32,48.86]]]}},
              {"type":"Feature","properties":{"name":"Îlot Nord","parent":"Secteur Nord"},"geometry":null}
            ]}
            """;
        var result = await _app.InOrganizationAsync(_app.OrganizationA, (_, services) =>
            services.GetRequiredService<TerritoryImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(geoJson))));
        Assert.Equal(2, result.Created);
        var territories = await _app.InAAsync(db => db.Territories.AsNoTracking().ToListAsync());
        var nord = territories.Single(t => t.Name == "Secteur Nord");
        Assert.Equal("Ville A", territories.Single(t => t.Id == nord.ParentId).Name);
        Assert.Equal(nord.Id, territories.Single(t => t.Name == "Îlot Nord").ParentId);
        Assert.Equal("Secteur Nord", Territory.Locate(territories, 2.33, 48.87)?.Name);
        Assert.Equal("Quartier de la Gare", Territory.Locate(territories, 2.33, 48.83)?.Name);

        var count = territories.Count;
        foreach (var bad in new[] { "pas du json", """{"type":"FeatureCollection","features":[{"properties":{}}]}""", """{"type":"FeatureCollection","features":[{"properties":{"name":"X","parent":"Inconnu"}}]}""" })
        {
            await Assert.ThrowsAsync<DomainException>(() => _app.InOrganizationAsync(_app.OrganizationA, (_, services) =>
                services.GetRequiredService<TerritoryImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(bad)))));
        }
        Assert.Equal(count, await _app.InAAsync(db => db.Territories.CountAsync()));
    }

    [Fact]
    public async Task Consultation_lists_filter_by_territory_including_the_territories_under_it()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var rives = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Les Rives").Select(t => t.Id).SingleAsync());
        var commune = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Ville A").Select(t => t.Id).SingleAsync());
        var rivesTitles = (await client.GetDocumentAsync($"/concertations?territoire={rives}")).QuerySelectorAll(".card h3").Select(h => h.TextContent).ToList();
        Assert.Contains("Parc des Rives", rivesTitles);
        Assert.DoesNotContain("Plan vélo 2027", rivesTitles);
        var communeTitles = (await client.GetDocumentAsync($"/concertations?territoire={commune}")).QuerySelectorAll(".card h3").Select(h => h.TextContent).ToList();
        Assert.Contains("Parc des Rives", communeTitles);
        Assert.Contains("Plan vélo 2027", communeTitles);
        Assert.DoesNotContain("Budget participatif 2027", communeTitles);
    }

    [Fact]
    public async Task Profile_and_partial_name_pages_are_not_indexed()
    {
        var id = await ConsultationData.NewOpenConsultationAsync(_app, c => c.Rules.DisplayIdentity = DisplayIdentity.PartialName);
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Avec mon nom partiel" });
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Par Camille D.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task The_migrations_of_the_provider_under_test_match_the_model() =>
        Assert.False(await _app.InAAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The model changed without a migration: add one for both providers (docs/ARCHITECTURE.md).");

    [Fact]
    public async Task Unknown_pages_get_a_french_404_page()
    {
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/nulle-part");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.TextAsync());
    }
}
