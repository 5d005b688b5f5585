using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Budgets;

/// <summary>Voting on a budget without JavaScript: one ballot per person, replaced until the vote closes, checked by its form.</summary>
[Collection(CivicAppCollection.Name)]
public class BudgetVotingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_citizen_votes_then_replaces_their_ballot_until_the_vote_closes()
    {
        var b = await _app.NewBudgetAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(b.Url);
        // Only the feasible projects are on the ballot; the one set aside is shown with its reason.
        var boxes = page.QuerySelectorAll($"{BudgetData.BallotForm} input[type=checkbox]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([b.A.Text(), b.B.Text(), b.C.Text()], boxes);
        Assert.Contains("Terrain inondable.", page.Body!.TextContent, StringComparison.Ordinal);

        var response = await client.VoteAsync(b.Url, BudgetData.Choice(b.A), BudgetData.Choice(b.B));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var userId = await _app.UserIdAsync(email);
        var ballot = Assert.Single(await _app.BallotsAsync(b.Id));
        Assert.Equal(userId, ballot.User);
        Assert.Equal(new Dictionary<int, int> { [b.A] = 1, [b.B] = 1 }, ballot.Choices);

        response = await client.VoteAsync(b.Url, BudgetData.Choice(b.C));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        ballot = Assert.Single(await _app.BallotsAsync(b.Id));
        Assert.Equal(new Dictionary<int, int> { [b.C] = 1 }, ballot.Choices);
        page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Votre bulletin a été remplacé.", page.Body!.TextContent, StringComparison.Ordinal);
        // The page ticks what was saved.
        Assert.Equal([b.C.Text()], page.QuerySelectorAll($"{BudgetData.BallotForm} input:checked").Select(i => i.GetAttribute("value")));

        await _app.InAAsync(async db =>
        {
            var budget = await db.Budgets.SingleAsync(x => x.Id == b.Id);
            budget.VoteUntil = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        response = await client.PostAsync(b.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Choices", b.A.Text())]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le vote de ce budget n'est pas ouvert : il n'est pas possible de voter.", BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(new Dictionary<int, int> { [b.C] = 1 }, Assert.Single(await _app.BallotsAsync(b.Id)).Choices);
    }

    [Fact]
    public async Task A_basket_over_the_budget_is_refused_in_French_and_nothing_is_saved()
    {
        var b = await _app.NewBudgetAsync(BudgetVoteForm.Knapsack);
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.VoteAsync(b.Url, BudgetData.Choice(b.A), BudgetData.Choice(b.B), BudgetData.Choice(b.C));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = BudgetData.Page(await response.Content.ReadAsStringAsync());
        Assert.Contains("Votre sélection coûte 110 €, plus que le budget de 100 € : retirez un projet.", page.Errors());
        // What was ticked is shown again, to be corrected.
        Assert.Equal(3, page.QuerySelectorAll($"{BudgetData.BallotForm} input:checked").Length);
        Assert.Empty(await _app.BallotsAsync(b.Id));

        // A valid basket, then an invalid replacement: the first stays whole.
        Assert.Equal(HttpStatusCode.Redirect, (await client.VoteAsync(b.Url, BudgetData.Choice(b.A), BudgetData.Choice(b.B))).StatusCode);
        response = await client.VoteAsync(b.Url, BudgetData.Choice(b.A), BudgetData.Choice(b.B), BudgetData.Choice(b.C));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Dictionary<int, int> { [b.A] = 1, [b.B] = 1 }, Assert.Single(await _app.BallotsAsync(b.Id)).Choices);
        page = await client.GetDocumentAsync(b.Url);
        Assert.Contains("Sélection enregistrée : 90 €.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Points_are_kept_within_their_limits_and_a_project_off_the_ballot_is_refused()
    {
        var b = await _app.NewBudgetAsync(BudgetVoteForm.Cumulative);
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.VoteAsync(b.Url, BudgetData.Points(b.A, 3), BudgetData.Points(b.B, 3));
        Assert.Contains("Vous avez donné 6 points : au plus 5 en tout.", BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        response = await client.VoteAsync(b.Url, BudgetData.Points(b.A, 4));
        Assert.Contains("Donnez de 1 à 3 points par projet choisi.", BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        response = await client.VoteAsync(b.Url, BudgetData.Points(b.Unfeasible, 1));
        Assert.Contains("Un des projets choisis ne fait pas partie de ce vote.", BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        response = await client.VoteAsync(b.Url, ("Points_" + b.A.Text(), "beaucoup"));
        Assert.Contains("Les points s'écrivent en nombres entiers, de 0 au maximum indiqué.",
            BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Empty(await _app.BallotsAsync(b.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await client.VoteAsync(b.Url, BudgetData.Points(b.A, 3), BudgetData.Points(b.C, 2), BudgetData.Points(b.B, 0))).StatusCode);
        Assert.Equal(new Dictionary<int, int> { [b.A] = 3, [b.C] = 2 }, Assert.Single(await _app.BallotsAsync(b.Id)).Choices);
    }

    [Fact]
    public async Task A_person_the_budget_does_not_admit_is_refused_and_anonymous_visitors_are_asked_to_sign_in()
    {
        var b = await _app.NewBudgetAsync(adjust: x =>
        {
            x.VoteLevel = ParticipationLevel.VerifiedResident;
        });
        await _app.InAAsync(async db =>
        {
            var budget = await db.Budgets.SingleAsync(x => x.Id == b.Id);
            budget.TerritoryId = await db.Territories.Where(t => t.Name == "Les Rives").Select(t => t.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        var (client, email) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(b.Url);
        Assert.Null(page.QuerySelector(BudgetData.BallotForm));
        Assert.Contains("Cette action est réservée aux habitants de Les Rives dont la résidence est vérifiée.", page.Body!.TextContent, StringComparison.Ordinal);
        var response = await client.VoteAsync(b.Url, BudgetData.Choice(b.A));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cette action est réservée aux habitants de Les Rives dont la résidence est vérifiée.",
            BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Empty(await _app.BallotsAsync(b.Id));

        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        response = await anonymous.VoteAsync(b.Url, BudgetData.Choice(b.A));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await _app.BallotsAsync(b.Id));

        // Verified as a resident of the Rives, the same person votes.
        await _app.VerifyAsync(email, residentOf: "Les Rives");
        Assert.Equal(HttpStatusCode.Redirect, (await client.VoteAsync(b.Url, BudgetData.Choice(b.A))).StatusCode);
        Assert.Single(await _app.BallotsAsync(b.Id));
    }

    [Fact]
    public async Task Another_organization_s_budget_and_a_draft_are_not_found()
    {
        var other = await _app.NewBudgetAsync(organization: _app.OrganizationB);
        var draft = await _app.NewBudgetAsync(adjust: x => x.PublishedAt = null);
        var (client, _) = await _app.CitizenClientAsync();
        var admin = await _app.SignedInAsync("admin");
        foreach (var b in new[] { other, draft })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(b.Url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(b.Results)).StatusCode);
            var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var post = await client.PostAsync(b.Url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Choices", b.A.Text())]));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(other.Results + "?handler=Pb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/budgets/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/budgets/projets/{other.A}")).StatusCode);
        var list = await client.GetDocumentAsync("/budgets");
        Assert.DoesNotContain(list.QuerySelectorAll("a"), a => a.GetAttribute("href") == other.Url || a.GetAttribute("href") == draft.Url);
        Assert.Empty(await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.BudgetBallots.Where(x => x.BudgetId == other.Id).ToListAsync()));
    }
}
