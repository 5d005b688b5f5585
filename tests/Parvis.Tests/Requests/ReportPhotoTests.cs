using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;
using SkiaSharp;

namespace Parvis.Tests.Requests;

[Collection(InitiativesAppCollection.Name)]
public class ReportPhotoTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A camera-sized JPEG carrying an EXIF segment with a GPS position, as phones write them.</summary>
    private static byte[] PhotoWithGps(int width = 4000, int height = 3000)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.DarkGreen, SKColors.Orange], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray();
        var payload = Encoding.ASCII.GetBytes("Exif\0\0MM\0*GPSLatitude 48.8612 N GPSLongitude 2.3651 E Canon EOS");
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        segment[2] = (byte)((payload.Length + 2) >> 8);
        segment[3] = (byte)((payload.Length + 2) & 0xFF);
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static async Task<HttpResponseMessage> SendWithPhotosAsync(HttpClient client, IHtmlDocument step, Dictionary<string, string?> values, params byte[][] photos)
    {
        var form = (IHtmlFormElement)step.QuerySelector(ReportingData.Form)!;
        using var body = new MultipartFormDataContent();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name)) continue;
            if (element is IHtmlInputElement { Type: "hidden" } hidden) body.Add(new StringContent(hidden.Value), name);
        }
        foreach (var (name, value) in values) body.Add(new StringContent(value ?? ""), name);
        for (var i = 0; i < photos.Length; i++)
        {
            var file = new ByteArrayContent(photos[i]);
            file.Headers.ContentType = new("image/jpeg");
            body.Add(file, $"Photo{i + 1}", $"IMG_{i}.jpg");
            body.Add(new StringContent($"Le banc n° {i + 1}"), $"Input.PhotoDescriptions[{i}]");
        }
        return await client.PostAsync(form.GetAttribute("action"), body);
    }

    [Fact]
    public async Task A_photo_is_reduced_and_loses_its_gps_position()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var description = $"Banc avec photo {Guid.NewGuid():N}";
        var values = ReportingData.Valid(description);
        var step = await client.ContinueAsync(code, values);
        var original = PhotoWithGps();
        var response = await SendWithPhotosAsync(client, step, values, original);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = (await _app.RequestWithAsync(description))!;
        var photo = Assert.Single(saved.Photos);
        var file = await _app.InAAsync(db => db.StoredFiles.SingleAsync(f => f.Id == photo.FileId));
        Assert.Equal("Le banc n° 1", file.Title);
        var stored = await File.ReadAllBytesAsync(Path.Combine(_app.FilesRoot, file.StorageKey));
        Assert.True(stored.Length < original.Length, $"{stored.Length} bytes stored for {original.Length} sent");
        Assert.DoesNotContain("GPSLatitude", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        using var codec = SKCodec.Create(new SKMemoryStream(stored));
        Assert.Equal((1600, 1200), (codec.Info.Width, codec.Info.Height));

        // Served with the request to anyone; once a moderator hides it, only to its author and the staff.
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/fichiers/{file.Id}")).StatusCode);
        await _app.InAAsync(db => db.RequestPhotos.Where(p => p.Id == photo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsHidden, true)));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/fichiers/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fichiers/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/fichiers/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_description_typed_for_a_photo_is_its_alternative_text_wherever_it_is_shown()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var description = $"Banc décrit {Guid.NewGuid():N}";
        var values = ReportingData.Valid(description);
        var step = await client.ContinueAsync(code, values);
        var response = await SendWithPhotosAsync(client, step, values, PhotoWithGps(40, 30), PhotoWithGps(40, 30));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await _app.RequestWithAsync(description))!;

        static List<string?> Alts(IHtmlDocument page) => page.QuerySelectorAll("img[src^='/fichiers/']").Select(i => i.GetAttribute("alt")).ToList();
        string?[] expected = ["Le banc n° 1", "Le banc n° 2"];
        Assert.Equal(expected, Alts(await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/signalements/{saved.Id}")));
        Assert.Equal(expected, Alts(await (await _app.SignedInAsync("voirie")).GetDocumentAsync($"/guichet/{saved.Id}")));
        Assert.Equal(expected, Alts(await (await _app.SignedInAsync("moderation")).GetDocumentAsync($"/moderation/signalements?n={saved.Id}")));
    }

    [Fact]
    public async Task A_fourth_photo_is_refused_and_nothing_is_saved()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var description = $"Quatre photos {Guid.NewGuid():N}";
        var values = ReportingData.Valid(description);
        var step = await client.ContinueAsync(code, values);
        var small = PhotoWithGps(40, 30);
        var filesBefore = await _app.InAAsync(db => db.StoredFiles.CountAsync());
        var response = await SendWithPhotosAsync(client, step, values, small, small, small, small);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Joignez 3 photos au plus.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Null(await _app.RequestWithAsync(description));
        Assert.Equal(filesBefore, await _app.InAAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_by_its_content()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var description = $"Pas une photo {Guid.NewGuid():N}";
        var values = ReportingData.Valid(description);
        var step = await client.ContinueAsync(code, values);
        var response = await SendWithPhotosAsync(client, step, values, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        Assert.Contains("Seules les photos PNG ou JPEG sont acceptées.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Null(await _app.RequestWithAsync(description));
    }
}
