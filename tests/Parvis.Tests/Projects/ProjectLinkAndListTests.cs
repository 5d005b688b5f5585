using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Projects;

/// <summary>What a project links to shows on both pages, only when public; the list filters by territory, theme and phase.</summary>
[Collection(CivicAppCollection.Name)]
public class ProjectLinkAndListTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_linked_outcome_and_consultation_show_on_the_project_and_link_back_to_it()
    {
        var territory = await _app.NewTerritoryAsync();
        var outcome = await _app.NewOutcomeAsync(territory, title: ProjectData.NewTitle("Arceaux"));
        var draftOutcome = await _app.NewOutcomeAsync(territory, published: false);
        var consultation = await _app.IdAsync(ConsultationData.Open);
        var draftConsultation = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        var id = await _app.NewProjectAsync();
        var agent = await _app.SignedInAsync("agent");
        var url = $"/admin/projets/{id}";

        var page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"https://a.test/nous-avons-fait/resultats/{outcome}" });
        Assert.Equal("Élément lié au projet.", page.QuerySelector(".notice")!.TextContent);
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Consultation", ["number"] = consultation.Id() });
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Outcome", ["number"] = draftOutcome.Id() });
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"/concertations/{draftConsultation}" });
        Assert.Equal(2, page.QuerySelectorAll("form[action*=Unlink]:not([action*=Outcome])").Length);
        Assert.Equal(2, page.QuerySelectorAll("form[action*=UnlinkOutcome]").Length);
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = $"/concertations/{consultation}" });
        Assert.Contains("Cet élément est déjà lié à ce projet.", page.Errors());
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = "/contributions/1" });
        Assert.Contains("Un projet se lie à une concertation, une rencontre, une proposition, une pétition ou un résultat.", page.Errors());
        page = await agent.SubmitAndReadAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Outcome", ["number"] = "999999" });
        Assert.Contains("Le résultat n° 999999 n'existe pas dans cette collectivité.", page.Errors());
        var other = await _app.NewProjectAsync();
        var refused = await agent.SubmitAndReadAsync($"/admin/projets/{other}", "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Outcome", ["number"] = outcome.Id() });
        Assert.Contains("Ce résultat appartient déjà à un autre projet : retirez-le d'abord de celui-ci.", refused.Errors());

        // The project's page lists only what the public may see.
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var details = await visitor.GetDocumentAsync($"/projets/{id}");
        Assert.NotNull(details.QuerySelector($"#resultats ~ ul a[href='/nous-avons-fait/resultats/{outcome}']"));
        Assert.Null(details.QuerySelector($"a[href='/nous-avons-fait/resultats/{draftOutcome}']"));
        Assert.NotNull(details.QuerySelector($"a[href='/concertations/{consultation}']"));
        Assert.Null(details.QuerySelector($"a[href='/concertations/{draftConsultation}']"));
        // And back: the outcome and the consultation link to their project.
        var outcomePage = await visitor.GetDocumentAsync($"/nous-avons-fait/resultats/{outcome}");
        Assert.NotNull(outcomePage.QuerySelector($".project-of a[href='/projets/{id}']"));
        Assert.NotNull((await visitor.GetDocumentAsync("/nous-avons-fait")).QuerySelector($"#resultat-{outcome} .project-of a[href='/projets/{id}']"));
        Assert.NotNull((await visitor.GetDocumentAsync($"/concertations/{consultation}")).QuerySelector($".project-of a[href='/projets/{id}']"));

        var link = await _app.InAAsync(db => db.ProjectLinks.Where(l => l.ProjectId == id && l.SubjectId == consultation).Select(l => l.Id).SingleAsync());
        await agent.SubmitAsync(url, $"form[action*=Unlink]:has(input[name=linkId][value='{link}'])", new Dictionary<string, string?>());
        await agent.SubmitAsync(url, $"form[action*=UnlinkOutcome]:has(input[value='{outcome}'])", new Dictionary<string, string?>());
        details = await visitor.GetDocumentAsync($"/projets/{id}");
        Assert.Null(details.QuerySelector($"a[href='/concertations/{consultation}']"));
        Assert.Null(details.QuerySelector($"a[href='/nous-avons-fait/resultats/{outcome}']"));
        Assert.Null((await visitor.GetDocumentAsync($"/nous-avons-fait/resultats/{outcome}")).QuerySelector(".project-of"));
        var actions = await _app.AuditAsync(id);
        Assert.Equal(4, actions.Count(a => a == "project.link"));
        Assert.Equal(2, actions.Count(a => a == "project.unlink"));
    }

    [Fact]
    public async Task The_list_filters_by_territory_with_what_is_under_it_theme_and_phase_under_way_with_a_plain_get_form()
    {
        var parent = await _app.NewTerritoryAsync();
        var child = await _app.NewTerritoryAsync(parent);
        var elsewhere = await _app.NewTerritoryAsync();
        var works = await _app.NewProjectAsync(adjust: p => { p.TerritoryId = child; p.Theme = ProjectTheme.Sport; },
            phases: [(ProjectPhaseKind.Studies, -100, -50), (ProjectPhaseKind.Works, -10, 30)]);
        var studies = await _app.NewProjectAsync(adjust: p => { p.TerritoryId = parent; p.Theme = ProjectTheme.Culture; },
            phases: [(ProjectPhaseKind.Studies, -5, null), (ProjectPhaseKind.Works, 100, null)]);
        var far = await _app.NewProjectAsync(adjust: p => { p.TerritoryId = elsewhere; p.Theme = ProjectTheme.Sport; }, phases: [(ProjectPhaseKind.Works, -1, 10)]);
        var draft = await _app.NewProjectAsync(published: false, adjust: p => { p.TerritoryId = child; p.Theme = ProjectTheme.Sport; });
        var visitor = _app.ClientFor(ParvisFactory.HostA);

        async Task<List<int>> ListedAsync(Dictionary<string, string?> filter)
        {
            var response = await visitor.SubmitAsync("/projets", "form.filters", filter);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
            return document.QuerySelectorAll("[data-project]").Select(e => int.Parse(e.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture))
                .Where(i => new[] { works, studies, far, draft }.Contains(i)).Order().ToList();
        }
        Assert.Equal(new[] { works, studies }.Order(), await ListedAsync(new() { ["territoire"] = parent.Id() }));
        Assert.Equal(new[] { works, far }.Order(), await ListedAsync(new() { ["theme"] = "Sport" }));
        Assert.Equal([works], await ListedAsync(new() { ["territoire"] = parent.Id(), ["phase"] = "Works" }));
        Assert.Equal([studies], await ListedAsync(new() { ["phase"] = "Studies" }));
        Assert.Equal(new[] { works, studies, far }.Order(), await ListedAsync(new() { ["theme"] = "" }));
        // Nonsense in the query shows everything rather than an error.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/projets?theme=%00zz&phase=9&territoire=abc")).StatusCode);
    }

    [Fact]
    public async Task Requests_near_the_projects_point_are_listed_visible_ones_only()
    {
        var id = await _app.NewProjectAsync(adjust: p => (p.Latitude, p.Longitude) = (48.8390, 2.3415));
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/projets/{id}");
        var nearby = page.QuerySelectorAll("#signalements ~ ul li a").Select(a => a.GetAttribute("href")!).ToList();
        var expected = await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Description.StartsWith("Le lampadaire devant le 12 rue Victor-Hugo")).Select(r => r.Id).SingleAsync());
        Assert.Contains($"/signalements/{expected}", nearby);
        await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == expected).ExecuteUpdateAsync(x => x.SetProperty(r => r.IsHidden, true)));
        try
        {
            // Signed in, so that the anonymous page cache (10 s) does not answer.
            page = await (await _app.SignedInAsync("habitant")).GetDocumentAsync($"/projets/{id}");
            Assert.Null(page.QuerySelector($"a[href='/signalements/{expected}']"));
        }
        finally
        {
            await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == expected).ExecuteUpdateAsync(x => x.SetProperty(r => r.IsHidden, false)));
        }
    }
}
