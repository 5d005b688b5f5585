namespace Parvis.Features.Projects;

/// <summary>Services of projects (their pages, staff pages and the links other pages show).</summary>
public static class ProjectsSetup
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddScoped<ProjectQueries>();
        services.AddScoped<ProjectCommands>();
        services.AddScoped<ProjectContentCommands>();
        services.AddScoped<ProjectFileCommands>();
        services.AddScoped<Manage.ProjectStaffQueries>();
        return services;
    }
}
