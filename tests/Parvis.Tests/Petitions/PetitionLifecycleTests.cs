using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

[Collection(InitiativesAppCollection.Name)]
public class PetitionLifecycleTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("main")!.TextContent.Replace('\u00a0', ' ').Replace('\u202f', ' ');

    [Theory]
    [InlineData(CollectivityKind.Commune, 20_000, 2_000)]
    [InlineData(CollectivityKind.Commune, 20_001, 2_001)]
    [InlineData(CollectivityKind.Other, 20_000, 1_000)]
    [InlineData(CollectivityKind.Other, 20_001, 1_001)]
    public void The_elector_threshold_is_a_tenth_for_a_commune_and_a_twentieth_otherwise(CollectivityKind kind, int registered, int expected) =>
        Assert.Equal(expected, new PetitionSettings { CollectivityKind = kind }.ElectorThreshold(registered));

    [Fact]
    public async Task In_elector_mode_the_threshold_comes_from_the_electoral_list_and_reaching_it_issues_the_acknowledgement_and_the_agenda_item()
    {
        var author = await _app.NewCitizenAsync();
        await _app.VerifyAsync(author, elector: true);
        var id = await _app.NewDraftAsync(author, adjust: p => { p.ElectorMode = true; p.SignLevel = ParticipationLevel.VerifiedElector; p.Status = PetitionStatus.AwaitingModeration; });
        // An electoral list of 25 electors (and 5 residents who are not): 1/10 of 25 is 3 signatures.
        var file = await _app.InAAsync(async db =>
        {
            var list = new CensusFile { Kind = CensusKind.Electoral, FileName = "liste.csv", UploadedAt = DateTime.UtcNow, RowCount = 30 };
            db.CensusFiles.Add(list);
            await db.SaveChangesAsync();
            db.CensusEntries.AddRange(Enumerable.Range(0, 30).Select(i => new CensusEntry { CensusFileId = list.Id, Hash = $"{list.Id}-{i}", IsElector = i < 25 }));
            await db.SaveChangesAsync();
            return list.Id;
        });
        try
        {
            var settings = await (await _app.SignedInAsync("admin")).GetDocumentAsync("/admin/petitions");
            Assert.Contains("Seuil légal calculé : ", Text(settings));
            var moderator = await _app.SignedInAsync("moderation");
            await moderator.SubmitAsync("/moderation/petitions", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?>(), "/moderation/petitions?handler=Publish");
            var petition = await _app.PetitionAsync(id);
            Assert.Equal(PetitionStatus.Open, petition.Status);
            var electors = await _app.InAAsync(db => PetitionCommands.ElectorsOnListAsync(db));
            Assert.Equal((int)Math.Ceiling(electors / 10.0), petition.ResponseThreshold);
            Assert.Equal(petition.ResponseThreshold, petition.AgendaThreshold);

            await AddAsync(id, petition.ResponseThreshold);
            petition = await _app.PetitionAsync(id);
            Assert.NotNull(petition.AcknowledgedAt);
            Assert.Single(await _app.InAAsync(db => db.PetitionAgendaItems.Where(a => a.PetitionId == id).ToListAsync()));
            var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{id}");
            Assert.Contains("article L1112-16", Text(page));
            Assert.Contains("Accusé de réception émis le", Text(page));
            var acknowledgement = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{id}/accuse-de-reception");
            Assert.Contains(petition.Title, Text(acknowledgement));
            Assert.Contains("accuse réception", Text(acknowledgement));
            await _app.Smtp.WaitForAsync(author, m => (m.TextBody ?? "").Contains("accusé de réception"));
        }
        finally
        {
            await _app.InAAsync(async db =>
            {
                await db.CensusEntries.Where(e => e.CensusFileId == file).ExecuteDeleteAsync();
                return await db.CensusFiles.Where(f => f.Id == file).ExecuteDeleteAsync();
            });
        }
    }

    [Fact]
    public async Task An_acknowledgement_does_not_exist_before_the_threshold()
    {
        var id = await _app.NewOpenPetitionAsync(electorMode: true);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{id}/accuse-de-reception")).StatusCode);
    }

    [Fact]
    public async Task The_closing_job_closes_petitions_past_their_date_and_only_those()
    {
        var past = await _app.NewOpenPetitionAsync();
        var current = await _app.NewOpenPetitionAsync();
        await _app.InAAsync(db => db.Petitions.Where(p => p.Id == past).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));
        using (var scope = _app.Services.CreateScope())
            await new PetitionClosingJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
        Assert.Equal(PetitionStatus.Closed, (await _app.PetitionAsync(past)).Status);
        Assert.Equal(PetitionStatus.Open, (await _app.PetitionAsync(current)).Status);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{past}");
        Assert.Contains("Signatures closes le", Text(page));
    }

    [Fact]
    public async Task An_official_response_is_drafted_validated_by_someone_else_then_shown_and_sent_to_the_author()
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 3, agendaThreshold: null, authorEmail: author);
        await AddAsync(id, 3);
        var url = $"/petitions/{id}";
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Contains("3 signatures sur 3 — réponse écrite sous 90 jours", Text(await visitor.GetDocumentAsync(url)));
        Assert.Contains("la collectivité répond par écrit avant le", Text(await visitor.GetDocumentAsync(url)));

        var agent = await _app.SignedInAsync("agent");
        var drafted = await agent.SubmitAndReadAsync(url, "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Le passage piéton sera réalisé cet été." });
        Assert.Contains("Brouillon en attente de validation", Text(drafted));
        Assert.DoesNotContain("Le passage piéton sera réalisé cet été.", Text(await visitor.GetDocumentAsync(url)));

        var elected = await _app.SignedInAsync("elu");
        var queue = await elected.GetDocumentAsync("/reponses");
        Assert.Contains($"Pétition n° {id}", queue.QuerySelector($"li:has(a[href='{url}'])")!.TextContent);
        await elected.SubmitAsync("/reponses", $"li:has(a[href='{url}']) form", new Dictionary<string, string?>());

        var shown = Text(await visitor.GetDocumentAsync(url));
        Assert.Contains("Le passage piéton sera réalisé cet été.", shown);
        Assert.Contains("Service urbanisme", shown);
        Assert.NotNull((await _app.PetitionAsync(id)).FirstAnsweredAt);
        await _app.Smtp.WaitForAsync(author, m => m.Subject!.Contains("réponse officielle"));
    }

    [Fact]
    public async Task A_draft_petition_cannot_get_an_official_response()
    {
        var id = await _app.NewDraftAsync();
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.GetDocumentAsync($"/petitions/{id}");
        Assert.Null(page.QuerySelector("form[action*=DraftResponse]"));
        Assert.Equal(0, await _app.InAAsync(db => db.OfficialResponses.CountAsync(r => r.PetitionId == id)));
    }

    [Fact]
    public async Task The_council_decision_is_recorded_by_an_elected_official_and_shown_with_the_meeting_date()
    {
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 1, agendaThreshold: 2);
        await AddAsync(id, 2);
        var url = $"/petitions/{id}";
        var agent = await _app.SignedInAsync("agent");
        Assert.Null((await agent.GetDocumentAsync(url)).QuerySelector("form[action*=Decision]"));

        var elected = await _app.SignedInAsync("elu");
        var empty = await elected.SubmitAndReadAsync(url, "form[action*=Decision]", new Dictionary<string, string?> { ["decision"] = "" });
        Assert.Contains("Écrivez la décision du conseil.", empty.Errors());
        await elected.SubmitAsync(url, "form[action*=Schedule]", new Dictionary<string, string?> { ["meetingOn"] = "2026-12-14" });
        Assert.Contains("Inscrite à l'ordre du jour · séance du 14 décembre 2026", Text(await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url)));
        await elected.SubmitAsync(url, "form[action*=Decision]", new Dictionary<string, string?> { ["decision"] = "Le conseil a adopté la demande à l'unanimité.", ["meetingOn"] = "2026-12-14" });

        var shown = Text(await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url));
        Assert.Contains("Le conseil a adopté la demande à l'unanimité.", shown);
        Assert.Contains("séance du 14 décembre 2026", shown);
        Assert.Contains("Décision rendue", shown);
        Assert.Contains("petition.council-decision", await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Petition" && a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Settings_are_validated_saved_and_audited()
    {
        var admin = await _app.SignedInAsync("admin");
        var before = await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Petitions.ResponseThreshold).SingleAsync());
        var refused = await admin.SubmitAndReadAsync("/admin/petitions", "main form", new Dictionary<string, string?> { ["ResponseThreshold"] = "500", ["AgendaThreshold"] = "400" });
        Assert.Contains("Le seuil d'inscription à l'ordre du jour doit être supérieur au seuil de réponse écrite.", refused.Errors());
        Assert.Equal(before, await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Petitions.ResponseThreshold).SingleAsync()));
        try
        {
            await admin.SubmitAsync("/admin/petitions", "main form", new Dictionary<string, string?> { ["ResponseThreshold"] = "301" });
            Assert.Equal(301, await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Petitions.ResponseThreshold).SingleAsync()));
            Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.petitions")));
        }
        finally
        {
            await admin.SubmitAsync("/admin/petitions", "main form", new Dictionary<string, string?> { ["ResponseThreshold"] = before.ToString() });
        }
    }

    [Fact]
    public async Task Petitions_and_sponsorships_are_exported_and_an_erased_author_leaves_published_petitions_as_a_deleted_participant()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var draft = await _app.NewDraftAsync(email);
        var open = await _app.NewOpenPetitionAsync(authorEmail: email);
        var other = await _app.NewDraftAsync();
        await client.SubmitAsync($"/petitions/parrainer/{(await _app.PetitionAsync(other)).SponsorToken}", "main form", new Dictionary<string, string?>());

        using (var json = JsonDocument.Parse(await client.GetStringAsync("/compte/donnees/export.json")))
        {
            var ids = json.RootElement.GetProperty("petitions").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
            Assert.Equal([draft, open], ids);
            Assert.Equal(other, json.RootElement.GetProperty("sponsorships").EnumerateArray().Single().GetProperty("petitionId").GetInt32());
        }

        await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "keep", ["Password"] = ParvisFactory.Password });
        Assert.False(await _app.InAAsync(db => db.Petitions.AnyAsync(p => p.Id == draft)));
        Assert.False(await _app.InAAsync(db => db.PetitionSponsors.AnyAsync(s => s.PetitionId == other)));
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{open}");
        Assert.Contains("Par Participant supprimé", Text(page));
    }

    private async Task AddAsync(int petitionId, long delta) =>
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
        {
            await services.GetRequiredService<PetitionCounts>().AddAsync(petitionId, delta);
            return true;
        });
}
