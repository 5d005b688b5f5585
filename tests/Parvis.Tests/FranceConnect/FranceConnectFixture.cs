using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.DevIdentityProvider;
using Parvis.Features.FranceConnect;
using Parvis.Testing;

namespace Parvis.Tests.FranceConnect;

/// <summary>
/// Ville A verifies with the development provider of its own host (http://a.test/), Ville B with a rogue
/// provider on a loopback port. Both have Camille MARTIN on their electoral list, Ville A also Léo BERNARD
/// on its list of residents; the tests change nothing else of the organizations.
/// </summary>
public sealed class FranceConnectFixture : IAsyncLifetime
{
    public ParvisFactory App { get; } = new();
    public RogueProvider Rogue { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Rogue = await RogueProvider.StartAsync();
        await ConfigureAsync(App.OrganizationA, ParvisFactory.HostA, "http://a.test/", DevIdentityProviderSetup.ClientId, DevIdentityProviderSetup.ClientSecret);
        await ConfigureAsync(App.OrganizationB, ParvisFactory.HostB, Rogue.Issuer, RogueProvider.ClientId, RogueProvider.ClientSecret);
        // Camille MARTIN (electoral list) and Léo BERNARD (residents) are on both organizations' demo census.
    }

    private async Task ConfigureAsync(Organization organization, string host, string issuer, string clientId, string secret)
    {
        await App.InOrganizationAsync(organization, async (db, services) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == organization.Id);
            org.Identity.EnabledMethods |= VerificationMethods.FranceConnect | VerificationMethods.Census;
            org.Identity.OidcIssuer = issuer;
            org.Identity.OidcClientId = clientId;
            org.Identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(OidcSettings.SecretPurpose).Protect(secret);
            org.Identity.CensusSalt ??= CensusIdentity.NewSalt();
            await db.SaveChangesAsync();
            return 0;
        });
        App.ForgetOrganizationCache(host);
    }

    public Task DisposeAsync() => Task.WhenAll(App.DisposeAsync().AsTask(), Rogue.DisposeAsync().AsTask());

    /// <summary>Presses the provider's button on /compte/franceconnect: the redirect to the provider's authorization endpoint.</summary>
    public static async Task<Uri> StartAsync(HttpClient client, string returnUrl = "/compte/identite")
    {
        var response = await client.SubmitAsync($"/compte/franceconnect?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "form.franceconnect", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Through the development provider: its page, the button of one test identity, back to the callback address.</summary>
    public static async Task<Uri> PickAsync(HttpClient client, Uri authorize, string subject)
    {
        var page = await client.GetDocumentAsync(authorize.PathAndQuery);
        var response = await client.SubmitAsync(page, authorize.PathAndQuery, "main form", new Dictionary<string, string?> { ["identity"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>The whole verification on Ville A: start, pick, callback; returns the callback's response.</summary>
    public static async Task<HttpResponseMessage> VerifyAsync(HttpClient client, string subject, string returnUrl = "/compte/identite")
    {
        var callback = await PickAsync(client, await StartAsync(client, returnUrl), subject);
        return await client.GetAsync(callback.PathAndQuery);
    }

    public static IHtmlDocument Parse(string html) => HtmlClient.Parse(html);
}

[CollectionDefinition(Name)]
public sealed class FranceConnectCollection : ICollectionFixture<FranceConnectFixture>
{
    public const string Name = "franceconnect";
}
