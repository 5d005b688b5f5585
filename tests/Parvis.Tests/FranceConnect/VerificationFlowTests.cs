using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.DevIdentityProvider;
using Parvis.Testing;

namespace Parvis.Tests.FranceConnect;

/// <summary>The real flow against the development provider of Ville A: its pages, its redirects, its tokens.</summary>
[Collection(FranceConnectCollection.Name)]
public class VerificationFlowTests(FranceConnectFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    // Opaque subjects, as FranceConnect's: nothing of the name.
    private static readonly string Camille = DevIdentityProviderSetup.Identities[0].Subject;
    private static readonly string Leo = DevIdentityProviderSetup.Identities[1].Subject;
    private static readonly string Nadia = DevIdentityProviderSetup.Identities[2].Subject;

    [Fact]
    public async Task A_signed_in_resident_verified_by_the_provider_gets_an_age_bracket_and_the_residence_of_the_census_and_no_name_is_stored()
    {
        await ForgetAsync(Camille);
        var email = await _app.NewCitizenAsync(firstName: null, lastName: null);
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(email);

        var authorize = await FranceConnectFixture.StartAsync(client);
        Assert.Equal("/dev-franceconnect/authorize", authorize.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.True(query["state"].ToString().Length >= 32);
        Assert.True(query["nonce"].ToString().Length >= 32);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("eidas1", query["acr_values"]);
        Assert.Equal("openid given_name family_name birthdate birthplace birthcountry email", query["scope"]);

        var callback = await FranceConnectFixture.PickAsync(client, authorize, Camille);
        Assert.Equal("/compte/franceconnect/retour", callback.AbsolutePath);
        var back = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/compte/identite", back.Headers.Location!.OriginalString);

        var page = await client.GetDocumentAsync("/compte/identite");
        Assert.Contains("Identité", page.QuerySelector("#franceconnect")!.ParentElement!.TextContent);
        Assert.Contains("Camille MARTIN, pour cette session", page.Body!.TextContent);
        Assert.Contains("habitant vérifié · Quartier de la Gare", page.Body.TextContent);
        Assert.Contains("30–39 ans", page.Body.TextContent);

        var saved = await _app.InAAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var verification = await db.Verifications.SingleAsync(v => v.UserId == user.Id);
            var gare = await db.Territories.SingleAsync(t => t.Name == "Quartier de la Gare");
            var entry = await db.CensusEntries.SingleAsync(e => e.ClaimedByUserId == user.Id);
            var stored = new List<string?> { user.FirstName, user.LastName, user.Pseudonym, verification.Issuer, verification.DocumentType };
            stored.AddRange(await db.UserLogins.Where(l => l.UserId == user.Id).Select(l => l.ProviderDisplayName + l.ProviderKey).ToListAsync());
            stored.AddRange(await db.UserClaims.Where(c => c.UserId == user.Id).Select(c => c.ClaimValue).ToListAsync());
            stored.AddRange(await db.UserTokens.Where(t => t.UserId == user.Id).Select(t => t.Value).ToListAsync());
            stored.AddRange(await db.AuditEntries.Select(a => a.Details).ToListAsync());
            return (verification, gare.Id, entry, stored);
        });
        Assert.Equal(VerificationMethod.FranceConnect, saved.verification.Method);
        Assert.Equal("http://a.test/", saved.verification.Issuer);
        Assert.Equal(AgeBracket.From30To39, saved.verification.AgeBracket);
        Assert.Equal(saved.Item2, saved.verification.ResidentTerritoryId);
        Assert.True(saved.verification.IsElector);
        Assert.Equal(saved.entry.CensusFileId, saved.verification.CensusFileId);
        Assert.True(saved.verification.ExpiresAt > DateTime.UtcNow.AddMonths(11));
        Assert.DoesNotContain(saved.stored, s => s is not null && (s.Contains("MARTIN", StringComparison.OrdinalIgnoreCase) || s.Contains("1988", StringComparison.Ordinal)));
    }

    /// <summary>Removes what an earlier test left of a test identity: its link, its census claim, its accounts by e-mail.</summary>
    private Task<int> ForgetAsync(string subject, string? email = null) => _app.InAAsync(async db =>
    {
        await db.UserLogins.Where(l => l.ProviderKey == subject).ExecuteDeleteAsync();
        await db.CensusEntries.Where(e => e.ClaimedByUserId != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByUserId, (Guid?)null));
        if (email is not null) await db.Users.Where(u => u.Email == email).ExecuteDeleteAsync();
        return 0;
    });
}
