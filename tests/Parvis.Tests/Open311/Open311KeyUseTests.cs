using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

/// <summary>
/// One kind of API key for the public API and Open311: only a key with the Open311 use sends reports and reads the
/// requests that are not public; a reuser's read-only key reads the public API and nothing more; a revoked key works
/// nowhere; another organization's key is unknown here, even once it is remembered on its own host.
/// </summary>
[Collection(InitiativesAppCollection.Name)]
public class Open311KeyUseTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static FormUrlEncodedContent Report(string serviceCode, string key) => new(new Dictionary<string, string>
    {
        ["api_key"] = key,
        ["service_code"] = serviceCode,
        ["address_string"] = "4 rue des Essais",
        ["description"] = "Dalle descellée.",
        ["email"] = "habitant@example.org",
    });

    private async Task<HttpStatusCode> ReadPublicApiAsync(string key, string host = ParvisFactory.HostA)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/consultations?limit=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await _app.ClientFor(host).SendAsync(request)).StatusCode;
    }

    /// <summary>Runs <paramref name="check"/> while Ville B's requests are not public.</summary>
    private async Task WhileRequestsOfBArePrivateAsync(Func<Task> check)
    {
        await SetPublicAsync(false);
        try
        {
            await check();
        }
        finally
        {
            await SetPublicAsync(true);
        }
    }

    private async Task SetPublicAsync(bool value)
    {
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
            await db.Organizations.Where(x => x.Id == _app.OrganizationB.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Requests.PublicRequests, value)));
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
    }

    [Fact]
    public async Task A_read_only_key_sends_no_report_and_reads_no_private_request_where_a_key_with_the_open311_use_does()
    {
        var category = await _app.NewCategoryAsync(_app.OrganizationB);
        var request = await _app.NewRequestAsync(category, organization: _app.OrganizationB);
        var readOnly = await _app.NewKeyAsync(open311: false, _app.OrganizationB);
        var open311 = await _app.NewKeyAsync(open311: true, _app.OrganizationB);
        var api = _app.ClientFor(ParvisFactory.HostB);

        // The read-only key is a good key: the public API knows it.
        Assert.Equal(HttpStatusCode.OK, await ReadPublicApiAsync(readOnly, ParvisFactory.HostB));
        var refused = await api.PostAsync("/open311/v2/requests.json", Report(category.Code, readOnly));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("ne permet pas d'envoyer des signalements", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ServiceRequests.CountAsync(r => r.CategoryId == category.Id)));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/open311/v2/requests.json", Report(category.Code, open311))).StatusCode);

        await WhileRequestsOfBArePrivateAsync(async () =>
        {
            foreach (var url in new[] { $"/open311/v2/requests/{request.Id}.json", "/open311/v2/requests.json", "/open311/v2/servicerequestupdates.json" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"{url}?api_key={readOnly}")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{url}?api_key={open311}")).StatusCode);
            }
            // Open311 takes the key from the headers too, with the same rule.
            using var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/requests/{request.Id}.json");
            byHeader.Headers.Add("X-Api-Key", open311);
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(byHeader)).StatusCode);
        });
    }

    [Fact]
    public async Task A_revoked_key_works_nowhere()
    {
        var category = await _app.NewCategoryAsync(_app.OrganizationB);
        var request = await _app.NewRequestAsync(category, organization: _app.OrganizationB);
        var revoked = await _app.NewKeyAsync(open311: true, _app.OrganizationB, revoked: true);
        var api = _app.ClientFor(ParvisFactory.HostB);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadPublicApiAsync(revoked, ParvisFactory.HostB));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/open311/v2/requests.json", Report(category.Code, revoked))).StatusCode);
        await WhileRequestsOfBArePrivateAsync(async () =>
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/open311/v2/requests/{request.Id}.json?api_key={revoked}")).StatusCode));
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ServiceRequests.CountAsync(r => r.CategoryId == category.Id)));
    }

    [Fact]
    public async Task A_key_of_another_organization_is_unknown_even_once_remembered_on_its_own_host()
    {
        var categoryOfA = await _app.NewCategoryAsync();
        var categoryOfB = await _app.NewCategoryAsync(_app.OrganizationB);
        var request = await _app.NewRequestAsync(categoryOfB, organization: _app.OrganizationB);
        var ofA = await _app.NewKeyAsync(open311: true);
        var ofB = await _app.NewKeyAsync(open311: true, _app.OrganizationB);
        // Used on their own hosts first, so each is remembered there.
        Assert.Equal(HttpStatusCode.OK, await ReadPublicApiAsync(ofA));
        Assert.Equal(HttpStatusCode.OK, await ReadPublicApiAsync(ofB, ParvisFactory.HostB));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadPublicApiAsync(ofB));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientFor(ParvisFactory.HostA).PostAsync("/open311/v2/requests.json", Report(categoryOfA.Code, ofB))).StatusCode);
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.CountAsync(r => r.CategoryId == categoryOfA.Id)));
        await WhileRequestsOfBArePrivateAsync(async () =>
            Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/open311/v2/requests/{request.Id}.json?api_key={ofA}")).StatusCode));
    }
}
