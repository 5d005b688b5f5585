using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

[Collection(InitiativesAppCollection.Name)]
public class Open311PostTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string> Report(string serviceCode, string? key = Open311Data.ApiKey) => new()
    {
        ["api_key"] = key ?? "",
        ["service_code"] = serviceCode,
        ["lat"] = "48.8566",
        ["long"] = "2.3522",
        ["description"] = "Un lampadaire clignote toute la nuit.",
        ["email"] = "habitante@example.org",
        ["first_name"] = "Marie",
        ["last_name"] = "Curie",
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> form, string format = "json") =>
        client.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(form));

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> form, string format = "json")
    {
        var response = await PostAsync(client, form, format);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ErrorOf(string body)
    {
        var error = JsonDocument.Parse(body).RootElement[0];
        return $"{error.GetProperty("code").GetInt32()} {error.GetProperty("description").GetString()}";
    }

    [Fact]
    public async Task A_client_posts_a_request_which_reads_back_by_token_and_id_and_is_audited()
    {
        var category = await _app.NewCategoryAsync(null,
            new CategoryQuestion { Code = "nature", Prompt = "Nature", Kind = QuestionKind.MultipleChoice, Required = true, Position = 1, Choices = "a=A\nb=B\nc=C" },
            new CategoryQuestion { Code = "nombre", Prompt = "Nombre", Kind = QuestionKind.Number, Position = 2 });
        var form = Report(category.Code).ToList();
        form.Add(new("attribute[nature][]", "a"));
        form.Add(new("attribute[nature][]", "c"));
        form.Add(new("attribute[nombre]", "3"));
        form.Add(new("media_url", "https://exemple.org/photo.jpg"));
        form.Add(new("jurisdiction_id", "a.test"));
        var (status, body) = await SendAsync(_app.ClientFor(ParvisFactory.HostA), form);
        Assert.True(status == HttpStatusCode.OK, body);
        Open311Schemas.AssertValid(Open311Schemas.PostAnswer, body);
        var answer = JsonDocument.Parse(body).RootElement[0];
        var id = answer.GetProperty("service_request_id").GetString()!;
        var token = answer.GetProperty("token").GetString()!;
        Assert.Contains("Service des essais", answer.GetProperty("service_notice").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("account_id").ValueKind);

        var saved = await _app.InAAsync(db => db.ServiceRequests.Include(r => r.Answers).ThenInclude(a => a.Question).SingleAsync(r => r.Id == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("habitante@example.org", saved.ReporterEmail);
        Assert.Equal("Marie Curie", saved.ReporterName);
        Assert.False(saved.AwaitingEmail);
        Assert.NotNull(saved.ApiKeyId);
        Assert.Equal("a,c", saved.Answers.Single(a => a.Question!.Code == "nature").Value);
        Assert.Equal("3", saved.Answers.Single(a => a.Question!.Code == "nombre").Value);
        Assert.Equal(DateTime.UtcNow.AddHours(48), saved.DueAt, TimeSpan.FromMinutes(5));

        var api = _app.ClientFor(ParvisFactory.HostA);
        var tokenJson = await (await api.GetAsync($"/open311/v2/tokens/{token}.json")).Content.ReadAsStringAsync();
        Open311Schemas.AssertValid(Open311Schemas.TokenAnswer, tokenJson);
        Assert.Equal(id, JsonDocument.Parse(tokenJson).RootElement[0].GetProperty("service_request_id").GetString());
        var tokenXml = XDocument.Parse(await (await api.GetAsync($"/open311/v2/tokens/{token}.xml")).Content.ReadAsStringAsync());
        Assert.Equal(id, (string?)tokenXml.Root!.Element("request")!.Element("service_request_id"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/open311/v2/tokens/inconnu.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/open311/v2/tokens/{token}.json")).StatusCode);

        var read = JsonDocument.Parse(await (await api.GetAsync($"/open311/v2/requests/{id}.json")).Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal("https://exemple.org/photo.jpg", read.GetProperty("media_url").GetString());

        var details = await _app.FirstAuditAsync("open311.request", id, a => $"{a.ActorName} | {a.Details}");
        Assert.Contains("Application de démonstration", details, StringComparison.Ordinal);
        Assert.Contains(category.Code, details, StringComparison.Ordinal);
        Assert.NotNull(await _app.InAAsync(db => db.ApiKeys.Where(k => k.SecretHash == ApiKey.Hash(Open311Data.ApiKey)).Select(k => k.LastUsedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_xml_answer_and_an_address_without_coordinates()
    {
        var category = await _app.NewCategoryAsync();
        var form = Report(category.Code);
        form.Remove("lat");
        form.Remove("long");
        form["address_string"] = "12 place de la Mairie";
        var (status, body) = await SendAsync(_app.ClientFor(ParvisFactory.HostA), form, "xml");
        Assert.True(status == HttpStatusCode.OK, body);
        var request = XDocument.Parse(body).Root!.Element("request")!;
        Assert.Equal("service_requests", XDocument.Parse(body).Root!.Name.LocalName);
        var id = int.Parse((string)request.Element("service_request_id")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(string.IsNullOrEmpty((string?)request.Element("token")));
        Assert.Equal("12 place de la Mairie", await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.Address).SingleAsync()));
    }

    [Fact]
    public async Task A_missing_unknown_revoked_or_foreign_key_is_refused_with_403_and_nothing_is_saved()
    {
        var category = await _app.NewCategoryAsync();
        var revoked = await _app.NewKeyAsync(open311: true, revoked: true);
        var ofB = await _app.NewKeyAsync(open311: true, _app.OrganizationB);
        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var key in new[] { "", "pas-une-cle", revoked, ofB })
        {
            var (status, body) = await SendAsync(client, Report(category.Code, key));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.StartsWith("403 ", ErrorOf(body), StringComparison.Ordinal);
        }
        var (xmlStatus, xmlBody) = await SendAsync(client, Report(category.Code, "pas-une-cle"), "xml");
        Assert.Equal(HttpStatusCode.Forbidden, xmlStatus);
        Assert.Equal("403", (string?)XDocument.Parse(xmlBody).Root!.Element("error")!.Element("code"));
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == category.Id)));
        // The key of Ville B works on Ville B's own host.
        var onB = await _app.NewCategoryAsync(_app.OrganizationB);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_app.ClientFor(ParvisFactory.HostB), Report(onB.Code, ofB))).Status);
    }

    [Fact]
    public async Task Broken_reports_get_a_400_that_says_why()
    {
        var category = await _app.NewCategoryAsync(null,
            new CategoryQuestion { Code = "taille", Prompt = "Taille", Kind = QuestionKind.SingleChoice, Required = true, Position = 1, Choices = "petit=Petit\ngrand=Grand" });
        var client = _app.ClientFor(ParvisFactory.HostA);
        var missingCode = Report(category.Code);
        missingCode.Remove("service_code");
        var noLocation = Report(category.Code);
        noLocation.Remove("lat");
        noLocation.Remove("long");
        var cases = new (Dictionary<string, string> Form, string Expected)[]
        {
            (missingCode, "service_code est obligatoire"),
            (Report("inconnu-" + Guid.NewGuid().ToString("N")[..6]), "service_code n'existe pas"),
            (noLocation, "Indiquez où"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "enorme" }, "Choisissez une réponse proposée à « Taille »"),
            (Report(category.Code), "Répondez à la question « Taille »"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["lat"] = "nord" }, "lat et long"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["lat"] = "123" }, "la latitude est entre -90 et 90"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["description"] = "" }, "Décrivez"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["lat"] = "43.2951", ["long"] = "5.3745" },
                "hors du territoire de Démo Agglomération"),
            (new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["media_url"] = "javascript:alert(1)" }, "media_url"),
        };
        foreach (var (form, expected) in cases)
        {
            var (status, body) = await SendAsync(client, form);
            Assert.True(status == HttpStatusCode.BadRequest, $"{expected}: {(int)status} {body}");
            Assert.Contains(expected, ErrorOf(body), StringComparison.Ordinal);
        }
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == category.Id)));
        var wrongJurisdiction = new Dictionary<string, string>(Report(category.Code)) { ["attribute[taille]"] = "petit", ["jurisdiction_id"] = "ailleurs.example" };
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, wrongJurisdiction)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/open311/v2/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Without_anonymous_reports_an_email_is_required_and_a_signed_in_cookie_needs_no_antiforgery_token()
    {
        var category = await _app.NewCategoryAsync();
        var form = Report(category.Code);
        form.Remove("email");
        var (status, body) = await SendAsync(_app.ClientFor(ParvisFactory.HostA), form);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("email est obligatoire", ErrorOf(body), StringComparison.Ordinal);

        // A browser signed in to the site posting to the API: the key decides, the cookie is ignored.
        var citizen = await _app.SignedInAsync("habitant");
        var (signedStatus, signedBody) = await SendAsync(citizen, Report(category.Code));
        Assert.True(signedStatus == HttpStatusCode.OK, signedBody);
        var id = int.Parse(JsonDocument.Parse(signedBody).RootElement[0].GetProperty("service_request_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.AuthorId).SingleAsync()));
    }

    [Fact]
    public async Task Naughty_descriptions_come_back_as_sent_in_json_and_as_well_formed_xml()
    {
        var category = await _app.NewCategoryAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Security.NaughtyStringTests.Strings.Where((_, i) => i % 8 == 3))
        {
            var form = Report(category.Code);
            form["description"] = s;
            form["address_string"] = s;
            var (status, body) = await SendAsync(client, form);
            Assert.True((int)status < 500, $"{(int)status} for {s}");
            if (status != HttpStatusCode.OK) continue;
            var id = JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString();
            var json = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{id}.json")).RootElement[0];
            Assert.Equal(s.Replace("\0", "", StringComparison.Ordinal).Trim(), json.GetProperty("description").GetString());
            var xml = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{id}.xml"));
            Assert.Equal(id, (string?)xml.Root!.Element("request")!.Element("service_request_id"));
        }
    }
}
