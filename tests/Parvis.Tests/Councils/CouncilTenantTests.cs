using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Councils;

/// <summary>Every council table is filtered by organization: nothing of Ville B's council is read, shown or changed from Ville A.</summary>
[Collection(CivicAppCollection.Name)]
public class CouncilTenantTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task No_row_of_another_organization_is_read_through_the_query_filters()
    {
        // Ville B has the demo council: colleges, animator, mandates, an opinion with its vote, agenda items; plus a candidacy here.
        var b = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var council = await db.Councils.FirstAsync();
            var college = await db.CouncilColleges.FirstAsync(c => c.CouncilId == council.Id);
            var user = await db.Users.Select(u => u.Id).FirstAsync();
            db.CouncilCandidacies.Add(Parvis.Domain.CouncilCandidacy.Submit(council.Id, college.Id, user, "Candidate de B", null, DateTime.UtcNow));
            var opinion = await db.CouncilOpinions.FirstAsync(o => o.CouncilId == council.Id);
            var mandate = await db.CouncilMandates.FirstAsync(m => m.CouncilId == council.Id);
            db.CouncilOpinionVotes.Add(new Parvis.Domain.CouncilOpinionVote { OpinionId = opinion.Id, MandateId = mandate.Id, Vote = Parvis.Domain.MemberVote.For });
            var session = await db.Meetings.Where(m => !db.SessionInvitations.Any(i => i.MeetingId == m.Id && i.MandateId == mandate.Id))
                .Select(m => m.Id).FirstAsync();
            db.SessionInvitations.Add(new Parvis.Domain.SessionInvitation
            {
                MeetingId = session,
                MandateId = mandate.Id,
                StartsAt = DateTime.UtcNow,
                SentAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return new
            {
                Councils = await db.Councils.Select(x => x.Id).ToListAsync(),
                Colleges = await db.CouncilColleges.Select(x => x.Id).ToListAsync(),
                Animators = await db.CouncilAnimators.Select(x => x.Id).ToListAsync(),
                Mandates = await db.CouncilMandates.Select(x => x.Id).ToListAsync(),
                Candidacies = await db.CouncilCandidacies.Select(x => x.Id).ToListAsync(),
                Items = await db.CouncilAgendaItems.Select(x => x.Id).ToListAsync(),
                Opinions = await db.CouncilOpinions.Select(x => x.Id).ToListAsync(),
                Votes = await db.CouncilOpinionVotes.Select(x => x.Id).ToListAsync(),
                Invitations = await db.SessionInvitations.Select(x => x.Id).ToListAsync(),
            };
        });
        foreach (var list in new[] { b.Councils, b.Colleges, b.Animators, b.Mandates, b.Candidacies, b.Items, b.Opinions, b.Votes })
            Assert.NotEmpty(list);
        Assert.NotEmpty(b.Invitations);
        await _app.InAAsync(async db =>
        {
            Assert.Empty(await db.Councils.Where(x => b.Councils.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilColleges.Where(x => b.Colleges.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilAnimators.Where(x => b.Animators.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilMandates.Where(x => b.Mandates.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilCandidacies.Where(x => b.Candidacies.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilAgendaItems.Where(x => b.Items.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilOpinions.Where(x => b.Opinions.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.CouncilOpinionVotes.Where(x => b.Votes.Contains(x.Id)).ToListAsync());
            Assert.Empty(await db.SessionInvitations.Where(x => b.Invitations.Contains(x.Id)).ToListAsync());
            return 0;
        });
    }

    [Fact]
    public async Task Pages_and_forms_of_B_are_not_found_from_A()
    {
        var (council, opinion) = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
            (await db.Councils.Select(c => c.Id).FirstAsync(), await db.CouncilOpinions.Select(o => o.Id).FirstAsync()));
        var admin = await _app.SignedInAsync("admin");
        foreach (var url in new[] { $"/conseils/{council}", $"/conseils/avis/{opinion}", $"/conseils/{council}/proposer-un-point", $"/conseils/{council}/candidater",
                     $"/conseils/{council}/animation", $"/conseils/{council}/animation/ordre-du-jour", $"/conseils/{council}/animation/avis", $"/admin/conseils/{council}" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("Ville B", await admin.GetStringAsync("/conseils"), StringComparison.Ordinal);
        // B's own animator signed in on B's host does not animate A's council of the same name.
        var animatorOfB = await _app.SignedInAsync("animation", ParvisFactory.HostB);
        var councilOfA = await _app.DemoCouncilAsync();
        Assert.True(CouncilAuthorizationTests.Denied(await animatorOfB.GetAsync($"/conseils/{councilOfA}/animation")));
        // A's administrator posting to B's council by its number changes nothing there.
        var token = (await admin.GetDocumentAsync($"/admin/conseils/{councilOfA}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await admin.PostAsync($"/admin/conseils/{council}?handler=AddCollege", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["name"] = "Collège intrus",
            ["seats"] = "3",
        }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.CouncilColleges.AnyAsync(c => c.Name == "Collège intrus")));
    }
}
