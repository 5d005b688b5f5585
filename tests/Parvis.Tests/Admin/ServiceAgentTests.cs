using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Admin;

/// <summary>Agents of the service that carries a consultation manage it; other agents do not.</summary>
[Collection(PlatformAppCollection.Name)]
public class ServiceAgentTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_agent_edits_and_closes_the_consultations_of_their_service_only()
    {
        var own = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var other = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service des sports");
        var agent = await _app.SignedInAsync("agent");

        var page = await agent.GetDocumentAsync($"/concertations/{own}");
        Assert.NotNull(page.QuerySelector($"a[href='/admin/concertations/{own}']"));
        page = await agent.SubmitAndReadAsync($"/admin/concertations/{own}", "main form:not([action*=handler])", new Dictionary<string, string?> { ["Form.Summary"] = "Résumé revu par le service" });
        Assert.Equal("Concertation enregistrée.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Service urbanisme", await _app.InAAsync(db => db.Consultations.Where(c => c.Id == own).Select(c => c.ServiceName).SingleAsync()));

        Assert.Null((await agent.GetDocumentAsync($"/concertations/{other}")).QuerySelector($"a[href='/admin/concertations/{other}']"));
        foreach (var url in new[] { $"/admin/concertations/{other}", $"/admin/concertations/{other}/cloture" })
            Assert.StartsWith("/compte/acces-refuse", (await agent.GetAsync(url)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var forged = await agent.SubmitAsync($"/admin/concertations/{own}/cloture", "main form", new Dictionary<string, string?> { ["Report"] = "Clos par un autre service" }, $"/admin/concertations/{other}/cloture");
        Assert.StartsWith("/compte/acces-refuse", forged.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(await _app.InAAsync(db => db.Consultations.Where(c => c.Id == other).Select(c => c.ClosedAt).SingleAsync()));

        page = await agent.SubmitAndReadAsync($"/admin/concertations/{own}/cloture", "main form", new Dictionary<string, string?> { ["Report"] = "Ce que le service retient." });
        Assert.Contains("Ce que le service retient.", page.QuerySelector(".report")!.TextContent);
        // Closed: nothing offers to close it again.
        Assert.NotNull(page.QuerySelector($"a[href='/admin/concertations/{own}']"));
        Assert.Null(page.QuerySelector($"a[href='/admin/concertations/{own}/cloture']"));
        var admin = await (await _app.SignedInAsync("admin")).GetDocumentAsync("/admin");
        Assert.NotNull(admin.QuerySelector($"a[href='/admin/concertations/{own}']"));
        Assert.Null(admin.QuerySelector($"a[href='/admin/concertations/{own}/cloture']"));
        Assert.NotNull(admin.QuerySelector($"a[href='/admin/concertations/{other}/cloture']"));
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_consultation_created_by_an_agent_belongs_to_their_service_and_is_audited()
    {
        var agent = await _app.SignedInAsync("agent");
        var territory = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Ville A").Select(t => t.Id).SingleAsync());
        var title = "Projet du service " + Guid.NewGuid().ToString("N")[..6];
        await agent.SubmitAsync("/admin/concertations", "main form:not([action*=handler])", new Dictionary<string, string?>
        {
            ["Form.Title"] = title,
            ["Form.TerritoryId"] = territory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.LegalFrame"] = "Voluntary",
            ["Form.ServiceName"] = "Service des sports",
            ["Form.InformationStartsAt"] = "2026-01-01T09:00",
            ["Form.ContributionsStartAt"] = "2026-01-10T09:00",
            ["Form.SynthesisStartsAt"] = "2030-01-01T09:00",
        });
        var created = await _app.InAAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Title == title));
        Assert.Equal("Service urbanisme", created.ServiceName);
        var audit = await _app.InAAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "consultation.create" && a.TargetId == created.Id.ToString()));
        Assert.Equal("Agent urbanisme", audit.ActorName);
        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync("/admin/concertations")).StatusCode);
        Assert.Equal(LegalFrame.Voluntary, created.LegalFrame);
    }
}
