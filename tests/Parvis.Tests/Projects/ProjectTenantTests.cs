using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Projects;

/// <summary>Nothing of another organization's projects is reachable: the project, its phases, links, files, and its outcomes.</summary>
[Collection(CivicAppCollection.Name)]
public class ProjectTenantTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Every_project_table_of_B_is_out_of_reach_from_A()
    {
        var b = _app.OrganizationB;
        var projectB = await _app.NewProjectAsync(organization: b, phases: [(ProjectPhaseKind.Works, -5, 5)]);
        var territoryB = await _app.NewTerritoryAsync(organization: b);
        var outcomeB = await _app.NewOutcomeAsync(territoryB, organization: b);
        var consultationB = await _app.InOrganizationAsync(b, (db, _) => db.Consultations.Select(c => c.Id).FirstAsync());
        var fileB = await _app.InOrganizationAsync(b, async (db, _) =>
        {
            var file = new StoredFile { Id = Guid.NewGuid(), Kind = FileKind.Document, Title = "Plan B", FileName = "plan.pdf", ContentType = "application/pdf", StorageKey = "b/plan.pdf", UploadedAt = DateTime.UtcNow };
            db.StoredFiles.Add(file);
            db.ProjectFiles.Add(new ProjectFile { ProjectId = projectB, FileId = file.Id, AddedAt = DateTime.UtcNow });
            db.ProjectLinks.Add(new ProjectLink { ProjectId = projectB, Kind = OutcomeSubjectKind.Consultation, SubjectId = consultationB });
            await db.Outcomes.Where(o => o.Id == outcomeB).ExecuteUpdateAsync(x => x.SetProperty(o => o.ProjectId, projectB));
            await db.SaveChangesAsync();
            return file.Id;
        });

        // The query filters: A's context sees none of B's rows, in any project table.
        var seen = await _app.InAAsync(async db => (
            await db.Projects.CountAsync(p => p.Id == projectB), await db.ProjectPhases.CountAsync(p => p.ProjectId == projectB),
            await db.ProjectLinks.CountAsync(l => l.ProjectId == projectB), await db.ProjectFiles.CountAsync(f => f.ProjectId == projectB),
            await db.Outcomes.CountAsync(o => o.ProjectId == projectB)));
        Assert.Equal((0, 0, 0, 0, 0), seen);

        var admin = await _app.SignedInAsync("admin");
        foreach (var url in new[] { $"/projets/{projectB}", $"/admin/projets/{projectB}", $"/fichiers/{fileB}" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        Assert.DoesNotContain($"/projets/{projectB}\"", await admin.GetStringAsync("/projets"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/projets/{projectB}\"", await admin.GetStringAsync("/admin/projets"), StringComparison.Ordinal);
        // A's consultation page does not name B's project, even with B's link rows holding the same numbers.
        var consultationA = await _app.IdAsync(ConsultationData.Open);
        Assert.Null((await admin.GetDocumentAsync($"/concertations/{consultationA}")).QuerySelector($"a[href='/projets/{projectB}']"));

        // A's staff cannot link B's outcome or consultation to A's project.
        var projectA = await _app.NewProjectAsync();
        var page = await admin.SubmitAndReadAsync($"/admin/projets/{projectA}", "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Outcome", ["number"] = outcomeB.Id() });
        Assert.Contains($"Le résultat n° {outcomeB} n'existe pas dans cette collectivité.", page.Errors());
        var consultationOnlyB = await _app.InOrganizationAsync(b, (db, _) => db.Consultations.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        if (!await _app.InAAsync(db => db.Consultations.AnyAsync(c => c.Id == consultationOnlyB)))
        {
            page = await admin.SubmitAndReadAsync($"/admin/projets/{projectA}", "form[action*=Link]", new Dictionary<string, string?> { ["kind"] = "Consultation", ["number"] = consultationOnlyB.Id() });
            Assert.Contains($"La concertation n° {consultationOnlyB} n'existe pas dans cette collectivité.", page.Errors());
        }
        Assert.Equal(0, await _app.InOrganizationAsync(b, (db, _) => db.Outcomes.CountAsync(o => o.Id == outcomeB && o.ProjectId != projectB)));
        Assert.Equal(0, await _app.InAAsync(db => db.ProjectLinks.CountAsync(l => l.ProjectId == projectA)));
    }
}
