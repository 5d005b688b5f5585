using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Projects;

/// <summary>
/// What staff do with a project itself. Who manages a project is the rule outcomes follow (one handler,
/// <see cref="ServiceStaffHandler"/> with <see cref="ServiceStaffRequirement.OrUnassigned"/>): administrators every
/// project, an agent their service's and those without a service; what an agent creates belongs to their service.
/// Each command checks everything before it changes anything, writes its audit entry and saves once.
/// </summary>
public sealed class ProjectCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization)
{
    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Administrator));

    /// <summary>The service whose projects this person manages; null for an administrator (all of them).</summary>
    public async Task<(bool All, string? Service)> ScopeAsync(ClaimsPrincipal user) =>
        IsAdministrator(user) ? (true, null) : (false, await ServiceStaffHandler.AgentServiceAsync(db, user));

    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Project project) =>
        (await authorization.AuthorizeAsync(user, project, ServiceStaffRequirement.OrUnassigned)).Succeeded;

    public async Task<Project> CreateAsync(ClaimsPrincipal user, ProjectDescription input)
    {
        var (all, service) = await ScopeAsync(user);
        // An agent's project is their service's, whatever the form says.
        if (!all) input = input with { ServiceName = service };
        await EnsureTerritoryAsync(input.TerritoryId);
        var project = new Project { Title = "" };
        project.Describe(input, Now);
        db.Projects.Add(project);
        // One transaction: the project and its audit entry (which needs the new id) land together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("project.create", nameof(Project), project.Id, project.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return project;
    }

    public async Task UpdateAsync(ClaimsPrincipal user, int id, ProjectDescription input)
    {
        var project = await FindAsync(user, id);
        var (all, _) = await ScopeAsync(user);
        if (!all) input = input with { ServiceName = project.ServiceName };
        await EnsureTerritoryAsync(input.TerritoryId);
        project.Describe(input, Now);
        audit.Record("project.update", nameof(Project), id, project.Title);
        await db.SaveChangesAsync();
    }

    public async Task PublishAsync(ClaimsPrincipal user, int id, bool publish)
    {
        var project = await FindAsync(user, id);
        if (publish) project.Publish(Now);
        else project.Unpublish(Now);
        audit.Record(publish ? "project.publish" : "project.unpublish", nameof(Project), id, project.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>The project, when it exists here and this person manages it; the page turns the refusal into a 404 or 403.</summary>
    public async Task<Project> FindAsync(ClaimsPrincipal user, int id)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id) ?? throw new ItemNotFoundException();
        if (!await MayManageAsync(user, project)) throw new ItemForbiddenException();
        return project;
    }

    private async Task EnsureTerritoryAsync(int? territoryId)
    {
        if (territoryId is { } t && !await db.Territories.AnyAsync(x => x.Id == t)) throw new DomainException("Ce territoire n'existe pas.");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
