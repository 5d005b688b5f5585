using Parvis.Domain;

namespace Parvis.Features.Shared;

public static class Roles
{
    public static string Label(StaffRole role) => role switch
    {
        StaffRole.Moderator => "Modérateur",
        StaffRole.Agent => "Agent",
        StaffRole.ElectedOfficial => "Élu",
        _ => "Administrateur",
    };
}
