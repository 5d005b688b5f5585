using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Outcomes;

/// <summary>Answers past the organization's deadline appear to the service that must answer and to administrators.</summary>
[Collection(CivicAppCollection.Name)]
public class OverdueAnswerTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static bool Lists(AngleSharp.Html.Dom.IHtmlDocument page, int contribution) =>
        page.QuerySelector($"a[href='/contributions/{contribution}']") is not null;

    [Fact]
    public async Task An_agent_sees_their_services_overdue_answers_an_administrator_all_and_answered_ones_leave_the_list()
    {
        var territory = await _app.NewTerritoryAsync();
        var ours = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = territory; c.ServiceName = "Service urbanisme"; });
        var theirs = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = territory; c.ServiceName = "Service des sports"; });
        var late = (await _app.AddAnsweredAsync(ours, territory, 45, [null]))[0];
        var older = (await _app.AddAnsweredAsync(ours, territory, 300, [null]))[0];
        var recent = (await _app.AddAnsweredAsync(ours, territory, 10, [null]))[0];
        var answered = (await _app.AddAnsweredAsync(ours, territory, 45, 2))[0];
        // The oldest of all, so the administrator's first page shows it whatever other tests left overdue.
        var otherService = (await _app.AddAnsweredAsync(theirs, territory, 3650, [null]))[0];

        var agent = await _app.SignedInAsync("agent");
        var page = await agent.GetDocumentAsync("/reponses/en-retard?p=1");
        // Oldest first: the page of the agent may hold other tests' rows, but ours come in date order.
        var links = page.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.IndexOf($"/contributions/{older}") < links.IndexOf($"/contributions/{late}"));
        Assert.True(Lists(page, late));
        Assert.False(Lists(page, recent));
        Assert.False(Lists(page, answered));
        Assert.False(Lists(page, otherService));
        Assert.Contains("Aucun brouillon", page.QuerySelector($"tr:has(a[href='/contributions/{late}'])")!.TextContent);

        var admin = await _app.SignedInAsync("admin");
        Assert.True(Lists(await admin.GetDocumentAsync("/reponses/en-retard"), otherService));
        var sports = await admin.GetDocumentAsync("/reponses/en-retard?service=" + Uri.EscapeDataString("Service des sports"));
        Assert.True(Lists(sports, otherService));
        Assert.False(Lists(sports, late));
        var count = (await admin.GetDocumentAsync("/admin")).QuerySelector("a[href='/reponses/en-retard']")!.TextContent;
        Assert.Matches(@"^\d+ réponses? en retard$", count);

        // The agent drafts, an elected official publishes: the contribution leaves the list.
        await agent.SubmitAsync($"/contributions/{late}", "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Nous y travaillons." });
        Assert.Contains("Brouillon en attente de validation", (await agent.GetDocumentAsync("/reponses/en-retard")).QuerySelector($"tr:has(a[href='/contributions/{late}'])")!.TextContent);
        var elected = await _app.SignedInAsync("elu");
        await elected.SubmitAsync("/reponses", $"li:has(a[href='/contributions/{late}']) form", new Dictionary<string, string?>());
        Assert.False(Lists(await agent.GetDocumentAsync("/reponses/en-retard"), late));
    }

    [Fact]
    public async Task The_deadline_is_the_organizations_setting_audited_and_shown_on_the_public_page()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var page = await admin.SubmitAndReadAsync("/admin/organisation", "main form:not([enctype])", new Dictionary<string, string?> { ["Form.ResponseDeadlineDays"] = "0" });
        Assert.Contains("Le délai de réponse doit être entre 1 et 365 jours.", page.Errors());
        page = await admin.SubmitAndReadAsync("/admin/organisation", "main form:not([enctype])", new Dictionary<string, string?> { ["Form.ResponseDeadlineDays"] = "15" });
        Assert.Equal("Réglages enregistrés.", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains("(15 jours)", (await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/nous-avons-fait?mois=36")).QuerySelector("#chiffre-delai")!.TextContent);
        var audit = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.AuditEntries.Where(a => a.Action == "organization.update").Select(a => a.Details).ToListAsync());
        Assert.Contains(audit, d => d!.Contains("délai de réponse", StringComparison.Ordinal));
        await admin.SubmitAsync("/admin/organisation", "main form:not([enctype])", new Dictionary<string, string?> { ["Form.ResponseDeadlineDays"] = "30" });
    }

    [Fact]
    public async Task The_validation_queue_shows_the_overdue_count_to_administrators_only_with_a_link()
    {
        var admin = await _app.SignedInAsync("admin");
        Assert.NotNull((await admin.GetDocumentAsync("/reponses")).QuerySelector("main a[href='/reponses/en-retard']"));
        var elected = await _app.SignedInAsync("elu");
        Assert.Null((await elected.GetDocumentAsync("/reponses")).QuerySelector("main a[href='/reponses/en-retard']"));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await elected.GetAsync("/reponses/en-retard")).StatusCode);
    }
}

/// <summary>Ville B sees nothing of Ville A's outcomes and figures, and its staff cannot link Ville A's items.</summary>
[Collection(CivicAppCollection.Name)]
public class OutcomeIsolationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Ville_B_shows_nothing_of_ville_A_and_its_staff_cannot_link_ville_As_contribution()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = territory);
        var contribution = (await _app.AddAnsweredAsync(consultation, territory, 10, 1))[0];
        var title = "Résultat de Ville A " + Guid.NewGuid().ToString("N")[..6];
        var outcome = await _app.NewOutcomeAsync(territory, title: title);
        await _app.LinkAsync(outcome, OutcomeSubjectKind.Contribution, contribution);

        var b = _app.ClientFor(ParvisFactory.HostB);
        var page = await b.GetDocumentAsync("/nous-avons-fait");
        Assert.DoesNotContain(title, page.Body!.TextContent);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await b.GetAsync($"/nous-avons-fait/resultats/{outcome}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await b.GetAsync($"/nous-avons-fait/territoires/{territory}")).StatusCode);
        var bOrgFigures = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Contributions.CountAsync(c => c.State == ModerationState.Published && c.CreatedAt >= DateTime.UtcNow.AddMonths(-12)));
        Assert.Equal(bOrgFigures.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#demandes td")!.TextContent);

        var bTerritory = await _app.NewTerritoryAsync(organization: _app.OrganizationB);
        var bOutcome = await _app.NewOutcomeAsync(bTerritory, published: false, organization: _app.OrganizationB);
        var bAdmin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bAdmin.GetAsync($"/admin/resultats/{outcome}")).StatusCode);
        var refused = await bAdmin.SubmitAndReadAsync($"/admin/resultats/{bOutcome}", "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"http://a.test/contributions/{contribution}" });
        Assert.Contains($"La contribution n° {contribution} n'existe pas dans cette collectivité.", refused.Errors());
        Assert.Equal(0, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.OutcomeLinks.CountAsync(l => l.OutcomeId == bOutcome)));
    }
}
