namespace Parvis.Features.Requests;

/// <summary>Services and endpoints of requests and problem reports (signalements) and of the Open311 API.</summary>
public static class RequestsSetup
{
    public static IServiceCollection AddRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestSubmission>();
        services.AddHttpClient<Infrastructure.Web.Geocoder>();
        services.AddScoped<RequestQueries>();
        services.AddScoped<RequestStatistics>();
        services.AddScoped<Handling.RequestHandling>();
        services.AddScoped<Handling.RequestMail>();
        services.AddScoped<Handling.RequestModeration>();
        services.AddSingleton<Infrastructure.Cluster.IScheduledJob, Handling.FixCheckJob>();
        services.AddScoped<Reporting.ReportCommands>();
        services.AddScoped<Reporting.RequestFollowing>();
        services.AddScoped<Open311.Open311Queries>();
        services.AddScoped<Open311.Open311Posting>();
        services.AddSingleton<Open311.Open311Limits>();
        return services;
    }

    public static WebApplication MapRequests(this WebApplication app)
    {
        app.MapRequestMap();
        Open311.Open311Endpoints.MapOpen311(app);
        Open311.Open311Fallback.MapOpen311Fallback(app);
        return app;
    }
}
