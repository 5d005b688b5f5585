using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

[Collection(InitiativesAppCollection.Name)]
public class Open311ReadTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private HttpClient Api(string host = ParvisFactory.HostA) => _app.ClientFor(host);

    private static async Task<string> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private async Task<JsonElement> JsonAsync(string url) => JsonDocument.Parse(await OkAsync(await Api().GetAsync(url))).RootElement;

    private static List<string> Ids(JsonElement array) => array.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToList();

    [Fact]
    public async Task Services_are_the_active_categories_valid_against_the_schema_in_json_and_xml()
    {
        var inactive = await _app.NewCategoryAsync();
        await _app.InAAsync(async db => await db.RequestCategories.Where(c => c.Id == inactive.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false)));
        var json = await OkAsync(await Api().GetAsync("/open311/v2/services.json"));
        Open311Schemas.AssertValid(Open311Schemas.Services, json);
        var services = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        var pothole = services.Single(s => s.GetProperty("service_code").GetString() == "nid-de-poule");
        Assert.Equal("Nid-de-poule", pothole.GetProperty("service_name").GetString());
        Assert.Equal("Voirie", pothole.GetProperty("group").GetString());
        Assert.True(pothole.GetProperty("metadata").GetBoolean());
        Assert.False(services.Single(s => s.GetProperty("service_code").GetString() == "trottoir").GetProperty("metadata").GetBoolean());
        Assert.DoesNotContain(services, s => s.GetProperty("service_code").GetString() == inactive.Code);

        var xml = XDocument.Parse(await OkAsync(await Api().GetAsync("/open311/v2/services.xml")));
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var service = xml.Root.Elements("service").Single(s => (string?)s.Element("service_code") == "nid-de-poule");
        Assert.Equal("Nid-de-poule", (string?)service.Element("service_name"));
        Assert.Equal("true", (string?)service.Element("metadata"));
        Assert.Equal("realtime", (string?)service.Element("type"));
    }

    [Fact]
    public async Task A_service_definition_lists_its_questions_as_attributes_of_every_datatype()
    {
        var category = await _app.NewCategoryAsync(null,
            new CategoryQuestion { Code = "court", Prompt = "Texte court", Kind = QuestionKind.ShortText, Position = 1 },
            new CategoryQuestion { Code = "long", Prompt = "Texte long", Kind = QuestionKind.LongText, Position = 2 },
            new CategoryQuestion { Code = "nombre", Prompt = "Nombre", Kind = QuestionKind.Number, Position = 3 },
            new CategoryQuestion { Code = "jour", Prompt = "Date", Kind = QuestionKind.Date, Position = 4 },
            new CategoryQuestion { Code = "un", Prompt = "Un choix", Kind = QuestionKind.SingleChoice, Required = true, Position = 5, Choices = "a=Choix A\nb=Choix B" },
            new CategoryQuestion { Code = "plusieurs", Prompt = "Des choix", Kind = QuestionKind.MultipleChoice, Position = 6, Choices = "x=Ixe\ny=Igrec" });
        var json = await OkAsync(await Api().GetAsync($"/open311/v2/services/{category.Code}.json"));
        Open311Schemas.AssertValid(Open311Schemas.ServiceDefinition, json);
        var attributes = JsonDocument.Parse(json).RootElement.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["string", "text", "number", "datetime", "singlevaluelist", "multivaluelist"], attributes.Select(a => a.GetProperty("datatype").GetString()));
        Assert.Equal([1, 2, 3, 4, 5, 6], attributes.Select(a => a.GetProperty("order").GetInt32()));
        var single = attributes[4];
        Assert.Equal("un", single.GetProperty("code").GetString());
        Assert.True(single.GetProperty("required").GetBoolean());
        Assert.Equal("Un choix", single.GetProperty("description").GetString());
        Assert.Equal(["a:Choix A", "b:Choix B"], single.GetProperty("values").EnumerateArray().Select(v => $"{v.GetProperty("key").GetString()}:{v.GetProperty("name").GetString()}"));

        var xml = XDocument.Parse(await OkAsync(await Api().GetAsync($"/open311/v2/services/{category.Code}.xml")));
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal(category.Code, (string?)xml.Root.Element("service_code"));
        var xmlAttributes = xml.Root.Element("attributes")!.Elements("attribute").ToList();
        Assert.Equal(6, xmlAttributes.Count);
        Assert.Equal(["x", "y"], xmlAttributes[5].Element("values")!.Elements("value").Select(v => (string)v.Element("key")!));

        var missing = await Api().GetAsync("/open311/v2/services/inconnu.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(404, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Requests_are_valid_and_never_show_personal_data_internal_notes_hidden_or_unconfirmed_requests()
    {
        var category = await _app.NewCategoryAsync();
        var shown = await _app.NewRequestAsync(category, r =>
        {
            r.Updates.Add(new RequestUpdate { At = DateTime.UtcNow.AddMinutes(-30), Status = RequestStatus.Acknowledged, PublicText = "Nous passons demain.", InternalNote = "Note interne confidentielle", Signature = "Service des essais" });
            r.Status = RequestStatus.Acknowledged;
        });
        var hidden = await _app.NewRequestAsync(category, r => { r.IsHidden = true; r.HiddenReason = "injurieux"; });
        var unconfirmed = await _app.NewRequestAsync(category, r => r.AwaitingEmail = true);

        var json = await OkAsync(await Api().GetAsync($"/open311/v2/requests.json?service_code={category.Code}"));
        Open311Schemas.AssertValid(Open311Schemas.Requests, json);
        var requests = JsonDocument.Parse(json).RootElement;
        Assert.Equal([shown.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ids(requests));
        var request = requests[0];
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("Nous passons demain.", request.GetProperty("status_notes").GetString());
        Assert.Equal("Service des essais", request.GetProperty("agency_responsible").GetString());
        Assert.Equal(shown.Description, request.GetProperty("description").GetString());
        Assert.Equal(48.85, request.GetProperty("lat").GetDouble());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", request.GetProperty("expected_datetime").GetString());
        Assert.DoesNotContain("auteur-secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Nom Secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("confidentielle", json, StringComparison.Ordinal);

        foreach (var id in new[] { hidden.Id, unconfirmed.Id })
            Assert.Equal(HttpStatusCode.NotFound, (await Api().GetAsync($"/open311/v2/requests/{id}.json")).StatusCode);
        // Signed in as an administrator, the API still answers as it does to anyone.
        var admin = await _app.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/open311/v2/requests/{hidden.Id}.json")).StatusCode);

        var one = await OkAsync(await Api().GetAsync($"/open311/v2/requests/{shown.Id}.json"));
        Open311Schemas.AssertValid(Open311Schemas.Requests, one);

        var xml = XDocument.Parse(await OkAsync(await Api().GetAsync($"/open311/v2/requests/{shown.Id}.xml")));
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var element = xml.Root.Elements("request").Single();
        Assert.Equal(shown.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)element.Element("service_request_id"));
        Assert.Equal("open", (string?)element.Element("status"));
        Assert.Equal("Nous passons demain.", (string?)element.Element("status_notes"));
        Assert.Equal(category.Code, (string?)element.Element("service_code"));
        Assert.Equal("48.85", (string?)element.Element("lat"));
    }

    [Fact]
    public async Task The_first_visible_photo_is_the_media_url_else_the_url_given_by_the_client()
    {
        var category = await _app.NewCategoryAsync();
        var withUrl = await _app.NewRequestAsync(category, r => r.MediaUrl = "https://exemple.org/photo.jpg");
        var fileId = await _app.InAAsync(async db =>
        {
            var file = new StoredFile { Id = Guid.NewGuid(), Kind = FileKind.Photo, Title = "Photo", FileName = "photo.jpg", ContentType = "image/jpeg", StorageKey = "x", Size = 1, UploadedAt = DateTime.UtcNow };
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
        var withPhoto = await _app.NewRequestAsync(category, r => r.Photos.Add(new RequestPhoto { FileId = fileId, Position = 1 }));
        var requests = await JsonAsync($"/open311/v2/requests.json?service_request_id={withUrl.Id},{withPhoto.Id}");
        var urls = requests.EnumerateArray().ToDictionary(r => r.GetProperty("service_request_id").GetString()!, r => r.GetProperty("media_url").GetString());
        Assert.Equal("https://exemple.org/photo.jpg", urls[withUrl.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal($"http://a.test/fichiers/{fileId}", urls[withPhoto.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Requests_filter_by_ids_service_code_status_and_dates()
    {
        var category = await _app.NewCategoryAsync();
        var other = await _app.NewCategoryAsync();
        var open = await _app.NewRequestAsync(category);
        var closed = await _app.NewRequestAsync(category, r => { r.Status = RequestStatus.Resolved; r.ClosedAt = DateTime.UtcNow; });
        var old = await _app.NewRequestAsync(category, r => r.SubmittedAt = DateTime.UtcNow.AddDays(-100));
        var elsewhere = await _app.NewRequestAsync(other);
        string S(ServiceRequest r) => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new[] { S(open), S(closed) }.Order(), Ids(await JsonAsync($"/open311/v2/requests.json?service_code={category.Code}")).Order());
        Assert.Equal(new[] { S(open), S(elsewhere) }.Order(), Ids(await JsonAsync($"/open311/v2/requests.json?service_code={category.Code},{other.Code}&status=open")).Order());
        Assert.Equal([S(closed)], Ids(await JsonAsync($"/open311/v2/requests.json?service_code={category.Code}&status=closed")));
        // Ids ignore the other filters, as the spec says; the 90-day window does not hide an old request asked by id.
        Assert.Equal(new[] { S(open), S(old) }.Order(), Ids(await JsonAsync($"/open311/v2/requests.json?service_request_id={open.Id},{old.Id}&status=closed")).Order());
        var start = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-120).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        var end = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-90).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([S(old)], Ids(await JsonAsync($"/open311/v2/requests.json?service_code={category.Code}&start_date={start}&end_date={end}")));
        Assert.Equal([S(old)], Ids(await JsonAsync($"/open311/v2/requests.json?service_code={category.Code}&start_date={start}")));

        foreach (var bad in new[] { "start_date=hier", "end_date=2026-13-45", "status=ouvert", "service_request_id=abc", "start_date=9999-12-01T00:00:00Z", "end_date=0001-01-02T00:00:00Z" })
        {
            var response = await Api().GetAsync($"/open311/v2/requests.json?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(400, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        }
        var xmlError = XDocument.Parse(await (await Api().GetAsync("/open311/v2/requests.xml?start_date=hier")).Content.ReadAsStringAsync());
        Assert.Equal("400", (string?)xmlError.Root!.Element("error")!.Element("code"));
        Assert.Contains("start_date", (string?)xmlError.Root.Element("error")!.Element("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_holds_at_most_a_thousand_requests_newest_first()
    {
        var category = await _app.NewCategoryAsync();
        await _app.InAAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 1_005; i++)
                db.ServiceRequests.Add(new ServiceRequest { CategoryId = category.Id, ServiceName = category.ServiceName, Description = $"n° {i}", Address = "ici", Status = RequestStatus.Submitted, SubmittedAt = now.AddMinutes(-i - 1), UpdatedAt = now, DueAt = now });
            return await db.SaveChangesAsync();
        });
        var requests = await JsonAsync($"/open311/v2/requests.json?service_code={category.Code}");
        Assert.Equal(1_000, requests.GetArrayLength());
        Assert.Equal("n° 0", requests[0].GetProperty("description").GetString());
        Assert.Equal("n° 999", requests[999].GetProperty("description").GetString());
    }

    [Fact]
    public async Task Service_request_updates_are_the_public_ones_with_their_status()
    {
        var category = await _app.NewCategoryAsync();
        var now = DateTime.UtcNow;
        var request = await _app.NewRequestAsync(category, r =>
        {
            r.Status = RequestStatus.Resolved;
            r.Updates.Add(new RequestUpdate { At = now.AddMinutes(-50), Status = RequestStatus.InProgress, PublicText = "Équipe envoyée.", Signature = "Service des essais" });
            r.Updates.Add(new RequestUpdate { At = now.AddMinutes(-40), InternalNote = "Seulement pour le service", Signature = "Service des essais" });
            r.Updates.Add(new RequestUpdate { At = now.AddMinutes(-30), PublicText = "Pièce commandée.", Signature = "Service des essais" });
            r.Updates.Add(new RequestUpdate { At = now.AddMinutes(-20), Status = RequestStatus.Resolved, Signature = "Service des essais" });
        });
        var hidden = await _app.NewRequestAsync(category, r =>
        {
            r.IsHidden = true;
            r.Updates.Add(new RequestUpdate { At = now.AddMinutes(-45), PublicText = "Sur un signalement masqué.", Signature = "Service des essais" });
        });
        var start = Uri.EscapeDataString(now.AddMinutes(-55).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var json = await OkAsync(await Api().GetAsync($"/open311/v2/servicerequestupdates.json?start_date={start}"));
        var mine = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(u => u.GetProperty("service_request_id").GetString() == request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["in_progress:Équipe envoyée.", "in_progress:Pièce commandée.", "fixed:"], mine.Select(u => $"{u.GetProperty("status").GetString()}:{u.GetProperty("description").GetString()}"));
        Assert.All(mine, u => Assert.False(string.IsNullOrEmpty(u.GetProperty("update_id").GetString())));
        Assert.DoesNotContain("Seulement pour le service", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Sur un signalement masqué", json, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{hidden.Id}\"", json, StringComparison.Ordinal);

        var xml = XDocument.Parse(await OkAsync(await Api().GetAsync($"/open311/v2/servicerequestupdates.xml?start_date={start}")));
        Assert.Equal("service_request_updates", xml.Root!.Name.LocalName);
        Assert.Contains(xml.Root.Elements("request_update"), u => (string?)u.Element("description") == "Pièce commandée." && (string?)u.Element("status") == "in_progress");
        Assert.Equal(HttpStatusCode.BadRequest, (await Api().GetAsync("/open311/v2/servicerequestupdates.json?end_date=demain")).StatusCode);
    }

    [Fact]
    public async Task Discovery_names_the_endpoint_and_the_jurisdiction_which_must_match_when_given()
    {
        var discovery = await JsonAsync("/open311/v2/discovery.json");
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://a.test/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Contains("application/json", endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("jurisdiction_id : a.test", discovery.GetProperty("key_service").GetString(), StringComparison.Ordinal);
        var xml = XDocument.Parse(await OkAsync(await Api().GetAsync("/open311/v2/discovery.xml")));
        Assert.Equal("text/xml", (string?)xml.Root!.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Element("format"));

        Assert.Equal(HttpStatusCode.OK, (await Api().GetAsync("/open311/v2/services.json?jurisdiction_id=a.test")).StatusCode);
        var wrong = await Api().GetAsync("/open311/v2/services.json?jurisdiction_id=b.test");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(404, JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        var unknownFormat = await Api().GetAsync("/open311/v2/services.csv");
        Assert.Equal(HttpStatusCode.BadRequest, unknownFormat.StatusCode);
        Assert.Equal(400, JsonDocument.Parse(await unknownFormat.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Ville_b_never_shows_the_requests_or_services_of_ville_a()
    {
        var category = await _app.NewCategoryAsync();
        var request = await _app.NewRequestAsync(category);
        Assert.Equal(HttpStatusCode.NotFound, (await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/requests/{request.Id}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/services/{category.Code}.json")).StatusCode);
        var list = await OkAsync(await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/requests.json?service_request_id={request.Id}"));
        Assert.Equal("[]", list);
    }

    [Fact]
    public async Task Where_requests_are_not_public_only_a_key_of_the_organization_reads_them()
    {
        var category = await _app.NewCategoryAsync(_app.OrganizationB);
        var request = await _app.NewRequestAsync(category, organization: _app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var o = await db.Organizations.SingleAsync(x => x.Id == _app.OrganizationB.Id);
            o.Requests.PublicRequests = false;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/requests/{request.Id}.json")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Api(ParvisFactory.HostB).GetAsync("/open311/v2/servicerequestupdates.json")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/requests/{request.Id}.json?api_key=inconnue")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Api(ParvisFactory.HostB).GetAsync($"/open311/v2/requests/{request.Id}.json?api_key={Open311Data.ApiKey}")).StatusCode);
            // Services stay public: they say what may be reported.
            Assert.Equal(HttpStatusCode.OK, (await Api(ParvisFactory.HostB).GetAsync("/open311/v2/services.json")).StatusCode);
        }
        finally
        {
            await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
                await db.Organizations.Where(x => x.Id == _app.OrganizationB.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Requests.PublicRequests, true)));
            _app.ForgetOrganizationCache(ParvisFactory.HostB);
        }
    }
}
