using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Demo;

/// <summary>On a first start, creates "Ville de Démo" with an account per role and a consultation in each phase and legal frame.</summary>
public static partial class DemoSeeder
{
    /// <summary>Demo organization only: written in the README so a newcomer can try every role.</summary>
    public const string Password = "demo-parvis-2026";

    public static async Task SeedIfEmptyAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Demo data (with its published passwords) only where asked for: by default in Development,
        // which is what `dotnet run` starts; a production installation starts empty.
        if (!configuration.GetValue("Demo:Seed", environment.IsDevelopment())) return;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        if (await db.Organizations.AnyAsync()) return;
        var org = await SeedAsync(scope.ServiceProvider, DateTime.UtcNow, "Ville de Démo", ["localhost", "127.0.0.1"]);
        await DemoFranceConnect.EnableAsync(scope.ServiceProvider, configuration, org);
    }

    public static async Task<Organization> SeedAsync(IServiceProvider services, DateTime now, string name, string[] hosts, string emailDomain = "demo.parvis.localhost")
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var org = new Organization
        {
            Name = name,
            ContactEmail = $"participation@{emailDomain}",
            RequireTwoFactorForStaff = false,
            // The demo shows its participation statistics to everyone (/statistiques); a new organization keeps them for staff.
            PublicStatistics = true,
            CharterMarkdown = Charter,
            // Shown on /confidentialite and /admin/registre; the retention job applies them every hour.
            Retention = new RetentionSettings { InactiveAccountMonths = 36, FraudIpDays = 30, AnonymousEmailDays = 30 },
            Hosts = hosts.Select(h => new OrganizationHost { HostName = h }).ToList(),
        };
        org.Legal.DescribeAccessibility(82, DateOnly.FromDateTime(now.AddMonths(-2)), "la mission numérique de la ville",
            NonCompliances, "- Les cartes des signalements : la liste des signalements en donne le même contenu.",
            null, now);
        org.Legal.DescribeLegalNotice($"{name}\nHôtel de ville, 1 place de la Mairie\n01 23 45 67 89",
            "Le maire de " + name, "Hébergement de démonstration, sur la machine qui fait tourner Parvis", null);
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        services.GetRequiredService<TenantContext>().Set(org);

        var agglo = new Territory { Name = "Démo Agglomération", Kind = TerritoryKind.Agglomeration, BoundaryGeoJson = Box(2.30, 48.80, 2.40, 48.90) };
        var commune = new Territory { Name = name, Kind = TerritoryKind.Commune, Parent = agglo, BoundaryGeoJson = Box(2.32, 48.82, 2.38, 48.88) };
        var gare = new Territory { Name = "Quartier de la Gare", Kind = TerritoryKind.Quartier, Parent = commune, BoundaryGeoJson = Box(2.32, 48.82, 2.35, 48.85) };
        var centre = new Territory { Name = "Centre-ville", Kind = TerritoryKind.Quartier, Parent = commune, BoundaryGeoJson = Box(2.35, 48.85, 2.38, 48.88) };
        var rives = new Territory { Name = "Les Rives", Kind = TerritoryKind.Quartier, Parent = commune, BoundaryGeoJson = Box(2.35, 48.82, 2.38, 48.85) };
        db.Territories.AddRange(agglo, commune, gare, centre, rives);
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserManager<ParvisUser>>();
        async Task<ParvisUser> Account(string email, string pseudonym, string first, string last, StaffRole? role = null, string? service = null)
        {
            var user = new ParvisUser { OrganizationId = org.Id, UserName = email, Email = email, EmailConfirmed = true, Pseudonym = pseudonym, FirstName = first, LastName = last, CreatedAt = now };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            if (role is not null) db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role.Value, ServiceName = service, GrantedAt = now });
            return user;
        }
        var admin = await Account("admin@" + emailDomain, "Administration", "Claire", "Martin", StaffRole.Administrator);
        admin.IsPlatformOperator = true;
        await users.UpdateAsync(admin);
        await Account("moderation@" + emailDomain, "Modération", "Hugo", "Bernard", StaffRole.Moderator);
        var agent = await Account("agent@" + emailDomain, "Agent urbanisme", "Sofia", "Petit", StaffRole.Agent, "Service urbanisme");
        var voirie = await Account("voirie@" + emailDomain, "Agent voirie", "Paul", "Lefèvre", StaffRole.Agent, "Service voirie");
        var elected = await Account("elu@" + emailDomain, "Adjoint à la participation", "Marc", "Durand", StaffRole.ElectedOfficial);
        // No staff role: animates the conseil de quartier de la Gare, and nothing else.
        var animator = await Account("animation@" + emailDomain, "Animation Gare", "Nadia", "Girard");
        var citizens = new List<ParvisUser>
        {
            await Account("habitant@" + emailDomain, "Arnaud_gare", "Arnaud", "Roussel"),
            await Account("lea@" + emailDomain, "Léa des Rives", "Léa", "Moreau"),
            await Account("karim@" + emailDomain, "KarimVélo", "Karim", "Haddad"),
            await Account("jeanne@" + emailDomain, "Jeanne B.", "Jeanne", "Blanc"),
        };
        await db.SaveChangesAsync();
        await SeedIdentityAsync(db, org, now, [gare, centre, rives], citizens[3], agent);
        await SeedConsultationsAsync(db, services.GetRequiredService<Infrastructure.Files.IFileStorage>(), now, commune, gare, centre, rives, citizens, agent, elected);
        await DemoMeetings.SeedAsync(db, now, gare, citizens, agent);
        await DemoStatements.SeedAsync(db, now, commune, citizens, agent);
        await DemoSynthesis.SeedAsync(services, db, now);
        await SeedOutcomesAsync(db, now, agent, elected);
        await SeedCouncilsAsync(db, now, gare, citizens, animator, agent, elected);
        await DemoPetitions.SeedAsync(db, org, now, commune, gare, rives, citizens, agent, elected);
        await SeedProposalsAsync(db, now, commune, gare, centre, rives, citizens, agent, elected);
        // After the petitions are seeded: signatures on the open ones.
        await DemoSignatures.SeedAsync(db, org, now);
        await LinkInitiativesToOutcomesAsync(db, now);
        await DemoRequests.SeedAsync(db, now, citizens, voirie);
        await DemoProjects.SeedAsync(db, now, gare);
        await DemoNews.SeedAsync(db, now, gare, citizens);
        await DemoSurveys.SeedAsync(db, now, gare, centre, rives);
        await DemoBudgets.SeedAsync(db, now, commune, gare, centre, rives);
        await DemoDraws.SeedAsync(services);
        await DemoTallies.SeedAsync(services, db, org);
        await DemoNotifications.SeedAsync(db, now, citizens[0]);
        return org;
    }

    private static string Box(double w, double s, double e, double n) =>
        FormattableString.Invariant($$"""{"type":"Polygon","coordinates":[[[{{w}},{{s}}],[{{e}},{{s}}],[{{e}},{{n}}],[{{w}},{{n}}],[{{w}},{{s}}]]]}""");
}
