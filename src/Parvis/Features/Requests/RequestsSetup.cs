namespace Parvis.Features.Requests;

/// <summary>Services and endpoints of requests and problem reports (signalements) and of the Open311 API.</summary>
public static class RequestsSetup
{
    public static IServiceCollection AddRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestSubmission>();
        services.AddScoped<Reporting.ReportCommands>();
        services.AddScoped<Reporting.RequestFollowing>();
        return services;
    }

    public static WebApplication MapRequests(this WebApplication app) => app;
}
