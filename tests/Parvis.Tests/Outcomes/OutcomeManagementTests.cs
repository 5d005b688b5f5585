using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Outcomes;
using Parvis.Testing;

namespace Parvis.Tests.Outcomes;

/// <summary>Staff record outcomes, link what led to them and publish them; bad input is refused in French and saves nothing.</summary>
[Collection(CivicAppCollection.Name)]
public class OutcomeManagementTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private const string Form = "main form:not([action*=handler])";

    private static Dictionary<string, string?> Valid(int territory, string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Description"] = "La Ville installe des **arceaux**.",
        ["Form.Status"] = "InProgress",
        ["Form.ProgressPercent"] = "30",
        ["Form.Budget"] = "12 500,50",
        ["Form.DecidedOn"] = "2026-02-01",
        ["Form.StartedOn"] = "2026-03-01",
        ["Form.ExpectedOn"] = "2026-12-01",
        ["Form.TerritoryId"] = territory.ToString(CultureInfo.InvariantCulture),
    };

    private Task<int> CountAsync(string title) => _app.InAAsync(db => db.Outcomes.CountAsync(o => o.Title == title));

    [Theory]
    [InlineData("Form.ProgressPercent", "120", "L'avancement est un pourcentage entre 0 et 100.")]
    [InlineData("Form.Budget", "-1", "Le budget ne peut pas être négatif.")]
    [InlineData("Form.Budget", "beaucoup", "Le budget doit être un montant en euros, par exemple 12 500 ou 12500,50.")]
    [InlineData("Form.ExpectedOn", "2026-01-15", "La fin prévue ne peut pas précéder la décision ni le début.")]
    [InlineData("Form.StartedOn", "2025-12-31", "Le début des travaux ne peut pas précéder la décision.")]
    [InlineData("Form.TerritoryId", "999999", "Ce territoire n'existe pas.")]
    [InlineData("Form.Title", "", "Le titre est obligatoire.")]
    [InlineData("Form.DoneOn", "2026-06-01", "Une date de réalisation ne s'indique que pour un résultat réalisé.")]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved(string field, string value, string message)
    {
        var territory = await _app.NewTerritoryAsync();
        var title = "Résultat refusé " + Guid.NewGuid().ToString("N")[..6];
        var values = Valid(territory, title);
        values[field] = value;
        var agent = await _app.SignedInAsync("agent");
        var response = await agent.SubmitAsync("/admin/resultats/nouveau", Form, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await CountAsync(title));
    }

    [Fact]
    public async Task An_agent_creates_links_by_pasted_address_and_publishes_and_every_step_is_audited()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        var contribution = (await _app.AddAnsweredAsync(consultation, territory, 3, [null]))[0];
        var title = "Arceaux vélos " + Guid.NewGuid().ToString("N")[..6];
        var agent = await _app.SignedInAsync("agent");

        var created = await agent.SubmitAsync("/admin/resultats/nouveau", Form, Valid(territory, title));
        var editUrl = created.Headers.Location!.OriginalString;
        var outcome = await _app.InAAsync(db => db.Outcomes.AsNoTracking().SingleAsync(o => o.Title == title));
        Assert.Equal($"/admin/resultats/{outcome.Id}", editUrl);
        Assert.Equal("Service urbanisme", outcome.ServiceName);
        Assert.Equal(12_500.50m, outcome.BudgetEuros);
        Assert.Null(outcome.PublishedAt);

        var page = await agent.SubmitAndReadAsync(editUrl, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"https://a.test/contributions/{contribution}?x=1#reponse" });
        Assert.Equal("Élément lié au résultat.", page.QuerySelector(".notice")!.TextContent);
        page = await agent.SubmitAndReadAsync(editUrl, "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Consultation", ["number"] = consultation.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(2, page.QuerySelectorAll("form[action*=Unlink]").Length);
        page = await agent.SubmitAndReadAsync(editUrl, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"/contributions/{contribution}" });
        Assert.Contains("Cet élément est déjà lié à ce résultat.", page.Errors());

        // A draft shows nowhere public.
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/nous-avons-fait/resultats/{outcome.Id}")).StatusCode);
        Assert.Null((await visitor.GetDocumentAsync($"/contributions/{contribution}")).QuerySelector("#suites"));

        await agent.SubmitAsync(editUrl, "form[action*=Publish]", new Dictionary<string, string?>());
        var publicPage = await visitor.GetDocumentAsync($"/nous-avons-fait/territoires/{territory}");
        var card = publicPage.QuerySelector($"#resultat-{outcome.Id}")!;
        Assert.Contains(title, card.TextContent);
        Assert.Contains("En cours", card.TextContent);
        Assert.Equal("30", card.QuerySelector("progress")!.GetAttribute("value"));
        Assert.NotNull(card.QuerySelector($"a[href='/contributions/{contribution}']"));
        Assert.NotNull(card.QuerySelector($"a[href='/concertations/{consultation}']"));
        var fed = (await visitor.GetDocumentAsync($"/contributions/{contribution}")).QuerySelector("#suites")!.ParentElement!;
        Assert.NotNull(fed.QuerySelector($"a[href='/nous-avons-fait/resultats/{outcome.Id}']"));
        var consultationPage = await visitor.GetDocumentAsync($"/concertations/{consultation}");
        Assert.Contains("Ce que cette concertation a permis de décider", consultationPage.QuerySelector("#suites")!.TextContent);

        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Outcome" && a.TargetId == outcome.Id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync());
        Assert.Equal(["outcome.create", "outcome.link", "outcome.link", "outcome.publish"], actions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/propositions/999999", "La proposition n° 999999 n'existe pas dans cette collectivité ou n'est pas publiée.")]
    [InlineData("/petitions/999999", "La pétition n° 999999 n'existe pas dans cette collectivité ou n'a pas été publiée.")]
    [InlineData("https://exemple.fr/actualites/3", "Cette adresse n'est pas celle d'une contribution, d'une concertation, d'une proposition ou d'une pétition de la plateforme.")]
    [InlineData("/contributions/999999", "La contribution n° 999999 n'existe pas dans cette collectivité.")]
    [InlineData("/reunions/999999", "La rencontre n° 999999 n'existe pas dans cette collectivité ou n'a pas été publiée.")]
    public async Task Linking_something_that_cannot_be_linked_is_refused_in_french(string address, string message)
    {
        var outcome = await _app.NewOutcomeAsync(await _app.NewTerritoryAsync(), published: false);
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.SubmitAndReadAsync($"/admin/resultats/{outcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = address });
        Assert.Contains(message, page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.OutcomeLinks.CountAsync(l => l.OutcomeId == outcome)));
    }

    [Fact]
    public void Pasted_addresses_are_read_as_a_kind_and_a_number()
    {
        Assert.Equal((OutcomeSubjectKind.Contribution, 123), OutcomeSubjects.Parse("https://parvis.ville.fr/contributions/123"));
        Assert.Equal((OutcomeSubjectKind.Proposal, 45), OutcomeSubjects.Parse("  /propositions/45  "));
        Assert.Equal((OutcomeSubjectKind.Consultation, 7), OutcomeSubjects.Parse("http://localhost:5000/concertations/7#contribuer"));
        Assert.Equal((OutcomeSubjectKind.Petition, 9), OutcomeSubjects.Parse("/Petitions/9"));
        Assert.Null(OutcomeSubjects.Parse("/contributions/abc"));
        Assert.Null(OutcomeSubjects.Parse("/contributions/0"));
        Assert.Null(OutcomeSubjects.Parse("contributions 12"));
        Assert.Null(OutcomeSubjects.Parse("/compte/contributions/12"));
    }

    [Fact]
    public async Task Done_means_a_full_progress_bar()
    {
        var territory = await _app.NewTerritoryAsync();
        var title = "Réalisé " + Guid.NewGuid().ToString("N")[..6];
        var values = Valid(territory, title);
        values["Form.Status"] = "Done";
        values["Form.DoneOn"] = "2026-11-01";
        var admin = await _app.SignedInAsync("admin");
        await admin.SubmitAsync("/admin/resultats/nouveau", Form, values);
        Assert.Equal(100, await _app.InAAsync(db => db.Outcomes.Where(o => o.Title == title).Select(o => o.ProgressPercent).SingleAsync()));
    }

    [Fact]
    public async Task An_agent_manages_their_services_outcomes_and_those_without_a_service_only()
    {
        var territory = await _app.NewTerritoryAsync();
        var other = await _app.NewOutcomeAsync(territory, published: false, service: "Service des sports");
        var shared = await _app.NewOutcomeAsync(territory, published: false);
        var agent = await _app.SignedInAsync("agent");
        Assert.StartsWith("/compte/acces-refuse", (await agent.GetAsync($"/admin/resultats/{other}")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/admin/resultats/{shared}")).StatusCode);
        var list = await agent.GetDocumentAsync("/admin/resultats");
        Assert.Null(list.QuerySelector($"a[href='/admin/resultats/{other}']"));
        Assert.NotNull(list.QuerySelector($"a[href='/admin/resultats/{shared}']"));
        // A forged publish of another service's outcome changes nothing.
        var forged = await agent.SubmitAsync($"/admin/resultats/{shared}", "form[action*=Publish]", new Dictionary<string, string?>(), $"/admin/resultats/{other}?handler=Publish");
        Assert.StartsWith("/compte/acces-refuse", forged.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(await _app.InAAsync(db => db.Outcomes.Where(o => o.Id == other).Select(o => o.PublishedAt).SingleAsync()));
        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync("/admin/resultats")).StatusCode);
    }

    [Fact]
    public async Task Published_outcomes_are_in_the_sitemap_and_drafts_are_not()
    {
        var territory = await _app.NewTerritoryAsync();
        var published = await _app.NewOutcomeAsync(territory);
        var draft = await _app.NewOutcomeAsync(territory, published: false);
        var xml = await (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/sitemap-pages.xml")).Content.ReadAsStringAsync();
        Assert.Contains($"/nous-avons-fait/resultats/{published}<", xml, StringComparison.Ordinal);
        Assert.DoesNotContain($"/nous-avons-fait/resultats/{draft}<", xml, StringComparison.Ordinal);
    }
}
