using Microsoft.AspNetCore.DataProtection;
using Parvis.Domain;
using Parvis.Features.DevIdentityProvider;
using Parvis.Features.FranceConnect;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>The demo organization verifies with the development provider, so a newcomer can try FranceConnect on `dotnet run`.</summary>
public static class DemoFranceConnect
{
    public static async Task EnableAsync(IServiceProvider services, IConfiguration configuration, Organization org)
    {
        if (!configuration.GetValue("DevIdentityProvider:Enabled", false)) return;
        var identity = org.Identity;
        identity.EnabledMethods |= VerificationMethods.FranceConnect;
        identity.OidcIssuer = configuration["DevIdentityProvider:Issuer"] ?? "http://localhost:5080/";
        identity.OidcClientId = DevIdentityProviderSetup.ClientId;
        identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(OidcSettings.SecretPurpose).Protect(DevIdentityProviderSetup.ClientSecret);
        identity.OidcDisplayName = "FranceConnect (développement)";
        await services.GetRequiredService<ParvisDbContext>().SaveChangesAsync();
    }
}
