using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>Bodies no browser would send: each one gets a 4xx (a French page where a page answers) and nothing is saved.</summary>
[Collection(PlatformAppCollection.Name)]
public class MalformedBodyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A signed-in citizen, an open consultation and the antiforgery token of its contribution form.</summary>
    private async Task<(HttpClient Client, int ConsultationId, string Token)> ContributeFormAsync()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var token = (await client.GetDocumentAsync($"/concertations/{id}")).QuerySelector("form[action*=Contribute] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return (client, id, token);
    }

    private static async Task AssertRefusedInFrenchAsync(HttpResponseMessage response, HttpStatusCode expected, string text)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(text, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_megabyte_form_is_refused_as_too_large()
    {
        var (client, id, token) = await ContributeFormAsync();
        var body = new StringBuilder("__RequestVerificationToken=").Append(Uri.EscapeDataString(token)).Append("&Input.Body=")
            .Append('a', 50 * 1024 * 1024).ToString();
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.RequestEntityTooLarge, "trop volumineux");
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task A_50_megabyte_multipart_upload_is_refused_as_too_large()
    {
        var (client, id, token) = await ContributeFormAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Avec une pièce jointe énorme"), "Input.Body" },
            { new ByteArrayContent(new byte[50 * 1024 * 1024]), "attachment", "enorme.pdf" },
        };
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", content);
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.RequestEntityTooLarge, "trop volumineux");
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task A_one_megabyte_title_gets_a_form_error()
    {
        var (client, id, _) = await ContributeFormAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?>
        {
            ["Input.Title"] = new string('t', 1024 * 1024),
            ["Input.Body"] = "Texte",
        });
        Assert.Contains(page.Errors(), e => e.Contains("200 caractères", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Json_sent_to_a_form_is_refused()
    {
        var (client, id, _) = await ContributeFormAsync();
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", new StringContent("""{"Input":{"Body":"JSON"}}""", Encoding.UTF8, "application/json"));
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.BadRequest, "Requête invalide");
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Multipart_without_boundary_is_refused()
    {
        var (client, id, token) = await ContributeFormAsync();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"--x\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--x--\r\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", content);
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.BadRequest, "Requête invalide");
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_form_value_is_kept_as_written_not_an_error()
    {
        var (client, id, token) = await ContributeFormAsync();
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Body=abc%FF%FE%C3";
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // ASP.NET Core's form reader leaves bytes that are not UTF-8 percent-encoded, as they came.
        var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Body).SingleAsync());
        Assert.Equal("abc%FF%FE%C3", stored);
        Assert.Contains(stored, (await client.GetDocumentAsync(response.Headers.Location!.OriginalString)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_character_is_refused_in_a_form_and_dropped_from_a_query()
    {
        // ASP.NET Core's form reader refuses NUL; PostgreSQL would refuse it in a text column or parameter.
        var (client, id, token) = await ContributeFormAsync();
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Body=c%00d";
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.BadRequest, "Requête invalide");
        Assert.Equal(0, await _app.CountContributionsAsync(id));

        var admin = await _app.SignedInAsync("admin");
        var page = await admin.GetDocumentAsync("/admin/journal?auteur=adm%00in");
        Assert.Equal("admin", page.QuerySelector("input[name=auteur]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_a_400_in_french()
    {
        var (client, id, _) = await ContributeFormAsync();
        var response = await client.PostAsync($"/concertations/{id}?handler=Contribute", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Body"] = "Sans jeton" }));
        await AssertRefusedInFrenchAsync(response, HttpStatusCode.BadRequest, "Le formulaire a expiré");
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Theory]
    [InlineData("Form.TerritoryId", "abc", "n'est pas valide")]
    [InlineData("Form.TerritoryId", "99999999999999999999", "n'est pas valide")]
    [InlineData("Form.LegalFrame", "PasUnCadre", "n'est pas valide")]
    [InlineData("Form.InformationStartsAt", "hier", "n'est pas valide")]
    public async Task Wrong_types_in_the_consultation_form_get_a_french_error_and_create_nothing(string field, string value, string message)
    {
        var admin = await _app.SignedInAsync("admin");
        var title = "Mal typée " + Guid.NewGuid().ToString("N")[..6];
        var page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", new Dictionary<string, string?>
        {
            ["Form.Title"] = title,
            ["Form.LegalFrame"] = "Voluntary",
            [field] = value,
        });
        Assert.Contains(page.Errors(), e => e.Contains(message, StringComparison.Ordinal));
        Assert.False(await _app.InAAsync(db => db.Consultations.AnyAsync(c => c.Title == title)));
    }

    [Theory]
    [InlineData("/concertations/{0}?p=-1")]
    [InlineData("/concertations/{0}?p=99999999999999999999")]
    [InlineData("/concertations/{0}?tri=PasUnTri&reponse=2&territoire=-7")]
    [InlineData("/concertations?territoire=99999999999999999999")]
    [InlineData("/admin/journal?p=-3&action=%00")]
    public async Task Wrong_types_in_query_strings_still_show_the_page(string url)
    {
        var id = await _app.IdAsync(ConsultationData.Open);
        var admin = await _app.SignedInAsync("admin");
        var response = await admin.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("kind=Adore")]
    [InlineData("kind=99")]
    [InlineData("autre=1")]
    public async Task A_reaction_that_does_not_exist_is_refused(string query)
    {
        var (client, id, _) = await ContributeFormAsync();
        await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Idée" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var url = $"/contributions/{contributionId}";
        var page = await client.SubmitAndReadAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&{query}");
        Assert.Contains("Cette réaction n'existe pas.", page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributionId)));
    }
}
