using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>An SMTP outage fails no action and loses no message.</summary>
public sealed class SmtpOutageTests : IAsyncLifetime
{
    private sealed class OutageFactory : ParvisFactory
    {
        public int DownPort { get; } = TestSmtpServer.FreePort();
        protected override int SmtpPort => DownPort;
    }

    private readonly OutageFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Sign_up_succeeds_while_smtp_is_down_and_the_message_leaves_when_it_is_back()
    {
        var email = $"panne-{Guid.NewGuid():N}@example.org";
        var page = await _app.ClientFor(ParvisFactory.HostA).SubmitAndReadAsync("/compte/inscription", "main form", new Dictionary<string, string?>
        {
            ["Form.Email"] = email,
            ["Form.Pseudonym"] = "Patiente",
            ["Form.Password"] = "un mot de passe long",
            ["Form.AcceptCharter"] = "true",
        });
        Assert.Contains("e-mail de confirmation", page.QuerySelector(".notice")!.TextContent);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var failed = await _app.InAAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        while (failed.Attempts == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            failed = await _app.InAAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        }
        Assert.True(failed.Attempts > 0, "the worker should have tried and failed");
        Assert.Null(failed.SentAt);

        await using var smtp = new TestSmtpServer(_app.DownPort);
        // Skip the back-off wait: the retry is what is under test, not the clock.
        await _app.InAAsync(async db =>
        {
            var m = await db.Outbox.SingleAsync(x => x.To == email);
            m.NextAttemptAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var message = await smtp.WaitForAsync(email, timeoutSeconds: 20);
        Assert.Contains("confirmez votre adresse", message.Subject, StringComparison.Ordinal);
        // The worker marks the row once the server has accepted the message: a moment after it arrives.
        var sent = await _app.InAAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        for (var wait = DateTime.UtcNow.AddSeconds(10); sent.SentAt is null && DateTime.UtcNow < wait; await Task.Delay(100))
            sent = await _app.InAAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        Assert.NotNull(sent.SentAt);
    }
}

/// <summary>Each limit gets its own application, so that one test's attempts never use up another's allowance.</summary>
public abstract class RateLimitedApp(string setting) : IAsyncLifetime
{
    private sealed class StrictFactory(string setting) : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { [setting] = "2" };
    }

    protected ParvisFactory App { get; } = new StrictFactory(setting);

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

public sealed class LoginRateLimitTests() : RateLimitedApp("RateLimits:LoginPerMinute")
{
    [Fact]
    public async Task Too_many_login_attempts_get_a_429_in_french()
    {
        var client = App.ClientFor(ParvisFactory.HostA);
        var form = new Dictionary<string, string?> { ["Form.Email"] = "personne@example.org", ["Form.Password"] = "mauvais mot de passe" };
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync("/compte/connexion", "main form", form)).StatusCode);
        var blocked = await client.SubmitAsync("/compte/connexion", "main form", form);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Trop de tentatives", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class PostingRateLimitTests() : RateLimitedApp("RateLimits:PostsPerMinute")
{
    [Fact]
    public async Task Posting_contributions_is_limited_and_the_refused_one_is_not_saved()
    {
        var (client, _) = await App.CitizenClientAsync();
        var id = await App.NewOpenConsultationAsync();
        for (var i = 0; i < 2; i++)
            await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = $"Idée {i}" });
        var blocked = await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Une de trop, écrite longuement" });
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(2, await App.CountContributionsAsync(id));

        // A real page: how long to wait, the text given back to copy, the way back to the form.
        var page = HtmlClient.Parse(await blocked.Content.ReadAsStringAsync());
        Assert.InRange(blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Matches(@"Vous pourrez réessayer dans \d+ minutes?\.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Une de trop, écrite longuement", page.QuerySelector("main textarea[readonly]")!.TextContent);
        Assert.Equal($"/concertations/{id}", page.QuerySelector("main a[href^='/concertations']")!.GetAttribute("href"));
    }
}

public sealed class SignUpRateLimitTests() : RateLimitedApp("RateLimits:SignUpPerHour")
{
    [Fact]
    public async Task Sign_ups_are_limited_per_address()
    {
        var client = App.ClientFor(ParvisFactory.HostA);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await client.SubmitAsync("/compte/inscription", "main form", new Dictionary<string, string?>
            {
                ["Form.Email"] = $"robot{i}-{Guid.NewGuid():N}@example.org",
                ["Form.Pseudonym"] = "Robot",
                ["Form.Password"] = "un mot de passe long",
                ["Form.AcceptCharter"] = "true",
            });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(2, await App.InAAsync(db => db.Users.CountAsync(u => u.Pseudonym == "Robot")));
        // An hourly limit says so (not "a minute"), in the header and on the page; the password is not given back.
        Assert.InRange(last.Headers.RetryAfter!.Delta!.Value.TotalMinutes, 50, 60);
        var page = HtmlClient.Parse(await last.Content.ReadAsStringAsync());
        Assert.Contains("Vous pourrez réessayer dans 1 heure.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("un mot de passe long", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
