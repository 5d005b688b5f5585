using Microsoft.AspNetCore.Authorization;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Infrastructure.Identity;

public sealed class StatisticsViewingRequirement : IAuthorizationRequirement
{
    public static readonly StatisticsViewingRequirement Instance = new();
}

/// <summary>
/// The one rule of who reads the participation statistics: everyone where the organization made them public, its
/// staff (any role, with the second factor where the organization asks it of staff) otherwise.
/// </summary>
public sealed class StatisticsViewingHandler(TenantContext tenant) : AuthorizationHandler<StatisticsViewingRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StatisticsViewingRequirement requirement)
    {
        var organization = tenant.Organization;
        var staff = context.User.IsStaff() && StaffTwoFactorHandler.Satisfied(organization, context.User);
        if (organization.PublicStatistics || staff) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
