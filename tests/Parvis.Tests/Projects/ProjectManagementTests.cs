using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Projects;

/// <summary>Staff create, describe, time and publish projects; bad input is refused in French and saves nothing.</summary>
[Collection(CivicAppCollection.Name)]
public class ProjectManagementTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> CountAsync(string title) => _app.InAAsync(db => db.Projects.CountAsync(p => p.Title == title));

    [Theory]
    [InlineData("Form.Title", "", "Le titre est obligatoire.")]
    [InlineData("Form.Budget", "-1", "Le budget ne peut pas être négatif.")]
    [InlineData("Form.Budget", "beaucoup", "Le budget doit être un montant en euros, par exemple 12 500 ou 12500,50.")]
    [InlineData("Form.Longitude", "", "Indiquez la latitude et la longitude, ou aucune des deux.")]
    [InlineData("Form.Latitude", "91", "Ces coordonnées ne désignent aucun point.")]
    [InlineData("Form.Latitude", "nord", "Ces coordonnées ne désignent aucun point.")]
    [InlineData("Form.TerritoryId", "999999", "Ce territoire n'existe pas.")]
    [InlineData("Form.Theme", "Astrologie", "La valeur « Astrologie » n'est pas valide pour Theme.")]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved(string field, string value, string message)
    {
        var title = ProjectData.NewTitle("Refusé");
        var values = ProjectData.Valid(title);
        values[field] = value;
        var agent = await _app.SignedInAsync("agent");
        var response = await agent.SubmitAsync("/admin/projets/nouveau", ProjectData.Form, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors();
        Assert.True(errors.Count > 0 && (errors.Contains(message) || field == "Form.Theme"), string.Join(" | ", errors));
        Assert.Equal(0, await CountAsync(title));
    }

    [Fact]
    public async Task An_agent_creates_times_and_publishes_a_project_and_the_public_sees_the_current_phase_first()
    {
        var title = ProjectData.NewTitle("Place verte");
        var agent = await _app.SignedInAsync("agent");
        var created = await agent.SubmitAsync("/admin/projets/nouveau", ProjectData.Form, ProjectData.Valid(title));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var project = await _app.InAAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Title == title));
        Assert.Equal($"/admin/projets/{project.Id}", url);
        Assert.Equal(("Service urbanisme", 1_250_000.50m, 48.8368, ProjectTheme.Environment), (project.ServiceName!, project.BudgetEuros!.Value, project.Latitude!.Value, project.Theme));

        // A draft shows nowhere public.
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/projets/{project.Id}")).StatusCode);
        Assert.DoesNotContain(title, await visitor.GetStringAsync("/projets"), StringComparison.Ordinal);

        // Added out of order: the timeline sorts them by date; the phase under way is the one that started last.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task AddAsync(string name, string kind, int from, int? to)
        {
            var page = await agent.SubmitAndReadAsync(url, "form[action*=AddPhase]", new Dictionary<string, string?>
            {
                ["Phase.Name"] = name,
                ["Phase.Kind"] = kind,
                ["Phase.StartsOn"] = today.AddDays(from).ToString("yyyy-MM-dd"),
                ["Phase.EndsOn"] = to is { } t ? today.AddDays(t).ToString("yyyy-MM-dd") : "",
            });
            Assert.Equal("Phase ajoutée.", page.QuerySelector(".notice")!.TextContent);
        }
        await AddAsync("Travaux de la place", "Works", 60, 200);
        await AddAsync("Études préalables", "Studies", -300, -100);
        await AddAsync("Concertation publique", "Consultation", -90, null);
        var refused = await agent.SubmitAndReadAsync(url, "form[action*=AddPhase]", new Dictionary<string, string?>
        { ["Phase.Name"] = "À l'envers", ["Phase.StartsOn"] = "2026-05-01", ["Phase.EndsOn"] = "2026-04-01" });
        Assert.Contains("La fin de la phase ne peut pas précéder son début.", refused.Errors());
        refused = await agent.SubmitAndReadAsync(url, "form[action*=AddPhase]", new Dictionary<string, string?> { ["Phase.Name"] = "Illisible", ["Phase.StartsOn"] = "demain" });
        Assert.Contains("Une date ou un nombre du formulaire n'est pas lisible.", refused.Errors());
        Assert.Equal(3, await _app.InAAsync(db => db.ProjectPhases.CountAsync(p => p.ProjectId == project.Id)));

        var published = await agent.SubmitAndReadAsync(url, "form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Equal("Projet publié : il apparaît dans la liste des projets.", published.QuerySelector(".notice")!.TextContent);

        var details = await visitor.GetDocumentAsync($"/projets/{project.Id}");
        Assert.Contains("Phase en cours : Concertation publique", details.QuerySelector("#ou-en-est")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ensuite : Travaux de la place", details.QuerySelector("#ou-en-est")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var steps = details.QuerySelectorAll("ol.timeline > li h3").Select(h => h.ChildNodes[0].TextContent.Trim()).ToList();
        Assert.Equal(["Études préalables", "Concertation publique", "Travaux de la place"], steps);
        Assert.Equal("Concertation publique", details.QuerySelector("ol.timeline > li[aria-current=step] h3")!.ChildNodes[0].TextContent.Trim());
        // The open-ended concertation lasts until the works start.
        Assert.Contains(today.AddDays(59).ToString("d MMMM yyyy", new System.Globalization.CultureInfo("fr-FR")),
            details.QuerySelectorAll("ol.timeline > li")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("<strong>arbres</strong>", details.QuerySelector(".body")!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(title, await visitor.GetStringAsync("/projets"), StringComparison.Ordinal);

        var actions = await _app.AuditAsync(project.Id);
        Assert.Equal(["project.create", "project.phase.add", "project.publish"], actions.Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, actions.Count(a => a == "project.phase.add"));
    }

    [Fact]
    public async Task Phases_are_edited_and_removed_and_the_current_phase_follows_the_dates()
    {
        var id = await _app.NewProjectAsync(phases: [(ProjectPhaseKind.Studies, -30, null), (ProjectPhaseKind.Works, 10, 40)]);
        var agent = await _app.SignedInAsync("agent");
        var url = $"/admin/projets/{id}";
        var phases = await _app.InAAsync(db => db.ProjectPhases.Where(p => p.ProjectId == id).OrderBy(p => p.StartsOn).Select(p => p.Id).ToListAsync());
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Contains("Phase en cours : Phase Studies", (await visitor.GetDocumentAsync($"/projets/{id}")).QuerySelector(".current-phase")!.TextContent, StringComparison.Ordinal);

        // The works now start today: they are the phase under way, the studies end the day before.
        var page = await agent.GetDocumentAsync(url);
        var form = $"form[action*=UpdatePhase]:has(input[name=phaseId][value='{phases[1]}'])";
        var saved = await agent.SubmitAndReadAsync(url, form, new Dictionary<string, string?> { ["Phase.StartsOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal("Phase enregistrée.", saved.QuerySelector(".notice")!.TextContent);
        Assert.Contains("Phase en cours : Phase Works", (await visitor.GetDocumentAsync($"/projets/{id}")).QuerySelector(".current-phase")!.TextContent, StringComparison.Ordinal);

        var removed = await agent.SubmitAndReadAsync(url, $"form[action*=RemovePhase]:has(input[name=phaseId][value='{phases[1]}'])", new Dictionary<string, string?>());
        Assert.Equal("Phase retirée.", removed.QuerySelector(".notice")!.TextContent);
        Assert.Contains("Phase en cours : Phase Studies", (await visitor.GetDocumentAsync($"/projets/{id}")).QuerySelector(".current-phase")!.TextContent, StringComparison.Ordinal);
        // Another project's phase is not this project's to remove.
        var other = await _app.NewProjectAsync(phases: [(ProjectPhaseKind.Studies, -3, null)]);
        var otherPhase = await _app.InAAsync(db => db.ProjectPhases.Where(p => p.ProjectId == other).Select(p => p.Id).SingleAsync());
        var token = page.QuerySelector("form[action*=RemovePhase] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await agent.PostAsync($"{url}?handler=RemovePhase", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["phaseId"] = otherPhase.Id() }));
        Assert.Contains("Cette phase n'existe plus.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(1, await _app.InAAsync(db => db.ProjectPhases.CountAsync(p => p.ProjectId == other)));
        Assert.Contains("project.phase.update", await _app.AuditAsync(id));
        Assert.Contains("project.phase.remove", await _app.AuditAsync(id));
    }

    [Fact]
    public async Task An_agent_of_another_service_may_not_manage_the_project()
    {
        var id = await _app.NewProjectAsync(adjust: p => p.ServiceName = "Service urbanisme");
        var voirie = await _app.SignedInAsync("voirie");
        var response = await voirie.GetAsync($"/admin/projets/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/projets/{id}\"", await voirie.GetStringAsync("/admin/projets"), StringComparison.Ordinal);
        // Without a service, every agent may.
        var shared = await _app.NewProjectAsync();
        Assert.Equal(HttpStatusCode.OK, (await voirie.GetAsync($"/admin/projets/{shared}")).StatusCode);
    }

    [Fact]
    public async Task Documents_and_photos_are_attached_a_photo_needs_its_alternative_text_and_files_of_a_draft_stay_private()
    {
        var id = await _app.NewProjectAsync(published: false);
        var agent = await _app.SignedInAsync("agent");
        var refused = await agent.UploadAsync(id, photo: true, ProjectData.Png(), "place.png", "image/png", "  ");
        Assert.Contains("Décrivez ce que montre la photo (texte alternatif) : il est obligatoire.", HtmlClient.Parse(await refused.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await agent.UploadAsync(id, photo: true, ProjectData.Png(), "place.png", "image/png", "La place vue du parvis de la gare")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.UploadAsync(id, photo: false, "%PDF-1.4\n%%EOF\n"u8.ToArray(), "plan.pdf", "application/pdf", "Plan guide")).StatusCode);
        var files = await _app.InAAsync(db => db.ProjectFiles.Where(f => f.ProjectId == id).Select(f => f.FileId).ToListAsync());
        Assert.Equal(2, files.Count);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        foreach (var file in files) Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/fichiers/{file}")).StatusCode);

        await agent.SubmitAsync($"/admin/projets/{id}", "form[action*=Publish]", new Dictionary<string, string?>());
        var page = await visitor.GetDocumentAsync($"/projets/{id}");
        Assert.Equal("La place vue du parvis de la gare", page.QuerySelector(".project-photos img")!.GetAttribute("alt"));
        Assert.NotNull(page.QuerySelector("a[href^='/fichiers/']"));
        foreach (var file in files) Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/fichiers/{file}")).StatusCode);
        var actions = await _app.AuditAsync(id);
        Assert.Contains("project.photo.add", actions);
        Assert.Contains("project.document.add", actions);

        var fileRow = await _app.InAAsync(db => db.ProjectFiles.Where(f => f.ProjectId == id && !f.IsPhoto).Select(f => f.Id).SingleAsync());
        var removed = await agent.SubmitAndReadAsync($"/admin/projets/{id}", $"form[action*=RemoveFile]:has(input[value='{fileRow}'])", new Dictionary<string, string?>());
        Assert.Equal("Document retiré.", removed.QuerySelector(".notice")!.TextContent);
        Assert.Equal(1, await _app.InAAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));
    }
}
