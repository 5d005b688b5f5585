using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.FranceConnect;

/// <summary>
/// Ville B's provider is a rogue one on a loopback port: a real OpenID peer that signs its answers and,
/// on demand, gets one thing wrong. Each wrong answer ends on a French refusal, with nothing recorded.
/// </summary>
[Collection(FranceConnectCollection.Name)]
public class ForgedResponseTests(FranceConnectFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private readonly RogueProvider _rogue = fixture.Rogue;

    private async Task<(HttpResponseMessage Response, Guid UserId)> RunAsync(Misbehaviour wrong)
    {
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            await db.UserLogins.Where(l => l.ProviderKey == RogueProvider.Subject).ExecuteDeleteAsync();
            await db.CensusEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByUserId, (Guid?)null));
            return 0;
        });
        var email = await _app.NewCitizenAsync(_app.OrganizationB, null, null);
        var client = _app.ClientFor(ParvisFactory.HostB);
        await client.LoginAsync(email);
        _rogue.Next = wrong;
        var authorize = await FranceConnectFixture.StartAsync(client);
        Assert.StartsWith(_rogue.Issuer, authorize.AbsoluteUri, StringComparison.Ordinal);
        // The browser's trip to the provider and back, over the network.
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var callback = (await browser.GetAsync(authorize)).Headers.Location!;
        Assert.Equal("http://b.test/compte/franceconnect/retour", callback.GetLeftPart(UriPartial.Path));
        var response = await client.GetAsync(callback.PathAndQuery);
        var userId = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (response, userId);
    }

    private Task<int> VerificationsOfAsync(Guid userId) =>
        _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Verifications.CountAsync(v => v.UserId == userId));

    [Fact]
    public async Task A_well_behaved_provider_with_a_signed_userinfo_verifies_the_resident()
    {
        var (response, userId) = await RunAsync(new Misbehaviour());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var verification = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Verifications.SingleAsync(v => v.UserId == userId));
        Assert.Equal(_rogue.Issuer, verification.Issuer);
        Assert.True(verification.IsElector);
        Assert.NotNull(verification.ResidentTerritoryId);
        Assert.Equal(AgeBracket.From30To39, verification.AgeBracket);
    }

    [Theory]
    [InlineData("1988-03-14T00:00:00Z")]
    [InlineData("19880314")]
    [InlineData("14/03/1988")]
    public async Task A_birth_date_in_another_full_format_verifies_the_age_and_the_lists(string birthDate)
    {
        var (response, userId) = await RunAsync(new Misbehaviour { BirthDate = birthDate });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var verification = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Verifications.SingleAsync(v => v.UserId == userId));
        Assert.Equal(AgeBracket.From30To39, verification.AgeBracket);
        Assert.True(verification.IsElector);
    }

    [Fact]
    public async Task A_partial_birth_date_is_refused_with_its_reason_and_nothing_recorded()
    {
        var (response, userId) = await RunAsync(new Misbehaviour { BirthDate = "1988-00-00" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("n'a pas transmis de date de naissance complète", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await VerificationsOfAsync(userId));
    }

    public static TheoryData<string, string> Forgeries => new()
    {
        { "nonce", "ne correspond pas à cette demande" },
        { "signature", "La signature ou le contenu de la réponse d'identité n'est pas valide." },
        { "audience", "La signature ou le contenu de la réponse d'identité n'est pas valide." },
        { "issuer", "La signature ou le contenu de la réponse d'identité n'est pas valide." },
        { "expired", "La signature ou le contenu de la réponse d'identité n'est pas valide." },
        { "alg none", "La signature ou le contenu de la réponse d'identité n'est pas valide." },
        { "acr", "Le niveau de garantie de l'identité n'est pas suffisant." },
        { "userinfo of someone else", "ne concernent pas la personne connectée" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_answer_is_refused_and_records_nothing(string forgery, string message)
    {
        var wrong = forgery switch
        {
            "nonce" => new Misbehaviour { Nonce = new string('n', 43) },
            "signature" => new Misbehaviour { SignWithAnotherKey = true },
            "audience" => new Misbehaviour { Audience = "another-client" },
            "issuer" => new Misbehaviour { Issuer = "https://pirate.example/" },
            "expired" => new Misbehaviour { Expired = true },
            "alg none" => new Misbehaviour { WithoutSignature = true },
            "acr" => new Misbehaviour { Acr = "eidas0" },
            _ => new Misbehaviour { UserInfoSubject = "someone-else" },
        };
        var tokenRequests = _rogue.TokenRequests;
        var (response, userId) = await RunAsync(wrong);
        Assert.Equal(tokenRequests + 1, _rogue.TokenRequests);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(0, await VerificationsOfAsync(userId));
        Assert.Equal(0, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.UserLogins.CountAsync(l => l.UserId == userId)));
    }
}
