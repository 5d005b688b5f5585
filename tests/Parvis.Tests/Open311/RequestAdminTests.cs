using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

/// <summary>The administration of requests: settings, categories and their questions, Open311 keys.</summary>
[Collection(InitiativesAppCollection.Name)]
public class RequestAdminTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Settings_are_validated_saved_and_audited()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var refused = await admin.SubmitAndReadAsync("/admin/signalements", "#reglages", new Dictionary<string, string?> { ["AskIfFixedAfterDays"] = "0" });
        Assert.Contains(refused.Errors(), e => e.Contains("entre 1 et 365 jours", StringComparison.Ordinal));
        refused = await admin.SubmitAndReadAsync("/admin/signalements", "#reglages", new Dictionary<string, string?> { ["NearbyMetres"] = "" });
        Assert.Contains(refused.Errors(), e => e.Contains("entre 10 et 5 000 mètres", StringComparison.Ordinal));
        try
        {
            var page = await admin.SubmitAndReadAsync("/admin/signalements", "#reglages",
                new Dictionary<string, string?> { ["AskIfFixedAfterDays"] = "14", ["NearbyMetres"] = "100", ["AllowAnonymous"] = "true" });
            Assert.Contains("Réglages des signalements enregistrés.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
            var saved = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Organizations.AsNoTracking().Where(o => o.Id == _app.OrganizationB.Id).Select(o => o.Requests).SingleAsync());
            Assert.Equal((14, 100, true, true), (saved.AskIfFixedAfterDays, saved.NearbyMetres, saved.AllowAnonymous, saved.PublicRequests));
            var audit = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.AuditEntries.Where(a => a.Action == "organization.requests").OrderByDescending(a => a.Id).Select(a => a.Details).FirstAsync());
            Assert.Contains("→ publics oui, anonymes oui, « est-ce réglé ? » après 14 j, proches 100 m", audit, StringComparison.Ordinal);
            Assert.Equal("14", (await admin.GetDocumentAsync("/admin/signalements")).QuerySelector("#AskIfFixedAfterDays")!.GetAttribute("value"));
        }
        finally
        {
            await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
                await db.Organizations.Where(o => o.Id == _app.OrganizationB.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Requests.AskIfFixedAfterDays, 28).SetProperty(o => o.Requests.NearbyMetres, 250).SetProperty(o => o.Requests.AllowAnonymous, false)));
            _app.ForgetOrganizationCache(ParvisFactory.HostB);
        }
    }

    [Fact]
    public async Task An_administrator_creates_a_category_with_questions_which_the_api_describes()
    {
        var admin = await _app.SignedInAsync("admin");
        var code = "mobilier-" + Guid.NewGuid().ToString("N")[..6];
        Dictionary<string, string?> Category(string categoryCode) => new()
        {
            ["Name"] = "Banc cassé",
            ["Code"] = categoryCode,
            ["Group"] = "Mobilier urbain",
            ["ServiceName"] = "Service voirie",
            ["TargetAmount"] = "36",
            ["TargetUnit"] = "heures",
            ["Description"] = "Bancs, poubelles, barrières.",
        };
        var page = await admin.SubmitAndReadAsync("/admin/signalements/categories", "#categorie", Category(code));
        Assert.Contains("Catégorie créée", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var category = await _app.InAAsync(db => db.RequestCategories.SingleAsync(c => c.Code == code));
        Assert.Equal((36, "Service voirie", "Mobilier urbain", true), (category.TargetHours, category.ServiceName, category.Group, category.IsActive));
        // The services of agents are offered.
        Assert.Contains(page.QuerySelectorAll("#services option"), o => o.GetAttribute("value") == "Service urbanisme");

        var duplicate = await admin.SubmitAndReadAsync("/admin/signalements/categories", "#categorie", Category(code));
        Assert.Contains(duplicate.Errors(), e => e.Contains("porte déjà ce code", StringComparison.Ordinal));
        var badCode = await admin.SubmitAndReadAsync("/admin/signalements/categories", "#categorie", Category("Avec Espaces"));
        Assert.Contains(badCode.Errors(), e => e.Contains("lettres minuscules", StringComparison.Ordinal));

        var questions = $"/admin/signalements/categories/{category.Id}/questions";
        var refused = await admin.SubmitAndReadAsync(questions, "#question", new Dictionary<string, string?> { ["Prompt"] = "État", ["Code"] = "etat", ["Kind"] = "SingleChoice" });
        Assert.Contains(refused.Errors(), e => e.Contains("au moins un choix", StringComparison.Ordinal));
        await admin.SubmitAndReadAsync(questions, "#question", new Dictionary<string, string?> { ["Prompt"] = "État", ["Code"] = "etat", ["Kind"] = "SingleChoice", ["Choices"] = "casse=Cassé\r\nsale=Sale", ["Required"] = "true" });
        await admin.SubmitAndReadAsync(questions, "#question", new Dictionary<string, string?> { ["Prompt"] = "Nombre de bancs", ["Code"] = "nombre", ["Kind"] = "Number" });
        var sameCode = await admin.SubmitAndReadAsync(questions, "#question", new Dictionary<string, string?> { ["Prompt"] = "Autre", ["Code"] = "nombre", ["Kind"] = "ShortText" });
        Assert.Contains(sameCode.Errors(), e => e.Contains("porte déjà ce code", StringComparison.Ordinal));

        // "Descendre" on the first question puts "nombre" first.
        var edit = $"/admin/signalements/categories/{category.Id}";
        page = await admin.SubmitAndReadAsync(edit, "form[action*=Move]:has(input[name=by][value='1'])", new Dictionary<string, string?>());
        Assert.Equal(["Nombre de bancs", "État"], page.QuerySelectorAll("ol.questions > li > a").Select(a => a.TextContent));
        var definition = JsonDocument.Parse(await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/open311/v2/services/{code}.json")).RootElement;
        Assert.Equal(["nombre", "etat"], definition.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal(["casse", "sale"], definition.GetProperty("attributes")[1].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));

        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == nameof(RequestCategory) && a.TargetId == category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync());
        Assert.Contains("request-category.create", actions);
        Assert.Equal(2, await _app.InAAsync(db => db.AuditEntries.CountAsync(a => a.Action == "request-question.create" && a.Details!.StartsWith(code + "/"))));
    }

    [Fact]
    public async Task A_question_already_answered_cannot_be_deleted_one_never_answered_can()
    {
        var category = await _app.NewCategoryAsync(null,
            new CategoryQuestion { Code = "repondue", Prompt = "Question répondue", Kind = QuestionKind.ShortText, Position = 1 },
            new CategoryQuestion { Code = "libre", Prompt = "Question jamais répondue", Kind = QuestionKind.ShortText, Position = 2 });
        var answered = category.Questions.Single(q => q.Code == "repondue");
        await _app.NewRequestAsync(category, r => r.Answers.Add(new RequestAnswer { QuestionId = answered.Id, Value = "oui" }));
        var admin = await _app.SignedInAsync("admin");
        var edit = $"/admin/signalements/categories/{category.Id}";
        var page = await admin.SubmitAndReadAsync(edit, $"form[action*=Remove]:has(input[value='{answered.Id}'])", new Dictionary<string, string?>());
        Assert.Contains(page.Errors(), e => e.Contains("déjà des réponses", StringComparison.Ordinal));
        page = await admin.SubmitAndReadAsync(edit, $"form[action*=Remove]:has(input[value='{category.Questions.Single(q => q.Code == "libre").Id}'])", new Dictionary<string, string?>());
        Assert.Equal(["Question répondue"], page.QuerySelectorAll("ol.questions > li > a").Select(a => a.TextContent));
        Assert.Equal(["repondue"], await _app.InAAsync(db => db.CategoryQuestions.Where(q => q.CategoryId == category.Id).Select(q => q.Code).ToListAsync()));
    }

    [Fact]
    public async Task A_key_with_the_open311_use_is_shown_once_stored_as_its_hash_works_and_stops_working_when_revoked()
    {
        var admin = await _app.SignedInAsync("admin");
        var name = "Partenaire " + Guid.NewGuid().ToString("N")[..6];
        var response = await admin.SubmitAsync("/admin/cles-api", "form[action*=Issue]", new Dictionary<string, string?> { ["Name"] = name, ["Open311"] = "true" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var key = HtmlClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#secret")!.GetAttribute("value")!;
        var stored = await _app.InAAsync(db => db.ApiKeys.SingleAsync(k => k.Name == name));
        Assert.Equal(ApiKey.Hash(key), stored.SecretHash);
        Assert.True(stored.Open311);
        Assert.Equal(ApiKey.DefaultReadsPerMinute, stored.ReadsPerMinute);
        Assert.NotNull(stored.CreatedById);
        var list = await admin.GetDocumentAsync("/admin/cles-api");
        Assert.DoesNotContain(key, list.Body!.TextContent, StringComparison.Ordinal);
        var row = list.QuerySelectorAll("tr").Single(tr => tr.QuerySelector("th")?.TextContent == name);
        Assert.Contains("envoie des signalements", row.TextContent, StringComparison.Ordinal);

        var form = new Dictionary<string, string> { ["api_key"] = key, ["service_code"] = "trottoir", ["address_string"] = "2 rue Basse", ["description"] = "Bordure descellée.", ["email"] = "x@example.org" };
        var api = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form))).StatusCode);
        Assert.NotNull(await _app.InAAsync(db => db.ApiKeys.Where(k => k.Id == stored.Id).Select(k => k.LastUsedAt).SingleAsync()));

        // Used just before, so remembered: revoking forgets it at once.
        await admin.SubmitAndReadAsync("/admin/cles-api", $"form[action*=Revoke]:has(input[value='{stored.Id}'])", new Dictionary<string, string?>());
        Assert.NotNull(await _app.InAAsync(db => db.ApiKeys.Where(k => k.Id == stored.Id).Select(k => k.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form))).StatusCode);
        var audited = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == nameof(ApiKey) && a.TargetId == stored.Prefix).Select(a => a.Action).ToListAsync());
        Assert.Equal(["api-key.issue", "api-key.revoke"], audited.Order());
        // The key never reaches the audit log.
        Assert.False(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Details!.Contains(key))));
    }

    [Fact]
    public async Task The_former_open311_keys_page_leads_to_the_api_keys_page()
    {
        var admin = await _app.SignedInAsync("admin");
        var response = await admin.GetAsync("/admin/open311");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/admin/cles-api", response.Headers.Location?.OriginalString);
        var settings = await admin.GetDocumentAsync("/admin/signalements");
        Assert.NotNull(settings.QuerySelector("a[href='/admin/cles-api']"));
    }

    [Fact]
    public async Task Ville_b_administrator_cannot_edit_ville_a_categories_or_revoke_its_keys()
    {
        var category = await _app.NewCategoryAsync();
        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/admin/signalements/categories/{category.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/admin/signalements/categories/{category.Id}/questions")).StatusCode);
        var keyA = await _app.InAAsync(db => db.ApiKeys.Where(k => k.RevokedAt == null && k.Open311).Select(k => k.Id).FirstAsync());
        var token = (await adminB.GetDocumentAsync("/admin/cles-api")).QuerySelector("form[action*=Issue] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await adminB.PostAsync("/admin/cles-api?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["id"] = keyA.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Null(await _app.InAAsync(db => db.ApiKeys.Where(k => k.Id == keyA).Select(k => k.RevokedAt).SingleAsync()));
        Assert.DoesNotContain(category.Code, (await adminB.GetDocumentAsync("/admin/signalements")).Body!.TextContent, StringComparison.Ordinal);
    }
}
