using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Admin;

[Collection(PlatformAppCollection.Name)]
public class AdminTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<int> TerritoryIdAsync(string name) => await _app.InAAsync(db => db.Territories.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    private async Task<Dictionary<string, string?>> FormAsync(string title, LegalFrame frame, string? objectives = null) => new()
    {
        ["Form.Title"] = title,
        ["Form.Summary"] = "Résumé",
        ["Form.Body"] = "Présentation",
        ["Form.TerritoryId"] = (await TerritoryIdAsync("Centre-ville")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.LegalFrame"] = frame.ToString(),
        ["Form.Objectives"] = objectives,
        ["Form.InformationStartsAt"] = "2026-01-01T09:00",
        ["Form.ContributionsStartAt"] = "2026-01-10T09:00",
        ["Form.SynthesisStartsAt"] = "2030-01-01T09:00",
    };

    [Fact]
    public async Task An_administrator_creates_publishes_and_closes_a_prior_concertation_with_its_report()
    {
        var admin = await _app.SignedInAsync("admin");
        var title = "Concertation " + Guid.NewGuid().ToString("N")[..6];
        var page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", await FormAsync(title, LegalFrame.PriorConcertation));
        Assert.Contains("Concertation enregistrée.", page.QuerySelector(".notice")!.TextContent);
        var id = await _app.IdAsync(title);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/concertations/{id}")).StatusCode);

        page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}", "form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Contains(page.Errors(), e => e.Contains("L103-2", StringComparison.Ordinal));
        var form = await FormAsync(title, LegalFrame.PriorConcertation, "Objectifs : apaiser la rue.");
        await admin.SubmitAsync($"/admin/concertations/{id}", "main form:not([action*=handler])", form);
        page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}", "form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Contains("Concertation publiée.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/concertations/{id}")).StatusCode);

        page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}/cloture", "main form", new Dictionary<string, string?> { ["Report"] = "" });
        Assert.Contains(page.Errors(), e => e.Contains("sans son bilan", StringComparison.Ordinal));
        page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}/cloture", "main form", new Dictionary<string, string?> { ["Report"] = "## Ce que nous retenons\n\nLa rue sera apaisée." });
        var report = page.QuerySelector(".report")!;
        Assert.Contains("Bilan de la concertation", report.TextContent);
        Assert.Contains("La rue sera apaisée.", report.TextContent);
        Assert.Equal("Close", page.QuerySelector(".badge")!.TextContent);

        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Consultation" && a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(["consultation.close", "consultation.create", "consultation.publish", "consultation.update"], actions.Order().ToArray());
        var journal = await admin.GetDocumentAsync("/admin/journal?action=consultation.close");
        Assert.Contains(journal.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Administration", StringComparison.Ordinal));
        Assert.All(journal.QuerySelectorAll("tbody tr"), r => Assert.Contains("consultation.close", r.TextContent));
    }

    [Fact]
    public async Task Dates_out_of_order_and_a_missing_title_are_refused()
    {
        var admin = await _app.SignedInAsync("admin");
        var before = await _app.InAAsync(db => db.Consultations.CountAsync());
        var form = await FormAsync("", LegalFrame.Voluntary);
        var page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", form);
        Assert.Contains("Le titre est obligatoire.", page.Errors());
        form = await FormAsync("Dates", LegalFrame.Voluntary);
        form["Form.SynthesisStartsAt"] = "2025-01-01T09:00";
        page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", form);
        Assert.Contains(page.Errors(), e => e.Contains("Les dates doivent se suivre", StringComparison.Ordinal));
        form = await FormAsync(new string('x', 201), LegalFrame.Voluntary);
        page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", form);
        Assert.Contains("Le titre dépasse 200 caractères.", page.Errors());
        Assert.Equal(before, await _app.InAAsync(db => db.Consultations.CountAsync()));
    }

    [Fact]
    public async Task Exports_pseudonymise_authors_and_are_audited()
    {
        var admin = await _app.SignedInAsync("admin");
        var id = await _app.IdAsync(ConsultationData.Open);
        var json = await admin.GetStringAsync($"/admin/concertations/{id}/export.json");
        using var doc = JsonDocument.Parse(json);
        var contributions = doc.RootElement.GetProperty("contributions");
        Assert.True(contributions.GetArrayLength() >= 7);
        Assert.Contains(contributions.EnumerateArray(), c => c.GetProperty("body").GetString()!.Contains("parking vélo", StringComparison.Ordinal));
        Assert.True(doc.RootElement.GetProperty("reactions").GetArrayLength() > 0);
        Assert.True(doc.RootElement.GetProperty("comments").GetArrayLength() > 0);
        foreach (var secret in new[] { "Arnaud_gare", "Roussel", "habitant@", "Léa des Rives" }) Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Matches("\"author\":\"p-[0-9a-f]{12}\"", json);

        var bytes = await admin.GetByteArrayAsync($"/admin/concertations/{id}/export.csv");
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]); // so that spreadsheet software reads the accents
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("type;id;parent;auteur", csv, StringComparison.Ordinal);
        Assert.Contains("\"contribution\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Arnaud_gare", csv, StringComparison.Ordinal);
        Assert.Equal(2, await _app.InAAsync(db => db.AuditEntries.CountAsync(a => a.Action == "consultation.export" && a.TargetId == id.ToString())));

        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync($"/admin/concertations/{id}/export.json")).StatusCode);
    }

    [Fact]
    public async Task Roles_are_granted_and_revoked_with_audit_entries()
    {
        var admin = await _app.SignedInAsync("admin");
        var email = await _app.NewCitizenAsync();
        var person = _app.ClientFor(ParvisFactory.HostA);
        await person.LoginAsync(email);
        Assert.NotEqual(HttpStatusCode.OK, (await person.GetAsync("/moderation")).StatusCode);

        var page = await admin.SubmitAndReadAsync("/admin/roles", "form[action*=Grant]", new Dictionary<string, string?> { ["email"] = email, ["role"] = "Moderator" });
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal) && r.TextContent.Contains("Modérateur", StringComparison.Ordinal));
        var again = _app.ClientFor(ParvisFactory.HostA);
        await again.LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/moderation")).StatusCode);

        page = await admin.SubmitAndReadAsync("/admin/roles", "form[action*=Grant]", new Dictionary<string, string?> { ["email"] = "personne@nulle-part.example", ["role"] = "Agent" });
        Assert.Contains("Aucun compte de la collectivité n'a cette adresse e-mail.", page.Errors());

        await admin.SubmitAsync("/admin/roles", $"tr:has(td:contains('{email}')) form", new Dictionary<string, string?>());
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("role.")).Select(a => a.Details + a.Action).ToListAsync());
        Assert.Contains(actions, a => a.Contains(email, StringComparison.Ordinal) && a.EndsWith("role.grant", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.EndsWith("role.revoke", StringComparison.Ordinal));
        var fresh = _app.ClientFor(ParvisFactory.HostA);
        await fresh.LoginAsync(email);
        Assert.NotEqual(HttpStatusCode.OK, (await fresh.GetAsync("/moderation")).StatusCode);
    }

    [Fact]
    public async Task Administration_is_closed_to_citizens_and_to_anonymous_visitors()
    {
        var (citizen, _) = await _app.CitizenClientAsync();
        foreach (var url in new[] { "/admin", "/admin/journal", "/admin/roles", "/admin/concertations" })
        {
            Assert.StartsWith("/compte/acces-refuse", (await citizen.GetAsync(url)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.StartsWith("/compte/connexion", (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
