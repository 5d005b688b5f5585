using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Features.DevIdentityProvider;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.FranceConnect;

/// <summary>The one free-text field of the FranceConnect pages, the pseudonym of a new account, through the naughty strings.</summary>
[Collection(FranceConnectCollection.Name)]
public class NaughtyPseudonymTests(FranceConnectFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly string Nadia = DevIdentityProviderSetup.Identities[2].Subject;
    private const string Email = "nadia.haddad@exemple.fr";

    [Fact]
    public async Task A_new_account_stores_the_pseudonym_as_typed_and_never_fails()
    {
        var client = await PendingAsync();
        // One string in five: each accepted one costs a whole trip through the provider.
        for (var i = 0; i < NaughtyStringTests.Strings.Count; i += 5)
        {
            var s = NaughtyStringTests.Strings[i];
            var token = (await client.GetDocumentAsync("/compte/franceconnect/creer-compte")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var response = await client.PostAsync("/compte/franceconnect/creer-compte", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Pseudonym"] = s,
                ["Form.AcceptCharter"] = "true",
                ["__RequestVerificationToken"] = token,
            }));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
                Assert.NotEmpty(page.Errors());
                NaughtyStringTests.AssertNoInjectedMarkup(page, s);
                continue;
            }
            Assert.Equal(s.Trim(), await _app.InAAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.Pseudonym).SingleAsync()));
            client = await PendingAsync();
        }
    }

    /// <summary>A fresh browser that went through the provider as Nadia HADDAD, who has no account yet.</summary>
    private async Task<HttpClient> PendingAsync()
    {
        await _app.InAAsync(async db =>
        {
            var ids = await db.Users.Where(u => u.Email == Email).Select(u => u.Id).ToListAsync();
            await db.Verifications.Where(v => ids.Contains(v.UserId)).ExecuteDeleteAsync();
            await db.UserLogins.Where(l => l.ProviderKey == Nadia).ExecuteDeleteAsync();
            return await db.Users.Where(u => u.Email == Email).ExecuteDeleteAsync();
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        var back = await FranceConnectFixture.VerifyAsync(client, Nadia);
        Assert.Equal("/compte/franceconnect/creer-compte", back.Headers.Location!.OriginalString);
        return client;
    }
}
