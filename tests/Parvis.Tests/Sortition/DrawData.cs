using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Parvis.Testing;

namespace Parvis.Tests.Sortition;

/// <summary>What staff do with a draw over HTTP, as a person would.</summary>
internal static class DrawData
{
    public const string Quotas = "feature,value,min,max\ngenre,F,2,3\ngenre,H,2,3\nquartier,Gare,1,3\nquartier,Port,1,3\n";

    /// <summary>A pool of <paramref name="count"/> people: name, gender, quartier, address (two per address at the end).</summary>
    public static string Pool(int count = 20)
    {
        var text = new StringBuilder("nom;genre;quartier;adresse\n");
        for (var i = 0; i < count; i++)
            text.Append(FormattableString.Invariant($"Personne {i};{(i % 2 == 0 ? "F" : "H")};{(i % 3 == 0 ? "Gare" : "Port")};{i / 2} rue Haute\n"));
        return text.ToString();
    }

    public static async Task<int> CreateAsync(this HttpClient admin, string title = "Panel citoyen", int panel = 5, bool household = false)
    {
        var values = new Dictionary<string, string?> { ["Title"] = title, ["PanelSize"] = panel.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (household) values["OnePerHousehold"] = "true";
        var response = await admin.SubmitAsync("/admin/tirages", "main form", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Uploads a file through the draw page's form of that handler ("Quotas" or "Pool").</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient admin, int draw, string handler, string csv, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        return admin.UploadBytesAsync(draw, handler, bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
    }

    public static async Task<HttpResponseMessage> UploadBytesAsync(this HttpClient admin, int draw, string handler, byte[] bytes)
    {
        var page = await admin.GetDocumentAsync($"/admin/tirages/{draw}");
        var form = page.QuerySelector($"form[action*='handler={handler}']") ?? throw new InvalidOperationException($"No {handler} form.");
        return await admin.PostFileAsync(form.GetAttribute("action")!, Token(page), bytes);
    }

    public static string Token(IHtmlDocument page) => page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string action, string token, byte[] bytes)
    {
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "file", "fichier.csv");
        return await client.PostAsync(action, body);
    }

    public static async Task<IHtmlDocument> PostAsync(this HttpClient admin, int draw, string handler, Dictionary<string, string?>? values = null) =>
        await admin.SubmitAndReadAsync($"/admin/tirages/{draw}", $"form[action*='handler={handler}']", values ?? []);

    public static async Task<IHtmlDocument> ReadAsync(this HttpClient client, HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            ? await client.GetDocumentAsync(response.Headers.Location!.OriginalString)
            : HtmlClient.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>A draw with its quotas and pool, ready to commit.</summary>
    public static async Task<int> PreparedAsync(this HttpClient admin, int panel = 5, bool household = false, string? pool = null)
    {
        var draw = await admin.CreateAsync("Panel " + Guid.NewGuid().ToString("N")[..6], panel, household);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.UploadAsync(draw, "Quotas", Quotas)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.UploadAsync(draw, "Pool", pool ?? Pool())).StatusCode);
        return draw;
    }
}
