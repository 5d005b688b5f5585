using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Search;

/// <summary>
/// The search finds only what anyone may read now: never hidden, pending or unconfirmed items, drafts, merged
/// proposals, petitions not yet published, deleted comments, nor anything of another organization; and nothing
/// counts them. Each kind's rule is checked on the item at query time, so a state changed behind the change tracker
/// (ExecuteUpdate, as automatic hiding does) hides the item from search at once.
/// </summary>
[Collection(AppCollection.Name)]
public partial class SearchVisibilityTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Only_what_anyone_may_read_is_found()
    {
        var m = SearchTests.Marker();
        var consultation = await _app.NewOpenConsultationAsync(title: $"Concertation visible {m}");
        await _app.NewOpenConsultationAsync(c => c.PublishedAt = null, $"Concertation brouillon {m}");
        var draft = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        Contribution Contribution(string word, ModerationState state) =>
            new() { ConsultationId = consultation, TerritoryId = 0, Body = $"{word} {m}", State = state, CreatedAt = DateTime.UtcNow };
        var author = await _app.NewCitizenAsync();
        await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == consultation).Select(c => c.TerritoryId).SingleAsync();
            var authorId = await db.Users.Where(u => u.Email == author).Select(u => u.Id).SingleAsync();
            var visible = Contribution("Contributionvisible", ModerationState.Published);
            var hidden = Contribution("Contributionmasquee", ModerationState.Hidden);
            var inDraft = Contribution("Contributionbrouillon", ModerationState.Published);
            inDraft.ConsultationId = draft;
            var all = new[]
            {
                visible, hidden, inDraft, Contribution("Contributionattente", ModerationState.PendingReview),
                Contribution("Contributionnonconfirmee", ModerationState.AwaitingEmail),
                Contribution("Contributionautomasquee", ModerationState.Published),
            };
            foreach (var c in all) c.TerritoryId = territory;
            db.Contributions.AddRange(all);
            await db.SaveChangesAsync();
            Comment Comment(int on, string word, ModerationState state) =>
                new() { ContributionId = on, AuthorId = authorId, Body = $"{word} {m}", State = state, CreatedAt = DateTime.UtcNow };
            var deleted = Comment(visible.Id, "Commentairesupprime", ModerationState.Published);
            deleted.DeletedAt = DateTime.UtcNow;
            db.Comments.AddRange(Comment(visible.Id, "Commentairevisible", ModerationState.Published), deleted,
                Comment(visible.Id, "Commentairemasque", ModerationState.Hidden),
                Comment(hidden.Id, "Commentairesouscontributionmasquee", ModerationState.Published));
            await db.SaveChangesAsync();
            // As automatic hiding does: behind the change tracker, after the text was indexed.
            return await db.Contributions.Where(c => c.Body.StartsWith("Contributionautomasquee"))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ModerationState.Hidden));
        });

        var space = await _app.NewProposalSpaceAsync();
        var hiddenSpace = await _app.NewProposalSpaceAsync(s => s.PublishedAt = null);
        await _app.AddProposalAsync(space, $"Propositionvisible {m}", "Texte.");
        await _app.AddProposalAsync(hiddenSpace, $"Propositionespacebrouillon {m}", "Texte.");
        var hiddenProposal = await _app.AddProposalAsync(space, $"Propositionmasquee {m}", "Texte.");
        var merged = await _app.AddProposalAsync(space, $"Propositionfusionnee {m}", "Texte.");
        await _app.InAAsync(async db =>
        {
            await db.Proposals.Where(p => p.Id == hiddenProposal).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ModerationState.Hidden));
            return await db.Proposals.Where(p => p.Id == merged).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalState.Merged));
        });

        var open = await _app.NewOpenPetitionAsync();
        var draftPetition = await _app.NewDraftAsync();
        var submitted = await _app.NewDraftAsync(adjust: p => p.Status = PetitionStatus.AwaitingModeration);
        var rejected = await _app.NewDraftAsync(adjust: p => p.Status = PetitionStatus.Rejected);
        await _app.InAAsync(async db =>
        {
            foreach (var (id, word) in new[] { (open, "Petitionouverte"), (draftPetition, "Petitionbrouillon"), (submitted, "Petitionenmoderation"), (rejected, "Petitionrejetee") })
            {
                var p = await db.Petitions.SingleAsync(x => x.Id == id);
                p.Title = $"{word} {m}";
            }
            return await db.SaveChangesAsync();
        });

        // Organization B: the same word, on its own items.
        var b = _app.OrganizationB;
        await _app.InOrganizationAsync(b, async (db, _) =>
        {
            var c = await db.Consultations.Where(x => x.PublishedAt != null).FirstAsync();
            db.Contributions.Add(new Contribution { ConsultationId = c.Id, TerritoryId = c.TerritoryId, Body = $"Contributionautrecollectivite {m}", State = ModerationState.Published, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var expected = new[] { "Concertation visible", "Contributionvisible", "Commentairevisible", "Propositionvisible", "Petitionouverte" };
        foreach (var client in new[] { _app.ClientFor(ParvisFactory.HostA), await _app.SignedInAsync("admin") })
        {
            var found = await SearchTests.ResultsAsync(client, m);
            Assert.Equal(expected.Order(), found.Select(f => expected.SingleOrDefault(e => f.Contains(e, StringComparison.Ordinal)) ?? f.Trim()).Order());
        }
        // Other kinds' filters and later pages show nothing more either.
        var comments = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/recherche?q={m}&type=commentaires");
        Assert.Contains("Commentairevisible", Assert.Single(comments.QuerySelectorAll(".search-results li")).TextContent, StringComparison.Ordinal);
        var fromB = await SearchTests.ResultsAsync(_app.ClientFor(ParvisFactory.HostB), m);
        Assert.Contains("Contributionautrecollectivite", Assert.Single(fromB), StringComparison.Ordinal);
    }
}
