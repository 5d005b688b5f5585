using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Xunit.Abstractions;

namespace Parvis.Tests.Proposals;

/// <summary>A space with 20,000 proposals: a deep keyset page and the similar-proposals step stay bounded reads.</summary>
[Collection(InitiativesAppCollection.Name)]
public class LongSpaceTests(AppFixture fixture, ITestOutputHelper output)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly string[] Words = ["piste", "cyclable", "arbre", "banc", "fontaine", "parc", "école", "marché", "lumière", "trottoir"];

    [Fact]
    public async Task A_deep_page_and_the_similar_step_of_a_20000_proposal_space_answer()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var author = await _app.UserIdAsync(await _app.NewCitizenAsync());
        await _app.InAAsync(async db =>
        {
            var territory = await db.ProposalSpaces.Where(s => s.Id == spaceId).Select(s => s.TerritoryId).SingleAsync();
            db.Proposals.AddRange(Enumerable.Range(0, 20_000).Select(i =>
            {
                var title = $"Idée {i} : {Words[i % 10]} {Words[(i / 10) % 10]}";
                return new Proposal
                {
                    SpaceId = spaceId,
                    Title = title,
                    Body = "Un texte assez court.",
                    TerritoryId = territory,
                    AuthorId = author,
                    CreatedAt = DateTime.UtcNow,
                    State = ModerationState.Published,
                    SupportCount = i % 50,
                    SearchTerms = FrenchText.SearchTerms(title, "Un texte assez court.", Proposal.MaxSearchTerms),
                };
            }));
            return await db.SaveChangesAsync();
        });
        var (client, _) = await _app.CitizenClientAsync();
        await client.GetAsync($"/propositions/espaces/{spaceId}");

        var clock = Stopwatch.StartNew();
        var page = await client.GetDocumentAsync($"/propositions/espaces/{spaceId}?apres=1-5000");
        var deep = clock.ElapsedMilliseconds;
        Assert.Equal(20, page.QuerySelectorAll("ol.proposals li").Length);
        Assert.All(page.QuerySelectorAll("ol.proposals li .progress"), p => Assert.Contains("1 soutien", p.TextContent, StringComparison.Ordinal));

        clock.Restart();
        var similar = await client.SubmitAndReadAsync($"/propositions/espaces/{spaceId}/proposer", "main form[action*=Continue]",
            new Dictionary<string, string?> { ["Input.Title"] = "Une piste cyclable", ["Input.Body"] = "Pour aller au parc." });
        var step = clock.ElapsedMilliseconds;
        Assert.InRange(similar.QuerySelectorAll(".similar-list li").Length, 1, 5);
        output.WriteLine($"20,000 proposals: deep keyset page {deep} ms, similar-proposals step {step} ms");
    }
}
