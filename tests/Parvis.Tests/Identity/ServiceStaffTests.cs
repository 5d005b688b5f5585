using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

/// <summary>
/// "The service's staff" is one rule for every item a service carries: administrators, and the agents of that
/// service; never an agent of another service, a moderator or a citizen; an unassigned item only where the rule opens it.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public class ServiceStaffTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    public static TheoryData<string> Items => ["consultation", "proposal space", "request", "outcome"];

    [Theory]
    [MemberData(nameof(Items))]
    public async Task Only_administrators_and_the_agents_of_the_items_service_pass(string kind)
    {
        IServiceOwned item = Item(kind, "Service voirie");
        Assert.True(await AllowedAsync("admin", StaffRole.Administrator, item, ServiceStaffRequirement.Instance));
        Assert.True(await AllowedAsync("voirie", StaffRole.Agent, item, ServiceStaffRequirement.Instance));
        Assert.False(await AllowedAsync("agent", StaffRole.Agent, item, ServiceStaffRequirement.Instance));
        Assert.False(await AllowedAsync("moderation", StaffRole.Moderator, item, ServiceStaffRequirement.Instance));
        Assert.False(await AllowedAsync("habitant", null, item, ServiceStaffRequirement.Instance));
    }

    [Fact]
    public async Task An_item_without_a_service_is_the_administrators_unless_the_rule_opens_it_to_every_agent()
    {
        var unassigned = Item("outcome", null);
        Assert.True(await AllowedAsync("admin", StaffRole.Administrator, unassigned, ServiceStaffRequirement.Instance));
        Assert.False(await AllowedAsync("agent", StaffRole.Agent, unassigned, ServiceStaffRequirement.Instance));
        Assert.True(await AllowedAsync("agent", StaffRole.Agent, unassigned, ServiceStaffRequirement.OrUnassigned));
        Assert.False(await AllowedAsync("moderation", StaffRole.Moderator, unassigned, ServiceStaffRequirement.OrUnassigned));
    }

    private static IServiceOwned Item(string kind, string? service) => kind switch
    {
        "consultation" => new Consultation { Title = "C", ServiceName = service },
        "proposal space" => new ProposalSpace { Title = "P", ServiceName = service },
        "request" => new ServiceRequest { ServiceName = service!, Description = "D" },
        _ => new Outcome { Title = "O", ServiceName = service },
    };

    private Task<bool> AllowedAsync(string localPart, StaffRole? role, IServiceOwned item, ServiceStaffRequirement requirement) =>
        _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var email = $"{localPart}@{ParvisFactory.DomainA}";
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()) };
            if (role is not null) claims.Add(new Claim(ClaimTypes.Role, role.Value.ToString()));
            var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
            return (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, item, requirement)).Succeeded;
        });
}
