using Parvis.Features.DevIdentityProvider;

namespace Parvis.Features.FranceConnect;

public static class FranceConnectSetup
{
    public static IServiceCollection AddFranceConnect(this IServiceCollection services, IConfiguration configuration)
    {
        // The back channel (discovery, keys, token, userinfo): tests point this client at their in-process servers.
        services.AddHttpClient(OidcConfigurations.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<OidcConfigurations>();
        services.AddScoped<OidcClient>();
        services.AddSingleton<OidcCookies>();
        services.AddScoped<FranceConnectCommands>();
        if (configuration.GetValue("DevIdentityProvider:Enabled", false)) services.AddDevIdentityProvider();
        return services;
    }
}
