using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Platform;

public sealed record NewOrganization(string? Name, string? HostNames, string? AdministratorEmail);

/// <summary>
/// Creates an organization with its host names, its root territory and its first administrator,
/// who receives a link to choose a password. Runs in a scope of its own bound to the new tenant.
/// </summary>
public sealed partial class OrganizationCreator(IServiceScopeFactory scopes, ParvisDbContext db, AuditLog audit, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<Parvis.Resources.SharedResource> text)
{
    /// <param name="firstOperator">From the command line, on an empty installation: the administrator also runs the platform.</param>
    public async Task<Organization> CreateAsync(NewOrganization input, string operatorName, bool firstOperator = false)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw new DomainException("Le nom doit compter de 1 à 200 caractères.");
        var hosts = (input.HostNames ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Trim().ToLowerInvariant()).Distinct().ToList();
        if (hosts.Count == 0) throw new DomainException("Indiquez au moins un nom d'hôte (par exemple participation.ville.fr).");
        var invalid = hosts.FirstOrDefault(h => h.Length > 253 || !HostPattern().IsMatch(h));
        if (invalid is not null) throw DomainException.WithValues("« {0} » n'est pas un nom d'hôte valide.", invalid);
        var taken = await db.OrganizationHosts.Where(h => hosts.Contains(h.HostName)).Select(h => h.HostName).FirstOrDefaultAsync();
        if (taken is not null) throw DomainException.WithValues("Le nom d'hôte « {0} » est déjà utilisé par une collectivité.", taken);
        var email = input.AdministratorEmail?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            throw new DomainException("L'adresse e-mail de l'administrateur n'est pas valide.");

        using var scope = scopes.CreateScope();
        var tenantDb = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        await using var transaction = await tenantDb.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var organization = new Organization { Name = name, Hosts = hosts.Select(h => new OrganizationHost { HostName = h }).ToList() };
        tenantDb.Organizations.Add(organization);
        await tenantDb.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        tenantDb.Territories.Add(new Territory { Name = name, Kind = TerritoryKind.Commune });
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParvisUser>>();
        var admin = new ParvisUser
        {
            OrganizationId = organization.Id,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Pseudonym = "Administration",
            CreatedAt = now,
            IsPlatformOperator = firstOperator,
        };
        var created = await users.CreateAsync(admin);
        if (!created.Succeeded) throw new DomainException(string.Join(" ", created.Errors.Select(e => e.Description)));
        tenantDb.RoleAssignments.Add(new RoleAssignment { UserId = admin.Id, Role = StaffRole.Administrator, GrantedAt = now });
        tenantDb.AuditEntries.Add(new AuditEntry
        {
            ActorName = operatorName + " (opérateur de la plateforme)",
            Action = "organization.create",
            TargetType = nameof(Organization),
            TargetId = organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details = string.Join(", ", hosts),
            At = now,
        });
        var token = await users.GeneratePasswordResetTokenAsync(admin);
        LastInvitationLink = scope.ServiceProvider.GetRequiredService<PublicLinks>()
            .To($"/compte/reinitialiser?userId={admin.Id}&code={Accounts.SignUpModel.Encode(token)}");
        scope.ServiceProvider.GetRequiredService<EmailQueue>().Enqueue(email, text["{0} : votre espace Parvis est ouvert", name],
            $"{text["Bonjour,"]}\n\n{text["L'espace de participation de {0} est ouvert et vous en êtes l'administrateur.", name]}\n{text["Choisissez votre mot de passe en ouvrant ce lien :"]}\n{LastInvitationLink}\n");
        await tenantDb.SaveChangesAsync();
        await transaction.CommitAsync();
        scope.ServiceProvider.GetRequiredService<EmailQueue>().Flush();

        // The operator's own organization keeps a trace as well (none when run from the command line).
        if (db.TenantId == 0) return organization;
        audit.Record("platform.organization.create", nameof(Organization), organization.Id, $"{name} ({string.Join(", ", hosts)})");
        await db.SaveChangesAsync();
        return organization;
    }

    /// <summary>The link sent to the new administrator, for the command line to print.</summary>
    public string? LastInvitationLink { get; private set; }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();
}
