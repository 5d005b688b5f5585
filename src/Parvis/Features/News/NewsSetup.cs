namespace Parvis.Features.News;

/// <summary>Services of news (their pages, staff pages, feeds, and the blocks other pages show).</summary>
public static class NewsSetup
{
    public static IServiceCollection AddNews(this IServiceCollection services)
    {
        services.AddScoped<NewsQueries>();
        services.AddScoped<NewsCommands>();
        services.AddScoped<NewsCommentCommands>();
        services.AddScoped<Home.HomeBlocks>();
        return services;
    }
}
