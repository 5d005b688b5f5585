namespace Parvis.Features.Notifications;

public static class NotificationsSetup
{
    public static void AddNotifications(IServiceCollection services)
    {
        services.AddScoped<FollowSubjects>();
        services.AddScoped<Following>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationMail>();
        services.AddSingleton<Infrastructure.Cluster.IScheduledJob, NotificationMailJob>();
    }
}
