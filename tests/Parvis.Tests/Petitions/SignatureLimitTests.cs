using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>
/// Signing limits, configured low: per IP address (every POST of the signing page counts) and per e-mail domain
/// on one petition (the big webmail domains exempt). Refusals show up for the moderators. The write queue, made tiny.
/// </summary>
public sealed class SignatureLimitTests : IAsyncLifetime
{
    private const int PerAddress = 6;
    private const int PerDomain = 3;

    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimits:SignaturesPerHour"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:SignaturesPerDomainPerMinute"] = PerDomain.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // One signature written at a time and no room to wait: a second one at that moment is turned away.
            ["WriteQueue:Concurrency"] = "1",
            ["WriteQueue:Length"] = "0",
        };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task One_domain_signs_a_few_times_a_minute_webmail_is_exempt_and_one_address_is_stopped_after_its_allowance()
    {
        var id = await _app.NewSignablePetitionAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var form = await client.GetDocumentAsync($"/petitions/{id}/signer");
        var domain = $"robot-{Guid.NewGuid():N}.example";
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < PerDomain + 1; i++)
            answers.Add(await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer($"signataire{i}@{domain}")));
        Assert.All(answers.Take(PerDomain), a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var refused = HtmlClient.Parse(await answers[PerDomain].Content.ReadAsStringAsync());
        Assert.Contains(refused.Errors(), e => e.Contains($"Trop de signatures viennent en ce moment d'adresses en « {domain} »", StringComparison.Ordinal));
        Assert.Equal(PerDomain, await _app.SignatureRowsAsync(id));

        // A big webmail domain is not limited per domain: the address's own allowance is what remains.
        var webmail = await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail("gmail.com")));
        Assert.Equal(HttpStatusCode.Redirect, webmail.StatusCode);
        var sixth = await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail("orange.fr")));
        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        var stopped = await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail("gmail.com")));
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Equal(PerDomain + 2, await _app.SignatureRowsAsync(id));

        var moderator = await _app.SignedInAsync("moderation");
        var page = await moderator.GetDocumentAsync("/moderation/limites");
        var text = page.QuerySelector(".limited-senders")!.TextContent;
        Assert.Contains("Signatures de pétitions (par domaine e-mail)", text, StringComparison.Ordinal);
        Assert.Contains("Signatures de pétitions (par adresse IP)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_write_queue_is_full_signing_answers_503_with_retry_after_and_stores_nothing_and_reading_goes_on()
    {
        var id = await _app.NewSignablePetitionAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var form = await client.GetDocumentAsync($"/petitions/{id}/signer");
        var queue = _app.Services.GetRequiredService<Parvis.Infrastructure.Web.WriteQueue>();
        using (var taken = await queue.EnterAsync(CancellationToken.None))
        {
            Assert.True(taken.IsAcquired);
            var turnedAway = await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail("gmail.com")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, turnedAway.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(10), turnedAway.Headers.RetryAfter?.Delta);
            Assert.Contains("Réessayez dans quelques instants", await turnedAway.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await _app.SignatureRowsAsync(id));
            // Pages are read meanwhile: only writes queue.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/petitions/{id}")).StatusCode);
        }
        var signed = await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail("gmail.com")));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal(1, await _app.SignatureRowsAsync(id));
    }
}
