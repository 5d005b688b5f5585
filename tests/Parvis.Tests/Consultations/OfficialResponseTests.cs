using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

[Collection(AppCollection.Name)]
public class OfficialResponseTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_agent_drafts_an_elected_official_publishes_in_the_institutions_name()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        await citizen.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Quand les travaux commencent-ils ?" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var url = $"/contributions/{contributionId}";

        var agent = await _app.SignedInAsync("agent");
        var drafted = await agent.SubmitAndReadAsync(url, "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Les travaux commencent en mars." });
        Assert.Contains("Brouillon en attente de validation", drafted.QuerySelector("#reponse")!.ParentElement!.TextContent);
        var publicView = await citizen.GetDocumentAsync(url);
        Assert.DoesNotContain("Les travaux commencent en mars.", publicView.QuerySelector("main")!.TextContent);

        // The agent finds it among their own drafts; another agent does not.
        var mine = (await agent.GetDocumentAsync("/reponses/mes-brouillons")).QuerySelector($"li:has(a[href='{url}'])");
        Assert.Contains("Les travaux commencent en mars.", mine!.TextContent, StringComparison.Ordinal);
        Assert.Null((await (await _app.SignedInAsync("voirie")).GetDocumentAsync("/reponses/mes-brouillons")).QuerySelector($"li:has(a[href='{url}'])"));

        var elected = await _app.SignedInAsync("elu");
        var queue = await elected.GetDocumentAsync("/reponses");
        var draft = queue.QuerySelector($"li:has(a[href='{url}'])")!;
        Assert.Contains("Les travaux commencent en mars.", draft.TextContent);
        await elected.SubmitAsync("/reponses", $"li:has(a[href='{url}']) form", new Dictionary<string, string?>());

        publicView = await citizen.GetDocumentAsync(url);
        var response = publicView.QuerySelector(".response")!.TextContent;
        Assert.Contains("Réponse de la collectivité", response);
        Assert.Contains("Service urbanisme", response);
        Assert.Contains("Les travaux commencent en mars.", response);
        Assert.DoesNotContain("Agent urbanisme", response);
        Assert.DoesNotContain("Sofia", response);
        Assert.NotNull(await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.FirstAnsweredAt).SingleAsync()));
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetId == contributionId.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("response.draft", actions);
        Assert.Contains("response.publish", actions);
        Assert.Null((await agent.GetDocumentAsync("/reponses/mes-brouillons")).QuerySelector($"li:has(a[href='{url}'])"));
        var answered = await citizen.GetDocumentAsync($"/concertations/{id}?reponse=true");
        Assert.Single(answered.QuerySelectorAll(".contribution"));
    }

    [Fact]
    public async Task An_empty_draft_is_refused_and_a_citizen_cannot_draft()
    {
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.State == Parvis.Domain.ModerationState.Published).Select(c => c.Id).FirstAsync());
        var url = $"/contributions/{contributionId}";
        var before = await _app.InAAsync(db => db.OfficialResponses.CountAsync());
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync(url, "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = " " });
        Assert.Contains("La réponse est vide.", page.Errors());
        var (citizen, _) = await _app.CitizenClientAsync();
        var response = await citizen.SubmitAsync(url, "form[action*=React]", new Dictionary<string, string?> { ["body"] = "Réponse usurpée" }, $"{url}?handler=DraftResponse");
        Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(before, await _app.InAAsync(db => db.OfficialResponses.CountAsync()));
    }
}
