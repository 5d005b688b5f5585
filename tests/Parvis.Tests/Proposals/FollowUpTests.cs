using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class FollowUpTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(int Id, string AuthorEmail, string SupporterEmail)> ProposalWithSupporterAsync(int spaceId, string title)
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.AddProposalAsync(spaceId, title, "Le texte de la proposition.", await _app.UserIdAsync(author));
        var (supporter, supporterEmail) = await _app.CitizenClientAsync();
        await supporter.SubmitAsync($"/propositions/{id}", "form[action*=Support]", new Dictionary<string, string?>());
        return (id, author, supporterEmail);
    }

    [Fact]
    public async Task A_state_change_with_a_response_mails_author_and_supporters_and_the_validated_response_is_shown()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var title = "Un abri vélo " + Guid.NewGuid().ToString("N")[..6];
        var (id, authorEmail, supporterEmail) = await ProposalWithSupporterAsync(spaceId, title);
        var url = $"/propositions/{id}";
        var agent = await _app.SignedInAsync("agent");

        var page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "UnderStudy" });
        Assert.Contains("À l'étude", page.QuerySelector(".badge")!.TextContent);
        var toAuthor = await _app.Smtp.WaitForAsync(authorEmail, m => m.Subject!.Contains(title, StringComparison.Ordinal));
        Assert.Contains("à l'étude", toAuthor.Subject!, StringComparison.Ordinal);
        Assert.EndsWith(url, TestSmtpServer.LinkIn(toAuthor), StringComparison.Ordinal);
        await _app.Smtp.WaitForAsync(supporterEmail, m => m.Subject!.Contains(title, StringComparison.Ordinal));

        page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?>
        {
            ["status"] = "AcceptedWithChanges",
            ["reason"] = "Deux abris au lieu de trois.",
            ["response"] = "Le service installera deux abris vélo au printemps.",
        });
        Assert.Contains("Brouillon en attente de validation", page.QuerySelector("#suivi")!.ParentElement!.TextContent);
        var citizen = _app.ClientFor(ParvisFactory.HostA);
        var publicView = await citizen.GetDocumentAsync(url);
        Assert.Contains("Retenue avec modifications", publicView.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Deux abris au lieu de trois.", publicView.QuerySelector(".decision")!.TextContent);
        Assert.DoesNotContain("Le service installera deux abris vélo au printemps.", publicView.QuerySelector("main")!.TextContent);
        var mail = await _app.Smtp.WaitForAsync(supporterEmail, m => m.Subject!.Contains("retenue avec modifications", StringComparison.Ordinal) && m.Subject!.Contains(title, StringComparison.Ordinal));
        Assert.Contains("Motif : Deux abris au lieu de trois.", mail.TextBody, StringComparison.Ordinal);

        var elected = await _app.SignedInAsync("elu");
        var queue = await elected.GetDocumentAsync("/reponses");
        Assert.Contains("Le service installera deux abris vélo au printemps.", queue.QuerySelector($"li:has(a[href='{url}'])")!.TextContent);
        await elected.SubmitAsync("/reponses", $"li:has(a[href='{url}']) form", new Dictionary<string, string?>());

        publicView = await citizen.GetDocumentAsync(url);
        var response = publicView.QuerySelector(".response")!.TextContent;
        Assert.Contains("Réponse de la collectivité", response);
        Assert.Contains("Service urbanisme", response);
        Assert.Contains("Le service installera deux abris vélo au printemps.", response);
        Assert.DoesNotContain("Sofia", response);
        var history = publicView.QuerySelectorAll(".history li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, history.Count);
        Assert.NotNull((await _app.ProposalAsync(id)).FirstAnsweredAt);
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == "proposal.state"));
        Assert.Contains("response.publish", actions);
    }

    [Fact]
    public async Task Forbidden_transitions_and_missing_reasons_are_refused_and_nobody_is_mailed()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var title = "Des toilettes publiques " + Guid.NewGuid().ToString("N")[..6];
        var (id, _, supporterEmail) = await ProposalWithSupporterAsync(spaceId, title);
        var url = $"/propositions/{id}";
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "CarriedOut" });
        Assert.Contains("Ce changement d'état n'est pas possible depuis l'état actuel de la proposition.", page.Errors());
        page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "Merged" });
        Assert.Contains("Une proposition n'est fusionnée que par la modération, avec la proposition qu'elle rejoint.", page.Errors());
        await agent.SubmitAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "UnderStudy" });
        page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "NotRetained", ["reason"] = " " });
        Assert.Contains("Indiquez le motif de cette décision : il est publié avec la proposition.", page.Errors());
        page = await agent.SubmitAndReadAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "NotRetained", ["reason"] = "Motif", ["response"] = new string('r', OfficialResponse.MaxBody + 1) });
        Assert.Contains($"La réponse dépasse {OfficialResponse.MaxBody} caractères.", page.Errors());
        var proposal = await _app.ProposalAsync(id);
        Assert.Equal(ProposalState.UnderStudy, proposal.Status);
        Assert.Equal(0, await _app.InAAsync(db => db.OfficialResponses.CountAsync(r => r.ProposalId == id)));
        await Task.Delay(1000);
        Assert.Single(_app.Smtp.Messages, m => m.Subject!.Contains(title, StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == supporterEmail));
    }

    [Fact]
    public async Task Only_the_studying_service_and_administrators_change_a_state()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => s.ServiceName = "Service des sports");
        var id = await _app.AddProposalAsync(spaceId, "Un city stade", "Pour les jeunes.");
        var url = $"/propositions/{id}";
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form[action*=ChangeState]"));
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await agent.PostAsync($"{url}?handler=ChangeState", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["status"] = "UnderStudy" }));
        Assert.StartsWith("/compte/acces-refuse", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var (citizen, _) = await _app.CitizenClientAsync();
        var citizenToken = (await citizen.GetDocumentAsync(url)).QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await citizen.PostAsync($"{url}?handler=ChangeState", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = citizenToken, ["status"] = "UnderStudy" }));
        Assert.Equal(ProposalState.Published, (await _app.ProposalAsync(id)).Status);
        var admin = await _app.SignedInAsync("admin");
        await admin.SubmitAsync(url, "form[action*=ChangeState]", new Dictionary<string, string?> { ["status"] = "UnderStudy" });
        Assert.Equal(ProposalState.UnderStudy, (await _app.ProposalAsync(id)).Status);
    }

    [Fact]
    public async Task Merging_combines_supporters_once_and_the_duplicate_redirects_permanently()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var a = await _app.AddProposalAsync(spaceId, "Piétonniser la rue du Marché", "Le samedi.");
        var b = await _app.AddProposalAsync(spaceId, "Rue du Marché piétonne", "Le week-end.");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++) clients.Add((await _app.CitizenClientAsync()).Client);
        // Person 0 supports both; 1 only A; 2 only B.
        foreach (var (client, target) in new[] { (clients[0], a), (clients[0], b), (clients[1], a), (clients[2], b) })
            await client.SubmitAsync($"/propositions/{target}", "form[action*=Support]", new Dictionary<string, string?>());
        Assert.Equal(2, (await _app.ProposalAsync(b)).SupportCount);

        var moderator = await _app.SignedInAsync("moderation");
        var refused = await moderator.SubmitAndReadAsync("/moderation/propositions", "form[action*=Merge]", new Dictionary<string, string?> { ["sourceId"] = b.ToString(), ["targetId"] = b.ToString() });
        Assert.Contains("Une proposition ne peut pas être fusionnée avec elle-même.", refused.Errors());
        var elsewhere = await _app.AddProposalAsync(await _app.NewProposalSpaceAsync(), "Ailleurs", "Autre espace.");
        refused = await moderator.SubmitAndReadAsync("/moderation/propositions", "form[action*=Merge]", new Dictionary<string, string?> { ["sourceId"] = b.ToString(), ["targetId"] = elsewhere.ToString() });
        Assert.Contains("On ne fusionne que des propositions du même espace.", refused.Errors());

        var merged = await moderator.SubmitAsync("/moderation/propositions", "form[action*=Merge]", new Dictionary<string, string?> { ["sourceId"] = b.ToString(), ["targetId"] = a.ToString() });
        Assert.Equal($"/propositions/{a}", merged.Headers.Location!.OriginalString);
        Assert.Equal(3, (await _app.ProposalAsync(a)).SupportCount);
        Assert.Equal(3, await _app.SupportRowsAsync(a));
        Assert.Equal(0, await _app.SupportRowsAsync(b));
        var source = await _app.ProposalAsync(b);
        Assert.Equal(ProposalState.Merged, source.Status);
        Assert.Equal(a, source.MergedIntoId);

        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var redirect = await visitor.GetAsync($"/propositions/{b}");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/propositions/{a}", redirect.Headers.Location!.OriginalString);
        var list = await visitor.GetDocumentAsync($"/propositions/espaces/{spaceId}");
        Assert.Null(list.QuerySelector($"a[href='/propositions/{b}']"));
        Assert.Contains("proposal.merge", await _app.InAAsync(db => db.AuditEntries.Where(e => e.TargetId == b.ToString()).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_moderator_hides_a_proposal_with_a_reason_and_restores_it()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var id = await _app.AddProposalAsync(spaceId, "Texte injurieux", "…");
        var moderator = await _app.SignedInAsync("moderation");
        var url = $"/propositions/{id}";
        var page = await moderator.SubmitAndReadAsync(url, "form[action*=Hide]", new Dictionary<string, string?> { ["reason"] = " " });
        Assert.Contains("Indiquez le motif du masquage.", page.Errors());
        await moderator.SubmitAsync(url, "form[action*=Hide]", new Dictionary<string, string?> { ["reason"] = "Propos injurieux" });
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).StatusCode);
        Assert.Contains($"/propositions/{id}", (await moderator.GetDocumentAsync("/moderation/propositions")).QuerySelector("main")!.InnerHtml);
        await moderator.SubmitAsync(url, "form[action*=Restore]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).StatusCode);
    }
}
