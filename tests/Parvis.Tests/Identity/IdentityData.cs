using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

/// <summary>What the identity tests do over HTTP, as a person would: upload a list, type one's identity, contribute.</summary>
public static class IdentityData
{
    /// <summary>Uploads a census file through the admin form; returns the page the administrator ends up on.</summary>
    public static async Task<IHtmlDocument> UploadCensusAsync(this HttpClient admin, string csv, CensusKind kind = CensusKind.Electoral, bool revokeOld = false, string fileName = "liste.csv")
    {
        var form = await admin.GetDocumentAsync("/admin/identite/liste");
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        body.Add(new StringContent(kind.ToString()), "kind");
        if (revokeOld) body.Add(new StringContent("true"), "revokeOld");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "file", fileName);
        var response = await admin.PostAsync("/admin/identite/liste", body);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await admin.GetDocumentAsync(response.Headers.Location!.OriginalString)
            : HtmlClient.Parse(await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> MatchCensusAsync(this HttpClient citizen, string family, string given, string birthDate) =>
        citizen.SubmitAsync("/compte/identite/liste", "main form", new Dictionary<string, string?>
        {
            ["Form.FamilyName"] = family,
            ["Form.GivenNames"] = given,
            ["Form.BirthDate"] = birthDate,
        });

    public static async Task<IHtmlDocument> ReadAsync(this HttpClient client, HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            ? await client.GetDocumentAsync(response.Headers.Location!.OriginalString)
            : HtmlClient.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a contribution the way the page's form does (also when the page does not show the form); true when it was published.</summary>
    public static async Task<bool> TryContributeAsync(this ParvisFactory app, HttpClient client, int consultationId, string body)
    {
        var before = await app.CountContributionsAsync(consultationId);
        await client.SubmitAsync($"/concertations/{consultationId}", "header form", new Dictionary<string, string?> { ["Input.Body"] = body },
            $"/concertations/{consultationId}?handler=Contribute");
        return await app.CountContributionsAsync(consultationId) == before + 1;
    }

    /// <summary>A consultation on the Quartier de la Gare where contributing needs a verified residence.</summary>
    public static Task<int> ResidentOnlyConsultationAsync(this ParvisFactory app) =>
        app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.VerifiedResident);

    public static Task<Guid> UserIdAsync(this ParvisFactory app, string email, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Task<int> TerritoryIdAsync(this ParvisFactory app, string name, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) => db.Territories.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    /// <summary>A name nobody else in the tests uses, so a test's list and matches are its own.</summary>
    public static string UniqueName(string prefix) => prefix + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).Select(char.ToUpperInvariant).ToArray());
}
