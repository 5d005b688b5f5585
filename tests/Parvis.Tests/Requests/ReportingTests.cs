using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

[Collection(InitiativesAppCollection.Name)]
public class ReportingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    [Fact]
    public async Task The_form_lists_the_categories_by_group_and_asks_the_questions_of_the_one_chosen()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var first = await visitor.GetDocumentAsync("/signalements/nouveau");
        Assert.Contains(first.QuerySelectorAll("fieldset legend"), l => l.TextContent == "Mobilier urbain");
        Assert.Contains(first.QuerySelectorAll("fieldset legend"), l => l.TextContent == "Éclairage");
        Assert.NotNull(first.QuerySelector($"input[type=radio][name=categorie][value={code}]"));

        var second = await visitor.GetDocumentAsync(ReportingData.Url(code));
        Assert.NotNull(second.QuerySelector("input[name='Reponse.texte'][type=text]"));
        Assert.NotNull(second.QuerySelector("textarea[name='Reponse.detail']"));
        Assert.NotNull(second.QuerySelector("input[name='Reponse.depuis'][type=date]"));
        Assert.Equal(2, second.QuerySelectorAll("input[type=radio][name='Reponse.danger']").Length);
        Assert.Equal(3, second.QuerySelectorAll("input[type=checkbox][name='Reponse.quoi']").Length);
        Assert.Contains("(obligatoire)", second.QuerySelector("label[for='reponse-nombre']")!.TextContent, StringComparison.Ordinal);
        // The three ways of placing it: an address, coordinates, the map (hidden until JavaScript shows it).
        Assert.NotNull(second.QuerySelector("#Input_Address"));
        Assert.NotNull(second.QuerySelector("#Input_Latitude"));
        Assert.NotNull(second.QuerySelector("[data-map][hidden]"));
        // Without an account and where anonymous reports are not taken, the e-mail is asked.
        Assert.NotNull(second.QuerySelector("#Input_Email[required]"));
    }

    [Fact]
    public async Task A_signed_in_report_lands_in_its_territory_with_its_answers_and_its_author_gets_a_receipt()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var description = Unique("Le banc devant l'école a perdu son dossier.");
        var values = ReportingData.Valid(description);
        values["Reponse.depuis"] = "03/11/2026";
        values["Reponse.nombre"] = "2,5";
        var response = await client.ReportAsync(code, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compte/signalements", response.Headers.Location!.OriginalString);

        var saved = (await _app.RequestWithAsync(description))!;
        var centre = await _app.InAAsync(db => db.Territories.SingleAsync(t => t.Name == "Centre-ville"));
        Assert.Equal(centre.Id, saved.TerritoryId);
        Assert.False(saved.AwaitingEmail);
        Assert.Equal(RequestStatus.Submitted, saved.Status);
        Assert.Equal("Service voirie", saved.ServiceName);
        var answers = saved.Answers.ToDictionary(a => a.Question!.Code, a => a.Value);
        Assert.Equal("2.5", answers["nombre"]);
        Assert.Equal("oui", answers["danger"]);
        Assert.Equal("2026-11-03", answers["depuis"]);

        var receipt = await _app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").Contains($"n° {saved.Id} reçu", StringComparison.Ordinal));
        Assert.Contains($"/signalements/{saved.Id}", receipt.TextBody, StringComparison.Ordinal);

        var mine = await client.GetDocumentAsync("/compte/signalements");
        Assert.Contains(mine.QuerySelectorAll("#signales ~ table tbody tr"), tr => tr.TextContent.Contains(saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && tr.TextContent.Contains("Envoyé", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Reponse.nombre", "", "Répondez à la question « Nombre de bancs ».")]
    [InlineData("Reponse.nombre", "beaucoup", "La réponse à « Nombre de bancs » doit être un nombre.")]
    [InlineData("Reponse.depuis", "hier soir", "La réponse à « Depuis quand » doit être une date (jj/mm/aaaa).")]
    [InlineData("Reponse.danger", "peut-etre", "Choisissez une réponse proposée à « Est-ce dangereux ? ».")]
    [InlineData("Input.Latitude", "91", "Cette position n'existe pas : la latitude est entre -90 et 90, la longitude entre -180 et 180.")]
    [InlineData("Input.Longitude", "deux", "La longitude doit être un nombre (par exemple 48.8566).")]
    [InlineData("Input.Description", " ", "Décrivez ce que vous signalez.")]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved(string field, string value, string message)
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var description = Unique("Un banc");
        var values = ReportingData.Valid(description);
        values[field] = value;
        // Posted straight to "Envoyer", as a crafted request would: the send checks everything again.
        var response = await client.SubmitAsync(ReportingData.Url(code), ReportingData.Form, values, "/signalements/nouveau?handler=Send");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == db.RequestCategories.Single(c => c.Code == code).Id)));
    }

    [Fact]
    public async Task A_place_outside_the_organization_s_territory_is_refused_with_the_territory_s_name()
    {
        var (code, id) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        // The Vieux-Port of Marseille, far from the demo agglomeration.
        var values = ReportingData.Valid(Unique("Banc à Marseille"), 43.2951, 5.3745);
        const string refusal = "Ce lieu est hors du territoire de Démo Agglomération : la collectivité ne peut traiter que les signalements situés sur son territoire.";
        Assert.Contains(refusal, (await client.ContinueAsync(code, values)).Errors());
        var response = await client.SubmitAsync(ReportingData.Url(code), ReportingData.Form, values, "/signalements/nouveau?handler=Send");
        Assert.Contains(refusal, HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == id)));
    }

    [Fact]
    public async Task A_report_placed_by_its_address_gets_the_address_s_point_its_nearby_step_and_its_place_on_the_map()
    {
        var (code, id) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        const double lat = 48.8612, lon = 2.3651;
        var near = await _app.SeedRequestAsync(id, lat + 0.0005, lon);
        await using var addresses = await AddressApi.StartAsync(_app, ("8 place de la Mairie", lat, lon), ("3 rue de la Canebière", 43.2972, 5.3790));
        var description = Unique("Banc place de la Mairie");
        var values = ReportingData.Valid(description);
        values["Input.Latitude"] = "";
        values["Input.Longitude"] = "";
        values["Input.Address"] = "8 place de la Mairie";

        var step = await client.ContinueAsync(code, values);
        Assert.Empty(step.Errors());
        Assert.Contains($"Signalement n° {near}", step.QuerySelector(".nearby-requests")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(step.QuerySelector("#position-adresse"));
        Assert.Equal("48.8612", step.QuerySelector("#Input_Latitude")!.GetAttribute("value"));
        var response = await client.SubmitAsync(step, ReportingData.Url(code), ReportingData.Form, new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await _app.RequestWithAsync(description))!;
        Assert.Equal((lat, lon), (saved.Latitude, saved.Longitude));
        Assert.Equal(await _app.TerritoryIdAsync("Centre-ville"), saved.TerritoryId);
        var map = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/signalements/carte.json?categorie={id}");
        Assert.Contains($"\"id\":{saved.Id},", map, StringComparison.Ordinal);

        // An address the API finds outside the territory is a homonym: the report keeps its address alone.
        var elsewhere = Unique("Banc rue de la Canebière");
        values["Input.Description"] = elsewhere;
        values["Input.Address"] = "3 rue de la Canebière";
        Assert.Equal(HttpStatusCode.Redirect, (await client.ReportAsync(code, values)).StatusCode);
        var kept = (await _app.RequestWithAsync(elsewhere))!;
        Assert.Equal((null, null, null), (kept.Latitude, kept.Longitude, kept.TerritoryId));
        Assert.Equal(2, addresses.Queries.Count(q => q == "3 rue de la Canebière"));
    }

    [Fact]
    public async Task A_report_without_any_place_is_refused()
    {
        var (code, id) = await _app.NewReportCategoryAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var values = ReportingData.Valid(Unique("Nulle part"));
        values["Input.Latitude"] = "";
        values["Input.Longitude"] = "";
        var page = await client.ContinueAsync(code, values);
        Assert.Contains("Indiquez où : une adresse, ou un point sur la carte.", page.Errors());
        // The address alone is enough, and skips the search nearby (there is no point to measure from).
        values["Input.Address"] = "12 rue Victor-Hugo";
        var response = await client.ReportAsync(code, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == id && r.Address == "12 rue Victor-Hugo" && r.TerritoryId == null)));
    }

    [Fact]
    public async Task The_nearby_step_shows_open_requests_of_the_same_category_within_the_radius_only()
    {
        var (code, id) = await _app.NewReportCategoryAsync();
        var (_, otherId) = await _app.NewReportCategoryAsync();
        const double lat = 48.8610, lon = 2.3650;
        var metre = 1 / 111_320.0;
        var near = await _app.SeedRequestAsync(id, lat + 100 * metre, lon);
        var far = await _app.SeedRequestAsync(id, lat + 400 * metre, lon);
        var otherCategory = await _app.SeedRequestAsync(otherId, lat + 50 * metre, lon);
        var closed = await _app.SeedRequestAsync(id, lat + 60 * metre, lon, RequestStatus.Resolved);
        var hidden = await _app.SeedRequestAsync(id, lat + 70 * metre, lon, hidden: true);

        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.ContinueAsync(code, ReportingData.Valid(Unique("Banc"), lat, lon));
        Assert.Empty(page.Errors());
        var items = page.QuerySelectorAll(".nearby-requests li").Select(li => li.TextContent).ToList();
        var only = Assert.Single(items);
        Assert.Contains($"Signalement n° {near}", only, StringComparison.Ordinal);
        Assert.Contains("à 100 m", only, StringComparison.Ordinal);
        Assert.Contains("Envoyé", only, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"form[action='/signalements/{near}/suivre'] button"));
        foreach (var absent in new[] { far, otherCategory, closed, hidden })
            Assert.DoesNotContain(items, i => i.Contains($"n° {absent}", StringComparison.Ordinal));
        Assert.Contains("Non, envoyer mon signalement", page.QuerySelector(".report-form button[type=submit]")!.TextContent, StringComparison.Ordinal);

        // "Suivre ce signalement plutôt" follows it (the form carries its antiforgery token).
        var follow = await client.SubmitAsync(page, "/signalements/nouveau", $"form[action='/signalements/{near}/suivre']", new Dictionary<string, string?>());
        Assert.True((int)follow.StatusCode < 400, $"following answered {(int)follow.StatusCode}");
        Assert.Equal(1, await _app.InAAsync(db => db.RequestFollowers.CountAsync(f => f.RequestId == near)));
    }

    [Fact]
    public async Task Without_an_account_the_report_waits_for_its_email_link_and_only_the_post_of_the_link_sends_it()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var description = Unique("Dépôt de gravats");
        var values = ReportingData.Valid(description);
        var page = await visitor.ContinueAsync(code, values);
        Assert.Contains("Indiquez votre adresse e-mail : un lien vous sera envoyé pour confirmer votre signalement.", page.Errors());

        var email = $"passant-{Guid.NewGuid():N}@example.org";
        values["Input.Email"] = email;
        values["Input.Name"] = "Jo Passant";
        var response = await visitor.ReportAsync(code, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await _app.RequestWithAsync(description))!;
        Assert.True(saved.AwaitingEmail);
        Assert.Equal(email, saved.ReporterEmail);
        Assert.Equal("Jo Passant", saved.ReporterName);

        var link = TestSmtpServer.LinkIn(await _app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").Contains("confirmez votre signalement", StringComparison.Ordinal)));
        var path = new Uri(link).PathAndQuery;
        var confirmPage = await visitor.GetDocumentAsync(path);
        Assert.NotNull(confirmPage.QuerySelector("main form button"));
        Assert.True((await _app.RequestWithAsync(description))!.AwaitingEmail);

        var confirmed = await visitor.SubmitAsync(path, "main form", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.False((await _app.RequestWithAsync(description))!.AwaitingEmail);
        await _app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").Contains($"n° {saved.Id} reçu", StringComparison.Ordinal));

        // A forged token confirms nothing.
        var forged = await visitor.SubmitAsync($"/signalements/{saved.Id}/confirmer?jeton=abc", "main form", new Dictionary<string, string?>());
        Assert.Contains("Ce lien de confirmation n'est pas valable", await forged.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_anonymous_reports_are_taken_a_visitor_sends_without_an_email()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        await _app.SetRequestSettingsAsync(s => s.AllowAnonymous = true);
        try
        {
            var visitor = _app.ClientFor(ParvisFactory.HostA);
            Assert.Null((await visitor.GetDocumentAsync(ReportingData.Url(code))).QuerySelector("#Input_Email[required]"));
            var description = Unique("Tag sur le mur");
            var response = await visitor.ReportAsync(code, ReportingData.Valid(description));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var saved = (await _app.RequestWithAsync(description))!;
            Assert.False(saved.AwaitingEmail);
            Assert.Null(saved.ReporterEmail);
            Assert.Equal($"/signalements/{saved.Id}", response.Headers.Location!.OriginalString);
        }
        finally
        {
            await _app.SetRequestSettingsAsync(s => s.AllowAnonymous = false);
        }
    }

    [Fact]
    public async Task Ville_B_cannot_report_in_a_category_of_Ville_A_nor_follow_its_requests()
    {
        var (codeA, idA) = await _app.NewReportCategoryAsync();
        var (codeB, _) = await _app.NewReportCategoryAsync(_app.OrganizationB);
        var requestA = await _app.SeedRequestAsync(idA, 48.86, 2.36);
        var client = await _app.SignedInAsync("habitant", ParvisFactory.HostB);
        var description = Unique("Intrusion");
        var values = ReportingData.Valid(description);
        values["Input.CategoryId"] = idA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.SubmitAsync(ReportingData.Url(codeB), ReportingData.Form, values, "/signalements/nouveau?handler=Send");
        Assert.Contains("Choisissez une catégorie de la liste.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Null(await _app.RequestWithAsync(description, _app.OrganizationA));
        Assert.Null(await _app.RequestWithAsync(description, _app.OrganizationB));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/signalements/{requestA}/suivre")).StatusCode);
        Assert.Null((await client.GetDocumentAsync(ReportingData.Url(codeA))).QuerySelector(ReportingData.Form));
    }
}
