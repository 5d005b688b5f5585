using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

/// <summary>Following up proposals is a staff power: like every other, it needs the second factor when the organization asks for one.</summary>
[Collection(InitiativesAppCollection.Name)]
public class FollowUpSecondFactorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_agent_signed_in_without_the_required_second_factor_cannot_change_a_proposals_state()
    {
        var space = await _app.NewProposalSpaceAsync(organization: _app.OrganizationB);
        var proposal = await _app.AddProposalAsync(space, "Des bancs au square", "Des bancs à l'ombre pour les personnes âgées.", organization: _app.OrganizationB);
        var email = await _app.NewCitizenAsync(_app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = StaffRole.Agent, ServiceName = "Service urbanisme", GrantedAt = DateTime.UtcNow });
            (await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationB.Id)).RequireTwoFactorForStaff = true;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
        try
        {
            var agent = _app.ClientFor(ParvisFactory.HostB);
            await agent.LoginAsync(email);
            var page = await agent.GetDocumentAsync($"/propositions/{proposal}");
            Assert.Null(page.QuerySelector("form[action*=ChangeState]"));
            var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var answer = await agent.PostAsync($"/propositions/{proposal}?handler=ChangeState", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["status"] = "UnderStudy",
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Contains("/compte/acces-refuse", answer.Headers.Location?.OriginalString, StringComparison.Ordinal);
            var stored = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Proposals.Where(p => p.Id == proposal).Select(p => p.Status).SingleAsync());
            Assert.Equal(ProposalState.Published, stored);
        }
        finally
        {
            await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
            {
                (await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationB.Id)).RequireTwoFactorForStaff = false;
                return await db.SaveChangesAsync();
            });
            _app.ForgetOrganizationCache(ParvisFactory.HostB);
        }
    }
}
