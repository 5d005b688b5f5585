using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Handling requests is a staff power: it needs the second factor when the organization asks for one.</summary>
[Collection(InitiativesAppCollection.Name)]
public class HandlingSecondFactorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_voirie_agent_signed_in_without_the_required_second_factor_neither_sees_the_queue_nor_moves_a_request()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire de Ville B"), reporterEmail: "b@example.org", organization: _app.OrganizationB);
        var email = await _app.NewCitizenAsync(_app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = StaffRole.Agent, ServiceName = HandlingData.Voirie, GrantedAt = DateTime.UtcNow });
            (await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationB.Id)).RequireTwoFactorForStaff = true;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
        try
        {
            var agent = _app.ClientFor(ParvisFactory.HostB);
            await agent.LoginAsync(email);
            Assert.Contains("/compte/acces-refuse", (await agent.GetAsync("/guichet")).Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Contains("/compte/acces-refuse", (await agent.GetAsync($"/guichet/{id}")).Headers.Location?.OriginalString, StringComparison.Ordinal);
            var token = (await agent.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var answer = await agent.PostAsync($"/guichet/{id}?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["status"] = nameof(RequestStatus.Resolved),
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Contains("/compte/acces-refuse", answer.Headers.Location?.OriginalString, StringComparison.Ordinal);
            var stored = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
            Assert.Equal(RequestStatus.Submitted, stored);
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
