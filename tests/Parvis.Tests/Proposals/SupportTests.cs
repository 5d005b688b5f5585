using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class SupportTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string url) =>
        client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task Supporting_twice_counts_once_and_withdrawing_takes_it_back()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => s.SupportThreshold = 300);
        var id = await _app.AddProposalAsync(spaceId, "Des arbres rue Gambetta", "De l'ombre en été.");
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/{id}";

        var page = await citizen.SubmitAndReadAsync(url, "form[action*=Support]", new Dictionary<string, string?>());
        Assert.Contains("1 soutien sur 300", page.QuerySelector(".progress")!.TextContent);
        Assert.Equal("1", page.QuerySelector(".progress progress")!.GetAttribute("value"));
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(citizen, token, $"{url}?handler=Support")).StatusCode);
        Assert.Equal(1, (await _app.ProposalAsync(id)).SupportCount);
        Assert.Equal(1, await _app.SupportRowsAsync(id));

        page = await citizen.SubmitAndReadAsync(url, "form[action*=Withdraw]", new Dictionary<string, string?>());
        Assert.Contains("0 soutien sur 300", page.QuerySelector(".progress")!.TextContent);
        // English puts 0 in the plural, French in the singular: one rule per language, not "(s)".
        Assert.Contains("0 supports out of 300", (await citizen.GetDocumentAsync(url + "?culture=en")).QuerySelector(".progress")!.TextContent);
        Assert.Equal(0, (await _app.ProposalAsync(id)).SupportCount);
        Assert.Equal(0, await _app.SupportRowsAsync(id));
        var again = await citizen.SubmitAndReadAsync(url, "form", new Dictionary<string, string?>(), $"{url}?handler=Withdraw");
        Assert.Contains("Vous ne soutenez pas cette proposition.", again.Errors());
        Assert.Equal(0, (await _app.ProposalAsync(id)).SupportCount);
    }

    [Fact]
    public async Task Eight_people_supporting_at_once_count_eight_and_one_person_clicking_twice_at_once_counts_one()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var id = await _app.AddProposalAsync(spaceId, "Une fête de quartier", "Chaque juin.");
        var url = $"/propositions/{id}";
        var people = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            var (client, _) = await _app.CitizenClientAsync();
            people.Add((client, await TokenAsync(client, url)));
        }
        var responses = await Task.WhenAll(people.Select(p => PostAsync(p.Client, p.Token, $"{url}?handler=Support")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(8, (await _app.ProposalAsync(id)).SupportCount);
        Assert.Equal(8, await _app.SupportRowsAsync(id));

        var (same, _) = await _app.CitizenClientAsync();
        var sameToken = await TokenAsync(same, url);
        var twice = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(same, sameToken, $"{url}?handler=Support")));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(9, (await _app.ProposalAsync(id)).SupportCount);
        Assert.Equal(9, await _app.SupportRowsAsync(id));
    }

    [Fact]
    public async Task A_closed_space_refuses_supports_and_withdrawals()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var id = await _app.AddProposalAsync(spaceId, "Un marché du soir", "Le jeudi.");
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/{id}";
        await citizen.SubmitAsync(url, "form[action*=Support]", new Dictionary<string, string?>());
        var token = await TokenAsync(citizen, url);
        await _app.InAAsync(db => db.ProposalSpaces.Where(s => s.Id == spaceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));

        var page = await citizen.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form[action*=Withdraw]"));
        var withdraw = await citizen.PostAsync($"{url}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("Cet espace de propositions est fermé : il n'est plus possible de proposer ni de soutenir.", HtmlClient.Parse(await withdraw.Content.ReadAsStringAsync()).Errors());
        var (other, _) = await _app.CitizenClientAsync();
        var otherPage = await other.GetDocumentAsync(url);
        Assert.Null(otherPage.QuerySelector("form[action*=Support]"));
        var otherToken = (await other.GetDocumentAsync("/compte/securite")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var support = await PostAsync(other, otherToken, $"{url}?handler=Support");
        Assert.Contains("Cet espace de propositions est fermé : il n'est plus possible de proposer ni de soutenir.", HtmlClient.Parse(await support.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(1, (await _app.ProposalAsync(id)).SupportCount);
        Assert.Equal(1, await _app.SupportRowsAsync(id));
    }

    [Fact]
    public async Task Supporting_in_a_space_for_verified_residents_needs_the_verification()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => s.SupportLevel = ParticipationLevel.VerifiedResident);
        var id = await _app.AddProposalAsync(spaceId, "Une boîte à livres", "Au square.");
        var (citizen, email) = await _app.CitizenClientAsync();
        var url = $"/propositions/{id}";
        var page = await citizen.GetDocumentAsync(url);
        Assert.Contains("Pour soutenir, confirmez que vous habitez", page.QuerySelector(".needs")!.TextContent);
        var token = (await citizen.GetDocumentAsync("/compte/securite")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await PostAsync(citizen, token, $"{url}?handler=Support");
        Assert.Contains("Cette action est réservée aux habitants de", string.Join(" ", HtmlClient.Parse(await refused.Content.ReadAsStringAsync()).Errors()));
        Assert.Equal(0, await _app.SupportRowsAsync(id));

        var commune = await _app.InAAsync(db => db.ProposalSpaces.Where(s => s.Id == spaceId).Select(s => s.Territory!.Name).SingleAsync());
        await _app.VerifyAsync(email, residentOf: commune);
        await citizen.SubmitAsync(url, "form[action*=Support]", new Dictionary<string, string?>());
        Assert.Equal(1, await _app.SupportRowsAsync(id));
    }

    [Fact]
    public async Task Another_organization_can_neither_see_nor_support_the_proposal()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var id = await _app.AddProposalAsync(spaceId, "Un jardin partagé", "Derrière la mairie.");
        var citizenB = await _app.NewCitizenAsync(_app.OrganizationB);
        var clientB = _app.ClientFor(ParvisFactory.HostB);
        await clientB.LoginAsync(citizenB);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/propositions/{id}")).StatusCode);
        var token = (await clientB.GetDocumentAsync("/compte/securite")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await PostAsync(clientB, token, $"/propositions/{id}?handler=Support");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await _app.SupportRowsAsync(id));
        var list = await clientB.GetDocumentAsync("/propositions");
        Assert.Null(list.QuerySelector($"a[href='/propositions/espaces/{spaceId}']"));
    }

    [Fact]
    public async Task The_space_lists_proposals_by_support_with_the_threshold_progress_and_pages_by_keyset()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => { s.SupportThreshold = 300; s.ThresholdCommitment = "la collectivité s'engage à étudier la proposition"; });
        var ids = new List<int>();
        for (var i = 0; i < 25; i++) ids.Add(await _app.AddProposalAsync(spaceId, $"Idée numéro {i}", "Texte."));
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == ids[3]).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, 124)));
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync($"/propositions/espaces/{spaceId}");
        Assert.Contains("À 300 soutiens, la collectivité s'engage à étudier la proposition.", page.QuerySelector(".commitment")!.TextContent);
        var first = page.QuerySelector("ol.proposals li")!;
        Assert.Equal($"/propositions/{ids[3]}", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("124 soutiens sur 300", first.TextContent);
        Assert.Equal(20, page.QuerySelectorAll("ol.proposals li").Length);
        var next = page.QuerySelector("a[href*='apres=']")!.GetAttribute("href")!;
        var second = await visitor.GetDocumentAsync(next);
        Assert.Equal(5, second.QuerySelectorAll("ol.proposals li").Length);
        var shown = page.QuerySelectorAll("ol.proposals li h3 a").Concat(second.QuerySelectorAll("ol.proposals li h3 a")).Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(25, shown.Distinct().Count());

        var recent = await visitor.GetDocumentAsync($"/propositions/espaces/{spaceId}?tri=Recent");
        Assert.Equal($"/propositions/{ids[^1]}", recent.QuerySelector("ol.proposals li a")!.GetAttribute("href"));
    }
}
