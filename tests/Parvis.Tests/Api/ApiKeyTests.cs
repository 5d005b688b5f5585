using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>
/// The keys an organization issues to its API's reusers: issued and revoked by administrators (audited, the secret
/// shown once and never stored), counted against their own limit, refused with a 401 when unknown, revoked or another
/// organization's.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public class ApiKeyTests(AppFixture fixture)
{
    private const string Page = "/admin/cles-api";
    private readonly ParvisFactory _app = fixture.App;

    private static async Task<string> IssueAsync(HttpClient admin, string name, int readsPerMinute)
    {
        var response = await admin.SubmitAsync(Page, "form[action*=Issue]",
            new Dictionary<string, string?> { ["Name"] = name, ["ReadsPerMinute"] = readsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.Errors());
        return page.QuerySelector("#secret")!.GetAttribute("value")!;
    }

    private HttpRequestMessage Read(string? key, bool header = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/consultations?limit=1");
        if (key is not null && header) request.Headers.Add("X-Api-Key", key);
        else if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    [Fact]
    public async Task A_key_is_shown_once_stored_as_a_fingerprint_and_its_reads_count_against_its_own_limit()
    {
        var admin = await _app.SignedInAsync("admin");
        var name = "Le Journal du quartier " + Guid.NewGuid().ToString("N")[..6];
        var secret = await IssueAsync(admin, name, 3);
        Assert.StartsWith(ApiKey.SecretStart, secret, StringComparison.Ordinal);

        var stored = await _app.InAAsync(db => db.ApiKeys.SingleAsync(k => k.Name == name));
        Assert.Equal(3, stored.ReadsPerMinute);
        Assert.Equal(secret[..stored.Prefix.Length], stored.Prefix);
        Assert.Equal(ApiKey.Hash(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash + stored.Prefix, StringComparison.Ordinal);
        var audit = await _app.InAAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "api-key.issue" && a.TargetId == stored.Prefix));
        Assert.DoesNotContain(secret, audit.Details ?? "", StringComparison.Ordinal);
        // The list names the key by the start of its secret only.
        var list = await admin.GetStringAsync(Page);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        var api = _app.Api();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(secret, header: true))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(secret))).StatusCode);
        var fourth = await api.SendAsync(Read(secret));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        // The address the key's requests came from keeps its own allowance: the key used up only its own.
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(null))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_revoked_or_foreign_key_is_refused_with_a_401_problem_document()
    {
        var api = _app.Api();
        var unknown = await api.SendAsync(Read(ApiKey.SecretStart + new string('0', 48)));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Clé d'API refusée", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Contains("invalid_token", unknown.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // Another organization's key opens its own API, not this one's.
        var foreign = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var (key, secret) = ApiKey.Issue("Clé de B", 100, open311: false, null, DateTime.UtcNow);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return (key.Id, secret);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(Read(foreign.secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Api(ParvisFactory.HostB).SendAsync(Read(foreign.secret))).StatusCode);

        // Revoked after a first use (so it is remembered): refused at once.
        var admin = await _app.SignedInAsync("admin");
        var name = "Association des usagers " + Guid.NewGuid().ToString("N")[..6];
        var secret = await IssueAsync(admin, name, 50);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(secret, header: true))).StatusCode);
        var id = await _app.InAAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync());
        var revoked = await admin.SubmitAsync(Page, "form[action*=Revoke]",
            new Dictionary<string, string?> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(Read(secret, header: true))).StatusCode);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "api-key.revoke" && a.TargetId == secret.Substring(0, 12))));
        Assert.Contains("Révoquée le", await admin.GetStringAsync(Page), StringComparison.Ordinal);

        // B's key cannot be revoked through A's page.
        var attempt = await admin.SubmitAsync(Page, "form[action*=Revoke]", new Dictionary<string, string?> { ["id"] = foreign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Cette clé n'existe pas ou plus.", string.Join(" ", HtmlClient.Parse(await attempt.Content.ReadAsStringAsync()).Errors()), StringComparison.Ordinal);
        Assert.False(await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ApiKeys.AnyAsync(k => k.Id == foreign.Id && k.RevokedAt != null)));
    }

    [Fact]
    public async Task Bad_key_input_is_refused_with_a_french_message_and_nothing_saved()
    {
        var admin = await _app.SignedInAsync("admin");
        var before = await _app.InAAsync(db => db.ApiKeys.CountAsync());
        var cases = new (string? Name, string? Reads, string Message)[]
        {
            ("  ", "10", "Nommez la clé"),
            (new string('é', ApiKey.MaxName + 1), "10", "caractères au plus"),
            ("Zéro", "0", "de 1 à 100000"),
            ("Trop", "100001", "de 1 à 100000"),
            ("Lettres", "beaucoup", "de 1 à 100000"),
            ("Vide", "", "de 1 à 100000"),
        };
        foreach (var (name, reads, message) in cases)
        {
            var response = await admin.SubmitAsync(Page, "form[action*=Issue]", new Dictionary<string, string?> { ["Name"] = name, ["ReadsPerMinute"] = reads });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, string.Join(" ", page.Errors()), StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("#secret"));
        }
        Assert.Equal(before, await _app.InAAsync(db => db.ApiKeys.CountAsync()));
    }
}
