using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Admin;

public class RolesModel(ParvisDbContext db, UserManager<ParvisUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Email, string Pseudonym, StaffRole Role, string? Territory, string? Service);

    public List<Row> Assignments { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<(int Id, string Title)> Consultations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Territories = await TerritoryTree.OptionsAsync(db);
        Consultations = (await db.Consultations.AsNoTracking().OrderBy(c => c.Title).Select(c => new { c.Id, c.Title }).ToListAsync()).Select(c => (c.Id, c.Title)).ToList();
        Assignments = await db.RoleAssignments.AsNoTracking().OrderBy(r => r.Role)
            .Select(r => new Row(r.Id,
                db.Users.Where(u => u.Id == r.UserId).Select(u => u.Email!).FirstOrDefault() ?? "?",
                db.Users.Where(u => u.Id == r.UserId).Select(u => u.Pseudonym).FirstOrDefault() ?? "?",
                r.Role,
                db.Territories.Where(t => t.Id == r.TerritoryId).Select(t => t.Name).FirstOrDefault()
                    ?? db.Consultations.Where(c => c.Id == r.ConsultationId).Select(c => c.Title).FirstOrDefault(),
                r.ServiceName))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostGrantAsync(string? email, StaffRole role, int? territoryId, int? consultationId, string? serviceName)
    {
        if (!Enum.IsDefined(role)) ModelState.AddModelError("role", "Choisissez un rôle de la liste.");
        if (territoryId is not null && consultationId is not null)
            ModelState.AddModelError("consultationId", "Un modérateur est limité à un territoire ou à une concertation, pas aux deux.");
        if (consultationId is not null && !await db.Consultations.AnyAsync(c => c.Id == consultationId)) ModelState.AddModelError("consultationId", "Cette concertation n'existe pas.");
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null) ModelState.AddModelError("email", "Aucun compte de la collectivité n'a cette adresse e-mail.");
        if (serviceName is { Length: > 200 }) ModelState.AddModelError("serviceName", "Le nom du service dépasse 200 caractères.");
        if (territoryId is not null && !await db.Territories.AnyAsync(t => t.Id == territoryId)) ModelState.AddModelError("territoryId", "Ce territoire n'existe pas.");
        if (user is not null && await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.Role == role))
            ModelState.AddModelError("role", "Cette personne a déjà ce rôle.");
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        db.RoleAssignments.Add(new RoleAssignment
        {
            UserId = user!.Id,
            Role = role,
            TerritoryId = role == StaffRole.Moderator ? territoryId : null,
            ConsultationId = role == StaffRole.Moderator ? consultationId : null,
            ServiceName = role == StaffRole.Agent && !string.IsNullOrWhiteSpace(serviceName) ? serviceName.Trim() : null,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record("role.grant", "User", user.Id, $"{role} → {user.Email}");
        await db.SaveChangesAsync();
        TempData["Message"] = "Rôle attribué. Il prend effet à la prochaine connexion de la personne.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == id);
        if (assignment is null) return RedirectToPage();
        db.RoleAssignments.Remove(assignment);
        audit.Record("role.revoke", "User", assignment.UserId, assignment.Role.ToString());
        await db.SaveChangesAsync();
        // A new security stamp makes the revoked role fall off open sessions within the validation interval.
        var user = await users.FindByIdAsync(assignment.UserId.ToString());
        if (user is not null) await users.UpdateSecurityStampAsync(user);
        TempData["Message"] = "Rôle retiré.";
        return RedirectToPage();
    }
}
