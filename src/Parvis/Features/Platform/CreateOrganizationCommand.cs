using Microsoft.EntityFrameworkCore;
using Parvis.Domain;

namespace Parvis.Features.Platform;

/// <summary>
/// <c>dotnet run --project src/Parvis -- create-organization "Ville de X" participation.x.fr dgs@x.fr</c>:
/// opens an organization from the command line; on an empty installation its administrator also becomes
/// platform operator. The administrator gets a link (printed here and queued by e-mail) to choose a password.
/// </summary>
public static class CreateOrganizationCommand
{
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != "create-organization") return false;
        if (args.Length < 4) throw new ArgumentException("usage: create-organization NAME HOST[,HOST…] ADMIN_EMAIL");
        using var scope = services.CreateScope();
        var creator = scope.ServiceProvider.GetRequiredService<OrganizationCreator>();
        // Only the first organization of an installation gets an operator from the command line; later ones are opened from /plateforme.
        var firstOperator = !await scope.ServiceProvider.GetRequiredService<Infrastructure.Data.ParvisDbContext>().Organizations.AnyAsync();
        try
        {
            var organization = await creator.CreateAsync(new NewOrganization(args[1], args[2], args[3]), "ligne de commande", firstOperator);
            Console.WriteLine($"{organization.Name} created. The administrator chooses a password at:\n{creator.LastInvitationLink}");
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
        }
        return true;
    }
}
