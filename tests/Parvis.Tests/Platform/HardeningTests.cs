using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Territories;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>Rules found by review: each one a way around the product's promises, now closed.</summary>
[Collection(PlatformAppCollection.Name)]
public class HardeningTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Nobody_validates_their_own_response()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        await citizen.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Question" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var admin = await _app.SignedInAsync("admin");
        await admin.SubmitAsync($"/contributions/{contributionId}", "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Ma propre réponse" });
        var url = $"/contributions/{contributionId}";
        var page = await admin.SubmitAndReadAsync("/reponses", $"li:has(a[href='{url}']) form", new Dictionary<string, string?>());
        Assert.Contains("validée par une autre personne", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal(ResponseStatus.Draft, await _app.InAAsync(db => db.OfficialResponses.Where(r => r.ContributionId == contributionId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_legal_frame_of_a_published_consultation_cannot_change()
    {
        var id = await _app.NewOpenConsultationAsync();
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}", "main form:not([action*=handler])", new Dictionary<string, string?> { ["Form.LegalFrame"] = "PriorConcertation" });
        Assert.Contains("ne peut plus changer", string.Join(" ", page.Errors()), StringComparison.Ordinal);
        Assert.Equal(LegalFrame.Voluntary, await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.LegalFrame).SingleAsync()));
    }

    [Fact]
    public async Task A_date_in_the_spring_clock_change_gap_is_taken_as_the_hour_after()
    {
        var admin = await _app.SignedInAsync("admin");
        var territory = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Ville A").Select(t => t.Id).SingleAsync());
        var title = "Heure d'été " + Guid.NewGuid().ToString("N")[..6];
        var page = await admin.SubmitAndReadAsync("/admin/concertations", "main form:not([action*=handler])", new Dictionary<string, string?>
        {
            ["Form.Title"] = title,
            ["Form.TerritoryId"] = territory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.LegalFrame"] = "Voluntary",
            ["Form.InformationStartsAt"] = "2027-03-28T02:30",
            ["Form.ContributionsStartAt"] = "2027-04-01T09:00",
            ["Form.SynthesisStartsAt"] = "2027-05-01T09:00",
        });
        Assert.Empty(page.Errors());
        var start = await _app.InAAsync(db => db.Consultations.Where(c => c.Title == title).Select(c => c.InformationStartsAt).SingleAsync());
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public async Task A_page_number_far_beyond_the_end_shows_the_last_page()
    {
        var id = await _app.IdAsync(ConsultationData.Open);
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/concertations/{id}?p=2147483647&tri=Supported");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".contribution"));
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[1]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"properties":{"name":"X","kind":7},"geometry":{"type":3}}]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"properties":{"name":"Ville A","parent":"Les Rives"}}]}""")]
    public async Task Malformed_or_looping_territory_files_are_refused_and_change_nothing(string geoJson)
    {
        var before = await _app.InAAsync(db => db.Territories.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync());
        await Assert.ThrowsAsync<DomainException>(() => _app.InOrganizationAsync(_app.OrganizationA, (_, services) =>
            services.GetRequiredService<TerritoryImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(geoJson)))));
        var after = await _app.InAAsync(db => db.Territories.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Staff_cannot_be_blocked_from_the_moderation_queue()
    {
        var id = await _app.NewOpenConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Avis d'agent" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var (citizen, _) = await _app.CitizenClientAsync();
        await citizen.SubmitAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Abus" });
        var moderator = await _app.SignedInAsync("moderation");
        var page = await moderator.SubmitAndReadAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Essai" }, "/moderation?handler=Block");
        Assert.Contains(page.Errors(), e => e.Contains("Un membre du personnel", StringComparison.Ordinal));
        Assert.Null(await _app.InAAsync(db => db.Users.Where(u => u.Email == "agent@" + ParvisFactory.DomainA).Select(u => u.BlockedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_offline_entry_is_audited_with_the_contribution_it_created()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync($"/concertations/{id}", "form[action*=Offline]", new Dictionary<string, string?> { ["Offline.Channel"] = "Phone", ["Offline.Body"] = "Appel reçu" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contribution.enter-offline" && a.TargetId == contributionId.ToString())));
    }

    [Fact]
    public async Task An_agent_of_another_service_cannot_enter_contributions_on_someones_behalf()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service des sports");
        var agent = await _app.SignedInAsync("agent");
        Assert.Empty((await agent.GetDocumentAsync($"/concertations/{id}")).QuerySelectorAll("form[action*=Offline]"));
        var response = await agent.SubmitAsync($"/concertations/{id}", "header form", new Dictionary<string, string?> { ["Offline.Channel"] = "Mail", ["Offline.Body"] = "Courrier" }, $"/concertations/{id}?handler=Offline");
        Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Under_pre_moderation_an_edited_comment_goes_back_to_the_moderators_and_a_double_publish_counts_once()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.PreModeration = true);
        var contributionId = await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == id).Select(c => c.TerritoryId).SingleAsync();
            var contribution = new Contribution { ConsultationId = id, TerritoryId = territory, Body = "Idée", CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync();
            return contribution.Id;
        });
        var url = $"/contributions/{contributionId}";
        var (author, _) = await _app.CitizenClientAsync();
        await author.SubmitAsync(url, "form[action*='handler=Comment']:not(:has(input[name=parentId]))", new Dictionary<string, string?> { ["body"] = "Texte correct" });
        var commentId = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        var moderator = await _app.SignedInAsync("moderation");
        for (var i = 0; i < 2; i++)
            await moderator.SubmitAsync("/moderation", "header form", new Dictionary<string, string?> { ["commentId"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "ok" }, "/moderation?handler=RestoreComment");
        Assert.Equal(1, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.CommentCount).SingleAsync()));

        await author.SubmitAsync(url, $"#commentaire-{commentId} form[action*=EditComment]", new Dictionary<string, string?> { ["body"] = "Texte changé après validation" });
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url);
        Assert.DoesNotContain("Texte changé après validation", visitor.QuerySelector("main")!.TextContent);
        Assert.Equal(0, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.CommentCount).SingleAsync()));
        Assert.Equal(ModerationState.PendingReview, await _app.InAAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.State).SingleAsync()));
    }
}
