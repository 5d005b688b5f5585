using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Files;

[Collection(PlatformAppCollection.Name)]
public class FileTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    // A 1×1 PNG with a tEXt chunk carrying personal metadata, as cameras and editors write them.
    private static byte[] PngWithMetadata()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var text = Encoding.ASCII.GetBytes("Author\0Jean Secret GPS 48.85,2.35");
        var chunk = new byte[12 + text.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)text.Length);
        Encoding.ASCII.GetBytes("tEXt").CopyTo(chunk, 4);
        text.CopyTo(chunk, 8);
        return [.. png[..33], .. chunk, .. png[33..]];
    }

    private async Task<(HttpClient Admin, int Id)> AdminOnNewConsultationAsync()
    {
        var id = await _app.NewOpenConsultationAsync();
        return (await _app.SignedInAsync("admin"), id);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, int id, string handler, byte[] content, string fileName, string contentType, string? title = null)
    {
        var page = await admin.GetDocumentAsync($"/admin/concertations/{id}");
        var token = page.QuerySelector($"form[action*={handler}] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        if (title is not null) body.Add(new StringContent(title), "documentTitle");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, "file", fileName);
        return await admin.PostAsync($"/admin/concertations/{id}?handler={handler}", body);
    }

    [Fact]
    public async Task A_cover_image_is_served_with_its_type_and_without_its_metadata()
    {
        var (admin, id) = await AdminOnNewConsultationAsync();
        var response = await UploadAsync(admin, id, "UploadCover", PngWithMetadata(), "photo.png", "image/png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        var src = page.QuerySelector("img.cover")!.GetAttribute("src")!;
        var image = await _app.ClientFor(ParvisFactory.HostA).GetAsync(src);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("Jean Secret", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(0x89, bytes[0]);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.cover" && a.TargetId == id.ToString())));
    }

    [Fact]
    public async Task A_pdf_joins_the_dossier_and_a_disguised_file_is_refused()
    {
        var (admin, id) = await AdminOnNewConsultationAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF");
        await UploadAsync(admin, id, "UploadDocument", pdf, "plan.pdf", "application/pdf", "Plan de masse");
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent == "Plan de masse");
        var served = await _app.ClientFor(ParvisFactory.HostA).GetAsync(link.GetAttribute("href"));
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await served.Content.ReadAsByteArrayAsync());

        var before = await _app.InAAsync(db => db.StoredFiles.CountAsync());
        var disguised = await UploadAsync(admin, id, "UploadDocument", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "rapport.pdf", "application/pdf", "Faux PDF");
        Assert.Contains("Seuls les PDF et les images PNG ou JPEG sont acceptés.", HtmlClient.Parse(await disguised.Content.ReadAsStringAsync()).Errors());
        var removed = await admin.SubmitAsync($"/admin/concertations/{id}", "form[action*=DeleteDocument]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(link.GetAttribute("href"))).StatusCode);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.document.remove" && a.TargetId == id.ToString())));
        before = await _app.InAAsync(db => db.StoredFiles.CountAsync());
        var empty = await UploadAsync(admin, id, "UploadCover", [], "vide.png", "image/png");
        Assert.Contains("Choisissez un fichier.", HtmlClient.Parse(await empty.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(before, await _app.InAAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_file_of_another_organization_is_not_found()
    {
        var (admin, id) = await AdminOnNewConsultationAsync();
        await UploadAsync(admin, id, "UploadDocument", Encoding.ASCII.GetBytes("%PDF-1.4 secret"), "secret.pdf", "application/pdf", "Document de A");
        var fileId = await _app.InAAsync(db => db.StoredFiles.Where(f => f.ConsultationId == id).Select(f => f.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/fichiers/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/fichiers/{fileId}")).StatusCode);
        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/fichiers/{fileId}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostWithFileAsync(HttpClient client, string pageUrl, string formSelector, string target,
        Dictionary<string, string> fields, string fileField, byte[] content, string fileName, string contentType)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector($"{formSelector} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (k, v) in fields) body.Add(new StringContent(v), k);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, fileField, fileName);
        return await client.PostAsync(target, body);
    }

    [Fact]
    public async Task A_contribution_carries_an_attachment_and_a_disguised_one_saves_nothing()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 pétition du quartier");
        var response = await PostWithFileAsync(citizen, $"/concertations/{id}", "form[action*=Contribute]", $"/concertations/{id}?handler=Contribute",
            new() { ["Input.Body"] = "Voir le document joint" }, "attachment", pdf, "petition.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await citizen.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var link = page.QuerySelector(".attachments a")!;
        Assert.Equal("petition", link.TextContent);
        Assert.Equal(pdf, await _app.ClientFor(ParvisFactory.HostA).GetByteArrayAsync(link.GetAttribute("href")));

        var files = await _app.InAAsync(db => db.StoredFiles.CountAsync());
        var bad = await PostWithFileAsync(citizen, $"/concertations/{id}", "form[action*=Contribute]", $"/concertations/{id}?handler=Contribute",
            new() { ["Input.Body"] = "Avec un faux PDF" }, "attachment", Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "faux.pdf", "application/pdf");
        Assert.Contains("Seuls les PDF et les images PNG ou JPEG sont acceptés.", HtmlClient.Parse(await bad.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(1, await _app.CountContributionsAsync(id));
        Assert.Equal(files, await _app.InAAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task The_organization_logo_appears_in_the_header_of_its_own_site_only()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var refused = await PostWithFileAsync(admin, "/admin/organisation", "form[action*=Logo]", "/admin/organisation?handler=Logo", [], "logo", Encoding.ASCII.GetBytes("%PDF-1.4"), "logo.png", "image/png");
        Assert.Contains("Seules les images PNG ou JPEG sont acceptées.", HtmlClient.Parse(await refused.Content.ReadAsStringAsync()).Errors());
        var response = await PostWithFileAsync(admin, "/admin/organisation", "form[action*=Logo]", "/admin/organisation?handler=Logo", [], "logo", PngWithMetadata(), "logo.png", "image/png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var header = (await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/")).QuerySelector(".brand img")!;
        var logo = await _app.ClientFor(ParvisFactory.HostB).GetAsync(header.GetAttribute("src"));
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Null((await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/")).QuerySelector(".brand img"));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(header.GetAttribute("src"))).StatusCode);
    }
}
