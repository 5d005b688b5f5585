using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

[Collection(PlatformAppCollection.Name)]
public class InPersonTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static async Task<string> CodeOnMyIdentityPageAsync(HttpClient citizen) =>
        (await citizen.GetDocumentAsync("/compte/identite")).QuerySelector(".in-person-code strong")!.TextContent.Trim();

    /// <summary>The agent types the code, sees the person, grants residence in the Quartier de la Gare with the document seen.</summary>
    private async Task GrantResidenceAsync(HttpClient agent, string code, string document = "passeport", string? birthDate = null)
    {
        var gare = await _app.TerritoryIdAsync("Quartier de la Gare");
        var url = $"/admin/verifications?q={Uri.EscapeDataString(code)}";
        var page = await agent.SubmitAndReadAsync(url, "form[action*=Grant]", new Dictionary<string, string?>
        {
            ["documentType"] = document,
            ["territoryId"] = gare.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["birthDate"] = birthDate,
        });
        Assert.Equal("Vérification enregistrée.", page.QuerySelector(".notice")?.TextContent);
    }

    [Fact]
    public async Task What_a_verification_attests_names_the_quartier_and_reads_in_english()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var agent = await _app.SignedInAsync("agent");
        await GrantResidenceAsync(agent, await CodeOnMyIdentityPageAsync(citizen), birthDate: "1985-06-15");

        var desk = await agent.GetDocumentAsync($"/admin/verifications?q={Uri.EscapeDataString(email)}");
        var row = desk.QuerySelectorAll(".recent-verifications tbody tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Equal("habitant vérifié · Quartier de la Gare · 40–49 ans", row.QuerySelectorAll("td")[2].TextContent.Trim());

        var mine = await citizen.GetDocumentAsync("/compte/identite?culture=en");
        var attested = mine.QuerySelectorAll("table tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("verified resident · Quartier de la Gare · 40–49 years old", attested);
    }

    [Fact]
    public async Task An_agent_finds_the_person_by_the_code_of_their_account_and_the_audit_log_names_the_document_seen()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var code = await CodeOnMyIdentityPageAsync(citizen);
        Assert.Matches("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$", code);
        Assert.Equal(code, await CodeOnMyIdentityPageAsync(citizen));

        var agent = await _app.SignedInAsync("agent");
        // Typed loosely at the desk: lower case, without the dash.
        var found = await agent.GetDocumentAsync($"/admin/verifications?q={code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)}");
        Assert.Contains(email, found.QuerySelector(".found-person")!.TextContent, StringComparison.Ordinal);
        await GrantResidenceAsync(agent, code, "carte nationale d'identité", "1985-06-15");

        var badges = (await citizen.GetDocumentAsync("/compte/identite")).QuerySelectorAll(".badges li").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("habitant vérifié · Quartier de la Gare", badges);
        Assert.Contains("40–49 ans", badges);

        var userId = await _app.UserIdAsync(email);
        var agentId = await _app.UserIdAsync("agent@" + ParvisFactory.DomainA);
        var (verification, audit) = await _app.InAAsync(async db => (
            await db.Verifications.SingleAsync(v => v.UserId == userId),
            await db.AuditEntries.Where(a => a.Action == "verification.in-person" && a.TargetId == userId.ToString()).SingleAsync()));
        Assert.Equal(VerificationMethod.InPerson, verification.Method);
        Assert.Equal(agentId, verification.VerifiedById);
        Assert.Equal("carte nationale d'identité", verification.DocumentType);
        Assert.Equal(agentId, audit.ActorId);
        Assert.Contains("pièce vue : carte nationale d'identité", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("1985", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_without_a_document_type_or_without_any_attribute_is_refused()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var code = await CodeOnMyIdentityPageAsync(citizen);
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/admin/verifications?q={code}", "form[action*=Grant]", new Dictionary<string, string?> { ["documentType"] = "" });
        Assert.Contains("Indiquez le type de pièce présentée.", page.Errors());
        page = await agent.SubmitAndReadAsync($"/admin/verifications?q={code}", "form[action*=Grant]", new Dictionary<string, string?> { ["documentType"] = "passeport" });
        Assert.Contains("Cette vérification n'atteste rien : choisissez au moins un attribut.", page.Errors());
        var userId = await _app.UserIdAsync(email);
        Assert.Equal(0, await _app.InAAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));
    }

    [Fact]
    public async Task An_agent_of_Ville_B_can_neither_find_nor_verify_a_person_of_Ville_A()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var code = await CodeOnMyIdentityPageAsync(citizen);
        var userId = await _app.UserIdAsync(email);
        var agentB = await _app.SignedInAsync("agent", ParvisFactory.HostB);
        foreach (var q in new[] { code, email })
        {
            var page = await agentB.GetDocumentAsync($"/admin/verifications?q={Uri.EscapeDataString(q)}");
            Assert.Null(page.QuerySelector(".found-person"));
            Assert.Contains("Aucun compte de la collectivité ne correspond à ce code ou à cette adresse e-mail.", page.Errors());
        }
        var gareB = await _app.TerritoryIdAsync("Quartier de la Gare", _app.OrganizationB);
        var crafted = await agentB.SubmitAndReadAsync("/admin/verifications", "header form", new Dictionary<string, string?>
        {
            ["userId"] = userId.ToString(),
            ["documentType"] = "passeport",
            ["territoryId"] = gareB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "/admin/verifications?handler=Grant");
        Assert.Contains("Retrouvez d'abord la personne par son code ou son adresse e-mail.", crafted.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));
        Assert.Equal(0, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Verifications.IgnoreQueryFilters().CountAsync(v => v.UserId == userId)));
    }

    [Fact]
    public async Task An_elector_is_verified_at_the_desk_with_the_name_on_the_document()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var agent = await _app.SignedInAsync("agent");
        var url = $"/admin/verifications?q={Uri.EscapeDataString(await CodeOnMyIdentityPageAsync(citizen))}";
        var page = await agent.SubmitAndReadAsync(url, "form[action*=Grant]", new Dictionary<string, string?> { ["documentType"] = "carte électorale", ["isElector"] = "true" });
        Assert.Contains("Indiquez le nom inscrit sur la pièce : les demandes d'inscription à l'ordre du jour que signe un électeur portent ce nom.", page.Errors());
        var userId = await _app.UserIdAsync(email);
        Assert.Equal(0, await _app.InAAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));

        page = await agent.SubmitAndReadAsync(url, "form[action*=Grant]", new Dictionary<string, string?>
        {
            ["documentType"] = "carte électorale",
            ["isElector"] = "true",
            ["electorName"] = "  Hélène   Dupré ",
        });
        Assert.Equal("Vérification enregistrée.", page.QuerySelector(".notice")?.TextContent);
        Assert.Equal("Hélène Dupré", await _app.InAAsync(db => db.Verifications.Where(v => v.UserId == userId).Select(v => v.VerifiedName).SingleAsync()));
        // The person finds the name in what the platform keeps about them.
        var export = await citizen.GetStringAsync("/compte/donnees/export.json");
        Assert.Contains("Hélène Dupré", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_verification_no_longer_lets_a_person_contribute_to_a_resident_only_consultation()
    {
        var consultation = await _app.ResidentOnlyConsultationAsync();
        var (citizen, email) = await _app.CitizenClientAsync();
        Assert.False(await _app.TryContributeAsync(citizen, consultation, "Avant toute vérification"));
        await GrantResidenceAsync(await _app.SignedInAsync("agent"), await CodeOnMyIdentityPageAsync(citizen));
        Assert.True(await _app.TryContributeAsync(citizen, consultation, "Habitant vérifié en mairie"));

        var userId = await _app.UserIdAsync(email);
        await _app.InAAsync(db => db.Verifications.Where(v => v.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.False(await _app.TryContributeAsync(citizen, consultation, "Après expiration"));
        var identity = await citizen.GetDocumentAsync("/compte/identite");
        Assert.Contains("expirée", identity.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(identity.QuerySelectorAll(".badges li"));
    }

    [Fact]
    public async Task A_verification_revoked_by_an_agent_stops_counting_at_the_next_action()
    {
        var consultation = await _app.ResidentOnlyConsultationAsync();
        var (citizen, email) = await _app.CitizenClientAsync();
        var agent = await _app.SignedInAsync("agent");
        var code = await CodeOnMyIdentityPageAsync(citizen);
        await GrantResidenceAsync(agent, code);
        // The citizen reads the consultation while verified…
        Assert.True(await _app.TryContributeAsync(citizen, consultation, "Première contribution"));

        var userId = await _app.UserIdAsync(email);
        var id = await _app.InAAsync(db => db.Verifications.Where(v => v.UserId == userId).Select(v => v.Id).SingleAsync());
        var page = await agent.SubmitAndReadAsync($"/admin/verifications?q={code}", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?> { ["reason"] = "" });
        Assert.Contains("Indiquez le motif de la révocation.", page.Errors());
        page = await agent.SubmitAndReadAsync($"/admin/verifications?q={code}", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?> { ["reason"] = "Justificatif de domicile falsifié" });
        Assert.Equal("Vérification révoquée.", page.QuerySelector(".notice")!.TextContent);

        // …and is refused at the next post, without signing in again.
        Assert.False(await _app.TryContributeAsync(citizen, consultation, "Après révocation"));
        var audit = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "verification.revoke" && a.TargetId == userId.ToString()).Select(a => a.Details).SingleAsync());
        Assert.Contains("Justificatif de domicile falsifié", audit, StringComparison.Ordinal);
        Assert.Contains("révoquée : Justificatif de domicile falsifié", (await citizen.GetDocumentAsync("/compte/identite")).QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_census_verification_revoked_by_an_agent_cannot_be_taken_again_from_the_same_list()
    {
        var family = IdentityData.UniqueName("REVOQUE");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{family};Rémi;09/09/1999\n", CensusKind.Residents);
        var (citizen, email) = await _app.CitizenClientAsync();
        await citizen.MatchCensusAsync(family, "Rémi", "1999-09-09");
        var userId = await _app.UserIdAsync(email);
        var id = await _app.InAAsync(db => db.Verifications.Where(v => v.UserId == userId).Select(v => v.Id).SingleAsync());
        await admin.SubmitAndReadAsync("/admin/verifications", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?> { ["reason"] = "Erreur sur la personne" });
        var page = await citizen.ReadAsync(await citizen.MatchCensusAsync(family, "Rémi", "1999-09-09"));
        Assert.Contains("Votre vérification par cette liste a été révoquée : présentez-vous en mairie.", page.Errors());
    }
}
