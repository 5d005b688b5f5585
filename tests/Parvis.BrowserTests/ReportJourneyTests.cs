using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;
using SkiaSharp;

namespace Parvis.BrowserTests;

/// <summary>Reporting a problem in a real browser: placed on the map, the nearby-duplicate step, a photo; axe on every reporting page; the form without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class ReportJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A category of its own (nothing else reported in it), and an open request of it at the point given.</summary>
    private Task<(string Name, int RequestId)> CategoryWithRequestAsync(double lat, double lon) => _app.InAAsync(async db =>
    {
        var code = "nav-" + Guid.NewGuid().ToString("N")[..8];
        var category = new RequestCategory { Code = code, Name = "Abribus abîmé " + code[4..], Group = "Transports", ServiceName = "Service voirie", TargetHours = 72 };
        db.RequestCategories.Add(category);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        var request = new ServiceRequest
        {
            CategoryId = category.Id,
            ServiceName = "Service voirie",
            Description = "La vitre de l'abribus est brisée.",
            Latitude = lat,
            Longitude = lon,
            Address = "Arrêt Mairie",
            SubmittedAt = now.AddDays(-2),
            UpdatedAt = now.AddDays(-2),
            DueAt = now.AddDays(1),
        };
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return (category.Name, request.Id);
    });

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    [Fact]
    public async Task A_report_placed_on_the_map_shows_the_nearby_request_and_goes_with_its_photo()
    {
        // The map opens on the middle of the organization's widest territory: (48.85, 2.35) for the demo.
        var (category, nearby) = await CategoryWithRequestAsync(48.8502, 2.3501);
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Signaler un problème" }).First.ClickAsync();
        await page.GetByLabel(category).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await page.GetByLabel("Description").FillAsync("Le toit de l'abribus fuit sur le banc.");
        await Assertions.Expect(page.Locator(".map.leaflet-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma position" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Locator(".map").ClickAsync();
        await Assertions.Expect(page.Locator(".map .leaflet-marker-icon")).ToBeVisibleAsync();
        var lat = double.Parse(await page.GetByLabel("Latitude").InputValueAsync(), CultureInfo.InvariantCulture);
        var lon = double.Parse(await page.GetByLabel("Longitude").InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.InRange(lat, 48.845, 48.855);
        Assert.InRange(lon, 2.34, 2.36);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();

        await Assertions.Expect(page.Locator(".nearby-requests")).ToContainTextAsync($"Signalement n° {nearby}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Suivre ce signalement plutôt : n° {nearby}" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Photo 1", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "abribus.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await page.GetByLabel("Ce que montre la photo 1").FillAsync("Le toit de l'abribus et la flaque");
        await page.GetByRole(AriaRole.Button, new() { Name = "Non, envoyer mon signalement" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mes signalements");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("votre signalement est transmis");
        await page.AssertAccessibleAsync();
        var sent = await _app.InAAsync(db => db.ServiceRequests.Include(r => r.Photos).SingleAsync(r => r.Description == "Le toit de l'abribus fuit sur le banc."));
        Assert.Single(sent.Photos);
        Assert.InRange(sent.Latitude!.Value, 48.845, 48.855);
        Assert.NotNull(sent.TerritoryId);

        // What the reporter said the photo shows is what a screen reader reads of it.
        await page.GotoAsync($"/signalements/{sent.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Le toit de l'abribus et la flaque" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_place_outside_the_territory_is_refused_with_the_territory_s_name()
    {
        var (category, _) = await CategoryWithRequestAsync(48.86, 2.36);
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/signalements/nouveau");
        await page.GetByLabel(category).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await page.GetByLabel("Description").FillAsync("Un banc cassé sur le Vieux-Port.");
        // The map folds the coordinates away; a keyboard user opens them to type the point.
        await Assertions.Expect(page.GetByLabel("Latitude")).ToBeHiddenAsync();
        await page.GetByText("Coordonnées (latitude et longitude)").ClickAsync();
        await page.GetByLabel("Latitude").FillAsync("43.2951");
        await page.GetByLabel("Longitude").FillAsync("5.3745");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Ce lieu est hors du territoire de Démo Agglomération");
        await page.AssertAccessibleAsync();
        Assert.False(await _app.InAAsync(db => db.ServiceRequests.AnyAsync(r => r.Description == "Un banc cassé sur le Vieux-Port.")));
    }

    [Fact]
    public async Task Reporting_pages_have_no_accessibility_violations()
    {
        var (_, requestId) = await CategoryWithRequestAsync(48.86, 2.36);
        var visitor = await fixture.NewPageAsync(width: 360);
        foreach (var url in new[] { "/signalements/nouveau", "/signalements/nouveau?categorie=nid-de-poule", "/signalements/nouveau?categorie=depot-sauvage",
            $"/signalements/{requestId}/suivre", $"/signalements/{requestId}/confirmer?jeton=x", $"/signalements/{requestId}/suivre/confirmer?jeton=x",
            $"/signalements/{requestId}/suivre/arreter?jeton=x" })
        {
            await visitor.GotoAsync(url);
            await visitor.AssertAccessibleAsync();
        }
        // A refused link shows its French message, accessible too.
        await visitor.GotoAsync($"/signalements/{requestId}/suivre/confirmer?jeton=x");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Confirmer et suivre ce signalement" }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".errors")).ToContainTextAsync("Ce lien n'est pas valable ou a expiré.");
        await visitor.AssertAccessibleAsync();

        var citizen = await fixture.NewPageAsync();
        await citizen.LoginAsync(await _app.NewCitizenAsync());
        await citizen.GotoAsync($"/signalements/{requestId}/suivre");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Suivre ce signalement" }).ClickAsync();
        await Assertions.Expect(citizen.Locator("h1")).ToHaveTextAsync("Mes signalements");
        await Assertions.Expect(citizen.Locator("#suivis ~ table")).ToContainTextAsync(requestId.ToString(CultureInfo.InvariantCulture));
        await citizen.AssertAccessibleAsync();
        await citizen.GotoAsync("/signalements/nouveau?categorie=collecte");
        await citizen.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Reporting_works_without_javascript_through_the_address_field()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync("/signalements/nouveau");
        await page.GetByLabel("Tag ou graffiti").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        Assert.True(await page.Locator(".map").IsHiddenAsync());
        Assert.True(await page.Locator(".locate").IsHiddenAsync());
        await page.GetByLabel("Description").FillAsync("Un tag sur la porte de la médiathèque, sans JavaScript.");
        await page.GetByLabel("Adresse ou lieu").FillAsync("Porte de la médiathèque");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        Assert.Contains("Aucun signalement en cours de cette catégorie n'est proche", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon signalement" }).ClickAsync();
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("votre signalement est transmis", main);
        Assert.Contains("Porte de la médiathèque", main);
    }
}
