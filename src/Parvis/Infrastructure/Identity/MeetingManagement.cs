using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Infrastructure.Identity;

/// <summary>
/// Managing meetings: on a <see cref="Meeting"/>, managing that one (its form, agenda, attendance, minutes,
/// cancellation); without one (a page's policy), opening the organizer's pages at all.
/// </summary>
public sealed class MeetingManagementRequirement : IAuthorizationRequirement
{
    public static readonly MeetingManagementRequirement Instance = new();
}

/// <summary>
/// The one rule of who manages a meeting. The staff who run consultations (agents, administrators) manage every
/// meeting, except that a consultation's meeting belongs to that consultation's service, like the consultation
/// itself (<see cref="ServiceStaffHandler"/>). A council's animator manages the sessions of their council that no
/// consultation carries, and nothing else; without a meeting (the pages' policy) any animator may come in, and
/// each meeting is then asked about.
/// </summary>
public sealed class MeetingManagementHandler(ParvisDbContext db) : AuthorizationHandler<MeetingManagementRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MeetingManagementRequirement requirement)
    {
        var user = context.User;
        var meeting = context.Resource as Meeting;
        if (user.IsInRole(nameof(StaffRole.Administrator)) || user.IsInRole(nameof(StaffRole.Agent)))
        {
            if (meeting?.ConsultationId is not { } consultationId) { context.Succeed(requirement); return; }
            var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId);
            if (consultation is not null && await ServiceStaffHandler.AllowsAsync(db, user, consultation, ServiceStaffRequirement.Instance))
            {
                context.Succeed(requirement);
                return;
            }
        }
        if (user.UserId() is not { } userId) return;
        if (meeting is null)
        {
            if (await db.CouncilAnimators.AnyAsync(a => a.UserId == userId)) context.Succeed(requirement);
        }
        else if (meeting.CouncilId is { } councilId && meeting.ConsultationId is null
            && await db.CouncilAnimators.AnyAsync(a => a.CouncilId == councilId && a.UserId == userId))
            context.Succeed(requirement);
    }
}
