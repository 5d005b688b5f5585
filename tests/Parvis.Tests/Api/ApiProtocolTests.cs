using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>What a reuser relies on to sync: cursors, ETags, updated_since, CORS, and problem documents for bad input.</summary>
[Collection(PlatformAppCollection.Name)]
public class ApiProtocolTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Walking_the_pages_reads_every_item_exactly_once_even_with_items_added_meanwhile()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var before = await _app.AddContributionsAsync(consultation, 23);
        var added = new List<int>();
        var walked = await _app.Api().WalkAsync($"/api/v1/contributions?consultation={consultation}&limit=5",
            async () => added.AddRange(await _app.AddContributionsAsync(consultation, 2)));

        var ids = walked.Ids();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        // Everything there at the start, and everything added during the walk (they come after, in id order).
        Assert.Equal(before.Concat(added).Select(i => (long)i).Order(), ids);
    }

    [Fact]
    public async Task An_unchanged_answer_is_a_304_with_its_etag_and_a_change_gives_a_new_one()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var id = (await _app.AddContributionsAsync(consultation, 1))[0];
        var url = $"/api/v1/contributions/{id}";
        var first = await _app.Api().GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await _app.Api().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await _app.InAAsync(db => db.Contributions.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreeCount, 3)));
        var changed = new HttpRequestMessage(HttpMethod.Get, url);
        changed.Headers.IfNoneMatch.Add(etag);
        var fresh = await _app.Api().SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        Assert.Equal(3, JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement.GetProperty("reactions").GetProperty("agree").GetInt32());
    }

    [Fact]
    public async Task Updated_since_keeps_only_what_was_published_or_answered_since()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var now = DateTime.UtcNow;
        var old = await _app.AddContributionsAsync(consultation, 2, (c, _) => c.CreatedAt = now.AddDays(-10));
        var answered = await _app.AddContributionsAsync(consultation, 1, (c, _) => { c.CreatedAt = now.AddDays(-10); c.FirstAnsweredAt = now.AddHours(-1); });
        var recent = await _app.AddContributionsAsync(consultation, 1, (c, _) => c.CreatedAt = now.AddHours(-2));

        var since = Uri.EscapeDataString(now.AddDays(-1).ToString("O"));
        var ids = (await _app.Api().WalkAsync($"/api/v1/contributions?consultation={consultation}&updated_since={since}")).Ids();
        Assert.Equal(new long[] { answered[0], recent[0] }, ids);
        Assert.Equal(4, (await _app.Api().WalkAsync($"/api/v1/contributions?consultation={consultation}")).Count);
        Assert.DoesNotContain((long)old[0], ids);
    }

    [Fact]
    public async Task Any_origin_may_read_without_credentials()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/territories");
        request.Headers.Add("Origin", "https://journal.example");
        var response = await _app.Api().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/territories");
        preflight.Headers.Add("Origin", "https://journal.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        var allowed = await _app.Api().SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);

        // The site's pages stay same-origin.
        var page = new HttpRequestMessage(HttpMethod.Get, "/concertations");
        page.Headers.Add("Origin", "https://journal.example");
        Assert.False((await _app.Api().SendAsync(page)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/v1/contributions?cursor=nimportequoi", 400, "Curseur invalide")]
    [InlineData("/api/v1/contributions?cursor=djE6LTM", 400, "Curseur invalide")]
    [InlineData("/api/v1/consultations?updated_since=hier", 400, "Date invalide")]
    [InlineData("/api/v1/consultations?updated_since=99999-01-01", 400, "Date invalide")]
    [InlineData("/api/v1/proposals?limit=0", 400, "Nombre d'éléments invalide")]
    [InlineData("/api/v1/proposals?limit=abc", 400, "Nombre d'éléments invalide")]
    [InlineData("/api/v1/proposals?limit=201", 400, "Nombre d'éléments invalide")]
    [InlineData("/api/v1/proposals?limit=-1", 400, "Nombre d'éléments invalide")]
    [InlineData("/api/v1/proposals?limit=5&limit=6", 400, "Nombre d'éléments invalide")]
    [InlineData("/api/v1/contributions?cursor=djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk", 400, "Curseur invalide")]
    [InlineData("/api/v1/contributions?cursor=djI6MTI", 400, "Curseur invalide")]
    [InlineData("/api/v1/consultations?updated_since=2026-13-01", 400, "Date invalide")]
    [InlineData("/api/v1/contributions?consultation=abc", 400, "Paramètre invalide")]
    [InlineData("/api/v1/proposals?space=-1", 400, "Paramètre invalide")]
    [InlineData("/api/v1/comments?contribution=99999999999", 400, "Paramètre invalide")]
    [InlineData("/api/v1/proposals/-1", 404, "Élément introuvable")]
    [InlineData("/api/v1/comments?contribution=%00", 400, "Paramètre invalide")]
    [InlineData("/api/v1/contributions/999999999", 404, "Élément introuvable")]
    [InlineData("/api/v1/contributions/99999999999999", 404, "Élément introuvable")]
    [InlineData("/api/v1/contributions/abc", 404, "Élément introuvable")]
    [InlineData("/api/v1/inconnu", 404, "Élément introuvable")]
    public async Task Bad_input_is_a_problem_document_in_french_never_a_500(string url, int status, string title)
    {
        var response = await _app.Api().GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
