using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_linked_identity_signs_its_account_in_and_is_refused_to_any_other_account()
    {
        await ForgetAsync(Camille);
        var (owner, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await FranceConnectFixture.VerifyAsync(owner, Camille)).StatusCode);

        var stranger = _app.ClientFor(ParvisFactory.HostA);
        var back = await FranceConnectFixture.VerifyAsync(stranger, Camille, "/concertations");
        Assert.Equal("/concertations", back.Headers.Location!.OriginalString);
        // The same account: its page lists both verifications.
        var page = await stranger.GetDocumentAsync("/compte/identite");
        Assert.Equal(2, page.QuerySelectorAll("table tbody tr").Length);

        var (other, _) = await _app.CitizenClientAsync();
        var refused = await FranceConnectFixture.VerifyAsync(other, Camille);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("déjà liée à un autre compte", await refused.TextAsync());
        Assert.Empty((await other.GetDocumentAsync("/compte/identite")).QuerySelectorAll("table tbody tr"));
    }

    [Fact]
    public async Task A_blocked_account_is_not_signed_in_by_its_linked_identity()
    {
        await ForgetAsync(Camille);
        var (owner, email) = await _app.CitizenClientAsync();
        await FranceConnectFixture.VerifyAsync(owner, Camille);
        await _app.InAAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.BlockedAt, DateTime.UtcNow).SetProperty(u => u.LockoutEnabled, true).SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)));

        var client = _app.ClientFor(ParvisFactory.HostA);
        var refused = await FranceConnectFixture.VerifyAsync(client, Camille);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("suspendu", await refused.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte/identite")).StatusCode);
    }

    [Fact]
    public async Task An_identity_without_an_account_creates_one_with_its_confirmed_email_after_the_charter()
    {
        await ForgetAsync(Nadia, "nadia.haddad@exemple.fr");
        // A stranger's visit just before puts the page without identity in the anonymous page cache: it must not be served to Nadia.
        await _app.ClientFor(ParvisFactory.HostA).GetAsync("/compte/franceconnect/creer-compte");
        var client = _app.ClientFor(ParvisFactory.HostA);
        var back = await FranceConnectFixture.VerifyAsync(client, Nadia);
        Assert.Equal("/compte/franceconnect/creer-compte", back.Headers.Location!.OriginalString);
        var form = await client.GetDocumentAsync("/compte/franceconnect/creer-compte");
        Assert.Contains("nadia.haddad@exemple.fr", form.Body!.TextContent);

        var noCharter = await client.SubmitAndReadAsync("/compte/franceconnect/creer-compte", "main form", new Dictionary<string, string?> { ["Form.Pseudonym"] = "Nadia du parvis" });
        Assert.Contains("Acceptez la charte de participation pour créer un compte.", noCharter.Errors());

        var created = await client.SubmitAsync("/compte/franceconnect/creer-compte", "main form",
            new Dictionary<string, string?> { ["Form.Pseudonym"] = "Nadia du parvis", ["Form.AcceptCharter"] = "true" });
        Assert.Equal("/compte/identite", created.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync("/compte/identite");
        Assert.Contains("50–59 ans", page.Body!.TextContent);
        Assert.DoesNotContain("habitant vérifié", page.Body.TextContent);

        var user = await _app.InAAsync(db => db.Users.SingleAsync(u => u.Email == "nadia.haddad@exemple.fr"));
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Nadia du parvis", user.Pseudonym);
        Assert.Null(user.PasswordHash);
        Assert.Null(user.LastName);
    }

    [Fact]
    public async Task An_identity_whose_email_has_an_account_is_neither_linked_to_it_nor_signed_in()
    {
        await ForgetAsync(Leo, "leo.bernard@exemple.fr");
        await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Parvis.Infrastructure.Identity.ParvisUser>>();
            await users.CreateAsync(new Parvis.Infrastructure.Identity.ParvisUser
            {
                OrganizationId = _app.OrganizationA.Id,
                UserName = "leo.bernard@exemple.fr",
                Email = "leo.bernard@exemple.fr",
                EmailConfirmed = true,
                Pseudonym = "Léo B",
                CreatedAt = DateTime.UtcNow,
            }, ParvisFactory.Password);
            return 0;
        });

        var client = _app.ClientFor(ParvisFactory.HostA);
        var refused = await FranceConnectFixture.VerifyAsync(client, Leo);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Un compte existe déjà avec cette adresse : connectez-vous avec votre mot de passe, puis liez FranceConnect depuis « Mon identité »", await refused.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte/identite")).StatusCode);
        var (links, verifications) = await _app.InAAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == "leo.bernard@exemple.fr").Select(u => u.Id).SingleAsync();
            return (await db.UserLogins.CountAsync(l => l.ProviderKey == Leo || l.UserId == id), await db.Verifications.CountAsync(v => v.UserId == id));
        });
        Assert.Equal(0, links);
        Assert.Equal(0, verifications);
        // Nor can the creation page be reached to take the address.
        var creation = await client.GetDocumentAsync("/compte/franceconnect/creer-compte");
        Assert.Empty(creation.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task Signing_out_ends_the_provider_session_with_the_id_token_hint_and_comes_back_to_a_checked_state()
    {
        await ForgetAsync(Camille);
        var (client, _) = await _app.CitizenClientAsync();
        await FranceConnectFixture.VerifyAsync(client, Camille);

        var logout = await client.SubmitAsync("/compte/deconnexion", "main form", new Dictionary<string, string?>());
        var endSession = logout.Headers.Location!;
        Assert.Equal("http://a.test/dev-franceconnect/logout", endSession.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(endSession.Query);
        Assert.Equal(3, query["id_token_hint"].ToString().Split('.').Length);
        Assert.Equal("http://a.test/compte/franceconnect/deconnectee", query["post_logout_redirect_uri"]);
        Assert.True(query["state"].ToString().Length >= 32);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte/identite")).StatusCode);

        var provider = await client.GetAsync(endSession.PathAndQuery);
        var signedOut = provider.Headers.Location!;
        Assert.Equal("/compte/franceconnect/deconnectee", signedOut.AbsolutePath);
        var page = await client.GetDocumentAsync(signedOut.PathAndQuery);
        Assert.Contains("Vous êtes déconnecté de Ville A et de", page.Body!.TextContent);

        var forged = await client.GetDocumentAsync("/compte/franceconnect/deconnectee?state=" + query["state"]);
        Assert.Contains("n'était pas attendue", forged.Body!.TextContent);
    }

    [Fact]
    public async Task A_callback_with_another_state_or_played_twice_is_refused()
    {
        await ForgetAsync(Camille);
        var (client, email) = await _app.CitizenClientAsync();
        var callback = await FranceConnectFixture.PickAsync(client, await FranceConnectFixture.StartAsync(client), Camille);
        var forged = System.Text.RegularExpressions.Regex.Replace(callback.PathAndQuery, "state=[^&]+", "state=" + new string('x', 43));
        var refused = await client.GetAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ne correspond pas à votre demande", await refused.TextAsync());
        // The right state after a wrong one: the one-time cookie is gone.
        var late = await client.GetAsync(callback.PathAndQuery);
        Assert.Contains("n'est pas attendue", await late.TextAsync());

        var second = await FranceConnectFixture.PickAsync(client, await FranceConnectFixture.StartAsync(client), Camille);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(second.PathAndQuery)).StatusCode);
        var replayed = await client.GetAsync(second.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("n'est pas attendue", await replayed.TextAsync());
        Assert.Equal(1, await _app.InAAsync(db => db.Verifications.CountAsync(v => db.Users.Any(u => u.Id == v.UserId && u.Email == email))));
    }

    [Fact]
    public async Task A_census_verification_an_agent_revoked_is_not_given_back_by_FranceConnect()
    {
        await ForgetAsync(Camille);
        var (client, email) = await _app.CitizenClientAsync();
        var userId = await _app.UserIdAsync(email);
        // Camille's line of the demo electoral list verified this account once, and an agent revoked it.
        await _app.InAAsync(async db =>
        {
            var file = await db.CensusFiles.Where(f => f.Kind == CensusKind.Electoral && f.ReplacedAt == null).Select(f => f.Id).SingleAsync();
            db.Verifications.Add(new Verification
            {
                UserId = userId,
                Method = VerificationMethod.Census,
                Issuer = "Liste électorale",
                VerifiedAt = DateTime.UtcNow.AddDays(-2),
                ExpiresAt = DateTime.UtcNow.AddYears(1),
                IsElector = true,
                CensusFileId = file,
                RevokedAt = DateTime.UtcNow.AddDays(-1),
                RevokedReason = "Fraude",
            });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Redirect, (await FranceConnectFixture.VerifyAsync(client, Camille)).StatusCode);
        var recorded = await _app.InAAsync(db => db.Verifications.SingleAsync(v => v.UserId == userId && v.Method == VerificationMethod.FranceConnect));
        Assert.NotNull(recorded.AgeBracket);
        Assert.Null(recorded.ResidentTerritoryId);
        Assert.False(recorded.IsElector);
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
