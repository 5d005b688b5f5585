using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Api;

/// <summary>The API shows what the pages show anyone: nothing hidden, pending, unconfirmed, unpublished or of another organization.</summary>
[Collection(PlatformAppCollection.Name)]
public class ApiVisibilityTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<Guid> UserIdAsync(string email, Organization? organization = null) =>
        _app.InOrganizationAsync(organization ?? _app.OrganizationA, (db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task AssertNotFoundAsync(string url, string host = ParvisFactory.HostA)
    {
        var response = await _app.Api(host).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Contributions_hidden_pending_or_unconfirmed_and_those_of_an_unpublished_consultation_never_appear()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var states = new[] { ModerationState.Published, ModerationState.Hidden, ModerationState.PendingReview, ModerationState.AwaitingEmail };
        var ids = await _app.AddContributionsAsync(consultation, states.Length, (c, i) => c.State = states[i]);
        var draft = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        var inDraft = (await _app.AddContributionsAsync(draft, 1))[0];

        var listed = await _app.Api().WalkAsync($"/api/v1/contributions?consultation={consultation}");
        Assert.Equal(new long[] { ids[0] }, listed.Ids());
        foreach (var id in ids.Skip(1).Append(inDraft)) await AssertNotFoundAsync($"/api/v1/contributions/{id}");
        Assert.Empty(await _app.Api().WalkAsync($"/api/v1/contributions?consultation={draft}"));
        await AssertNotFoundAsync($"/api/v1/consultations/{draft}");
        Assert.DoesNotContain((long)draft, (await _app.Api().WalkAsync("/api/v1/consultations?limit=200")).Ids());
        Assert.DoesNotContain((long)inDraft, (await _app.Api().WalkAsync("/api/v1/contributions?limit=200")).Ids());
        // Its questions come with it, in their order.
        var shown = await _app.Api().GetJsonAsync($"/api/v1/consultations/{consultation}");
        Assert.Equal(["Première question ?", "Deuxième question ?"],
            shown.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Comments_pending_hidden_or_deleted_and_those_under_a_hidden_contribution_never_appear()
    {
        var author = await UserIdAsync(await _app.NewCitizenAsync());
        var consultation = await _app.NewOpenConsultationAsync();
        var contributions = await _app.AddContributionsAsync(consultation, 2, (c, i) => c.State = i == 0 ? ModerationState.Published : ModerationState.Hidden);
        var comments = await _app.InAAsync(async db =>
        {
            Comment New(int contribution, ModerationState state, DateTime? deleted = null) => new()
            {
                ContributionId = contribution,
                AuthorId = author,
                Body = "Avis " + state,
                CreatedAt = DateTime.UtcNow,
                State = state,
                DeletedAt = deleted,
            };
            var list = new[]
            {
                New(contributions[0], ModerationState.Published), New(contributions[0], ModerationState.PendingReview),
                New(contributions[0], ModerationState.Hidden), New(contributions[0], ModerationState.Published, DateTime.UtcNow),
                New(contributions[1], ModerationState.Published),
            };
            db.Comments.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(c => c.Id).ToList();
        });

        Assert.Equal(new[] { comments[0] }, (await _app.Api().WalkAsync($"/api/v1/comments?contribution={contributions[0]}")).Ids());
        Assert.Empty(await _app.Api().WalkAsync($"/api/v1/comments?contribution={contributions[1]}"));
        Assert.DoesNotContain(comments[4], (await _app.Api().WalkAsync("/api/v1/comments?limit=200")).Ids());
    }

    [Fact]
    public async Task Authors_are_named_as_on_the_pages_never_with_more_than_the_display_chosen()
    {
        var email = await _app.NewCitizenAsync(firstName: "Apolline", lastName: "Zyrkowska");
        var author = await UserIdAsync(email);
        var pseudonym = await _app.InAAsync(db => db.Users.Where(u => u.Id == author).Select(u => u.Pseudonym).SingleAsync());
        var consultation = await _app.NewOpenConsultationAsync();
        var displays = new DisplayIdentity?[] { null, DisplayIdentity.PartialName, DisplayIdentity.Anonymous };
        var ids = await _app.AddContributionsAsync(consultation, 3, (c, i) => { c.AuthorId = author; c.DisplayAs = displays[i]; });
        var offline = (await _app.AddContributionsAsync(consultation, 1, (c, _) => { c.OfflineAuthorName = "Mme Registre"; c.Channel = Channel.PaperRegister; }))[0];
        await _app.InAAsync(async db =>
        {
            db.Comments.Add(new Comment { ContributionId = ids[1], AuthorId = author, Body = "Réponse", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var byId = (await _app.Api().WalkAsync($"/api/v1/contributions?consultation={consultation}"))
            .ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(pseudonym, byId[ids[0]]);
        Assert.Equal("Apolline Z.", byId[ids[1]]);
        Assert.Equal("Anonyme", byId[ids[2]]);
        Assert.Equal("Mme Registre", byId[offline]);
        // A comment shows its author the space's default way (the pseudonym here), as under the contribution.
        var comment = Assert.Single(await _app.Api().WalkAsync($"/api/v1/comments?contribution={ids[1]}"));
        Assert.Equal(pseudonym, comment.GetProperty("author").GetProperty("name").GetString());
        var raw = await _app.Api().GetStringAsync($"/api/v1/contributions?consultation={consultation}");
        Assert.DoesNotContain("Zyrkowska", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(email, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposals_hidden_merged_or_of_an_unpublished_space_and_unpublished_petitions_never_appear()
    {
        var space = await _app.NewProposalSpaceAsync();
        var hiddenSpace = await _app.NewProposalSpaceAsync(s => s.PublishedAt = null);
        var shown = await _app.AddProposalAsync(space, "Des bancs", "Sur la place.");
        var hidden = await _app.AddProposalAsync(space, "Masquée", "Texte.");
        var merged = await _app.AddProposalAsync(space, "Fusionnée", "Texte.");
        var inDraftSpace = await _app.AddProposalAsync(hiddenSpace, "Brouillon", "Texte.");
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ModerationState.Hidden)));
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == merged).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalState.Merged)));

        Assert.Equal(new long[] { shown }, (await _app.Api().WalkAsync($"/api/v1/proposals?space={space}")).Ids());
        foreach (var id in new[] { hidden, merged, inDraftSpace }) await AssertNotFoundAsync($"/api/v1/proposals/{id}");

        var open = await _app.NewOpenPetitionAsync();
        var draft = await _app.NewDraftAsync();
        var awaiting = await _app.NewDraftAsync(adjust: p => p.Status = PetitionStatus.AwaitingModeration);
        var rejected = await _app.NewDraftAsync(adjust: p => p.Status = PetitionStatus.Rejected);
        var petitions = (await _app.Api().WalkAsync("/api/v1/petitions?limit=200")).Ids();
        Assert.Contains((long)open, petitions);
        foreach (var id in new[] { draft, awaiting, rejected })
        {
            Assert.DoesNotContain((long)id, petitions);
            await AssertNotFoundAsync($"/api/v1/petitions/{id}");
        }
        var petition = await _app.Api().GetJsonAsync($"/api/v1/petitions/{open}");
        Assert.Equal(0, petition.GetProperty("signatureCount").GetInt64());
        Assert.Equal(10, petition.GetProperty("responseThreshold").GetInt32());
    }

    [Fact]
    public async Task Another_organizations_items_are_not_reachable_from_this_host()
    {
        var b = _app.OrganizationB;
        var (consultationB, contributionB, territoryB) = await _app.InOrganizationAsync(b, async (db, _) =>
        {
            var territory = await db.Territories.Select(t => t.Id).FirstAsync();
            var consultation = await db.Consultations.Where(c => c.PublishedAt != null).Select(c => c.Id).FirstAsync();
            var contribution = new Contribution { ConsultationId = consultation, TerritoryId = territory, Body = "De B", CreatedAt = DateTime.UtcNow };
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync();
            return (consultation, contribution.Id, territory);
        });
        // Readable on B's own host…
        await _app.Api(ParvisFactory.HostB).GetJsonAsync($"/api/v1/contributions/{contributionB}");
        // …never on A's.
        await AssertNotFoundAsync($"/api/v1/contributions/{contributionB}");
        await AssertNotFoundAsync($"/api/v1/consultations/{consultationB}");
        await AssertNotFoundAsync($"/api/v1/territories/{territoryB}");
        Assert.DoesNotContain((long)contributionB, (await _app.Api().WalkAsync("/api/v1/contributions?limit=200")).Ids());
        Assert.DoesNotContain((long)territoryB, (await _app.Api().WalkAsync("/api/v1/territories?limit=200")).Ids());
    }

    [Fact]
    public async Task An_outcome_lists_only_the_linked_items_the_public_may_see_and_an_unpublished_one_is_not_found()
    {
        var territory = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync();
        var contributions = await _app.AddContributionsAsync(consultation, 2, (c, i) => c.State = i == 0 ? ModerationState.Published : ModerationState.Hidden);
        var outcome = await _app.NewOutcomeAsync(territory);
        await _app.LinkAsync(outcome, OutcomeSubjectKind.Contribution, contributions[0]);
        await _app.LinkAsync(outcome, OutcomeSubjectKind.Contribution, contributions[1]);
        var unpublished = await _app.NewOutcomeAsync(territory, published: false);

        var shown = await _app.Api().GetJsonAsync($"/api/v1/outcomes/{outcome}");
        var link = Assert.Single(shown.GetProperty("links").EnumerateArray());
        Assert.Equal(contributions[0], link.GetProperty("subjectId").GetInt32());
        Assert.Equal("Contribution", link.GetProperty("kind").GetString());
        await AssertNotFoundAsync($"/api/v1/outcomes/{unpublished}");
    }
}
