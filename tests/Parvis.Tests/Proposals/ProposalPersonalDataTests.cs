using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class ProposalPersonalDataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_download_holds_the_persons_proposals_and_supports()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var mine = await _app.AddProposalAsync(spaceId, "Ma proposition à moi", "Mon texte.", await _app.UserIdAsync(email));
        var other = await _app.AddProposalAsync(spaceId, "Celle d'un voisin", "Son texte.");
        await client.SubmitAsync($"/propositions/{other}", "form[action*=Support]", new Dictionary<string, string?>());

        using var json = JsonDocument.Parse(await client.GetStringAsync("/compte/donnees/export.json"));
        var root = json.RootElement;
        var proposals = root.GetProperty("proposals").EnumerateArray().ToList();
        Assert.Equal("Ma proposition à moi", Assert.Single(proposals).GetProperty("title").GetString());
        Assert.Equal(other, Assert.Single(root.GetProperty("proposalSupports").EnumerateArray().ToList()).GetProperty("proposalId").GetInt32());
        var html = HtmlClient.Parse(await client.GetStringAsync("/compte/donnees/export.html")).Body!.TextContent;
        Assert.Contains("Ma proposition à moi", html, StringComparison.Ordinal);
        Assert.Contains("Soutiens à des propositions (1)", html, StringComparison.Ordinal);
        Assert.True(mine > 0);
    }

    [Fact]
    public async Task Erasing_an_account_withdraws_its_supports_erases_unanswered_proposals_and_keeps_answered_ones_without_author()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var userId = await _app.UserIdAsync(email);
        var unanswered = await _app.AddProposalAsync(spaceId, "Une idée jamais étudiée", "Texte.", userId);
        var studied = await _app.AddProposalAsync(spaceId, "Une idée étudiée", "Texte gardé.", userId);
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == studied).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalState.UnderStudy)));
        var other = await _app.AddProposalAsync(spaceId, "Une idée d'un voisin", "Texte.");
        await client.SubmitAsync($"/propositions/{other}", "form[action*=Support]", new Dictionary<string, string?>());
        await client.SubmitAsync($"/propositions/{studied}", "form[action*=Support]", new Dictionary<string, string?>());
        Assert.Equal(1, (await _app.ProposalAsync(other)).SupportCount);

        await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "erase", ["Password"] = ParvisFactory.Password });

        Assert.Equal(0, (await _app.ProposalAsync(other)).SupportCount);
        Assert.Equal(0, await _app.InAAsync(db => db.ProposalSupports.CountAsync(s => s.UserId == userId)));
        Assert.False(await _app.InAAsync(db => db.Proposals.AnyAsync(p => p.Id == unanswered)));
        var kept = await _app.ProposalAsync(studied);
        Assert.Null(kept.AuthorId);
        Assert.Equal("Texte gardé.", kept.Body);
        Assert.Equal(0, kept.SupportCount);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/propositions/{studied}");
        Assert.Contains("Participant supprimé", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_persons_proposal_flags_are_in_the_download_and_go_with_the_account_without_counting_any_more()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var userId = await _app.UserIdAsync(email);
        var flagged = await _app.AddProposalAsync(spaceId, "Une idée signalée", "Texte.");
        await client.SubmitAsync($"/propositions/{flagged}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Publicité pour un commerce" });
        // One of their own proposals, flagged by someone else, goes with the account and its flags with it.
        var own = await _app.AddProposalAsync(spaceId, "Ma proposition signalée", "Texte.", userId);
        var (other, _) = await _app.CitizenClientAsync();
        await other.SubmitAsync($"/propositions/{own}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Hors sujet" });

        using (var json = JsonDocument.Parse(await client.GetStringAsync("/compte/donnees/export.json")))
        {
            var flag = Assert.Single(json.RootElement.GetProperty("flags").EnumerateArray().ToList());
            Assert.Equal(("proposition", flagged, "Publicité pour un commerce"),
                (flag.GetProperty("on").GetString(), flag.GetProperty("id").GetInt32(), flag.GetProperty("reason").GetString()));
        }
        Assert.Contains($"proposition n° {flagged}", HtmlClient.Parse(await client.GetStringAsync("/compte/donnees/export.html")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, (await _app.ProposalAsync(flagged)).OpenFlagCount);

        await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "erase", ["Password"] = ParvisFactory.Password });

        Assert.Equal(0, await _app.InAAsync(db => db.ProposalFlags.CountAsync(f => f.UserId == userId || f.ProposalId == own)));
        Assert.Equal(0, (await _app.ProposalAsync(flagged)).OpenFlagCount);
        Assert.False(await _app.InAAsync(db => db.Proposals.AnyAsync(p => p.Id == own)));
    }
}
