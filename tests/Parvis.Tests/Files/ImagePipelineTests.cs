using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Files;
using Parvis.Testing;
using SkiaSharp;

namespace Parvis.Tests.Files;

/// <summary>Every image uploaded, whatever for, goes through one pipeline: decoded, bounded and encoded anew.</summary>
[Collection(PlatformAppCollection.Name)]
public class ImagePipelineTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(HttpClient Admin, int Id)> AdminOnNewConsultationAsync()
    {
        var id = await _app.NewOpenConsultationAsync();
        return (await _app.SignedInAsync("admin"), id);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, int id, string handler, byte[] content, string title)
    {
        var page = await admin.GetDocumentAsync($"/admin/concertations/{id}");
        var token = page.QuerySelector($"form[action*={handler}] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        body.Add(new StringContent(title), "documentTitle");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new("image/jpeg");
        body.Add(file, "file", "plan.jpg");
        return await admin.PostAsync($"/admin/concertations/{id}?handler={handler}", body);
    }

    [Fact]
    public async Task A_staff_image_with_a_fill_byte_before_its_exif_is_served_without_its_gps_position()
    {
        var (admin, id) = await AdminOnNewConsultationAsync();
        var crafted = CraftedImages.JpegWithFillByteBeforeGpsExif();
        Assert.True(crafted.AsSpan().IndexOf(CraftedImages.GpsLatitudeBytes) > 0);
        var response = await UploadAsync(admin, id, "UploadDocument", crafted, "Photo du chantier");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent == "Photo du chantier");
        var served = await _app.ClientFor(ParvisFactory.HostA).GetAsync(link.GetAttribute("href"));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().IndexOf(CraftedImages.GpsLatitudeBytes) < 0, "the GPS latitude survived");
        Assert.True(bytes.AsSpan().IndexOf("Exif\0\0"u8) < 0, "an EXIF block survived");
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        Assert.Equal((200, 150), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task An_image_announcing_too_many_pixels_is_refused_before_decoding_and_nothing_is_saved()
    {
        var (admin, id) = await AdminOnNewConsultationAsync();
        var before = await _app.InAAsync(db => db.StoredFiles.CountAsync());
        var response = await UploadAsync(admin, id, "UploadCover", CraftedImages.PngAnnouncing(10_000, 10_000), "Couverture");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cette image compte plus de 50 millions de pixels : réduisez-la avant de l'envoyer.",
            HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(before, await _app.InAAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public void A_large_photo_is_decoded_at_a_reduced_scale_that_still_covers_the_size_kept()
    {
        using var codec = SKCodec.Create(new SKMemoryStream(CraftedImages.Jpeg(4000, 3000)));
        using var decoded = PhotoResizer.Decode(codec, PhotoResizer.MaxSide)!;
        Assert.Equal((2000, 1500), (decoded.Width, decoded.Height));
    }
}
