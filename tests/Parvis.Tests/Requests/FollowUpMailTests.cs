using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Requests.Handling;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>The e-mails of a request's follow-up through a real SMTP server, and the "est-ce réglé ?" question and reopening.</summary>
[Collection(InitiativesAppCollection.Name)]
public class FollowUpMailTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_reporter_and_a_follower_get_each_public_update_with_its_message_and_link_but_never_the_internal_note()
    {
        var reporter = await _app.NewCitizenAsync();
        var follower = $"voisin-{Guid.NewGuid():N}@example.org";
        var id = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire éteint impasse du Moulin"), authorEmail: reporter);
        await _app.FollowAsync(id, follower);
        var agent = await _app.SignedInAsync("voirie");

        await agent.SubmitAsync($"/guichet/{id}", "form[action*=Move]", new Dictionary<string, string?>
        {
            ["status"] = nameof(RequestStatus.Acknowledged),
            ["publicText"] = "Une équipe passera jeudi.",
            ["internalNote"] = "Ampoule SHP 70 W à commander.",
        });
        foreach (var address in new[] { reporter, follower })
        {
            var mail = await _app.Smtp.WaitForAsync(address, m => m.Subject!.Contains($"n° {id} ", StringComparison.Ordinal) && m.Subject.Contains("Pris en compte", StringComparison.Ordinal));
            Assert.Contains("Une équipe passera jeudi.", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Message du Service voirie", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("SHP 70 W", mail.TextBody, StringComparison.Ordinal);
            Assert.EndsWith($"/signalements/{id}", TestSmtpServer.LinkIn(mail), StringComparison.Ordinal);
        }
        // The follower without an account stops by the link of the update itself; the account holder has no such link.
        var toReporter = await _app.Smtp.WaitForAsync(reporter, m => m.Subject!.Contains($"n° {id} ", StringComparison.Ordinal));
        Assert.DoesNotContain("/suivre/arreter", toReporter.TextBody, StringComparison.Ordinal);
        var update = await _app.Smtp.WaitForAsync(follower, m => m.Subject!.Contains($"n° {id} ", StringComparison.Ordinal));
        var stop = new Uri(System.Text.RegularExpressions.Regex.Match(update.TextBody ?? "", @"https?://\S+/suivre/arreter\S+").Value).PathAndQuery;
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await visitor.SubmitAsync(stop, "main form", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal(0, await _app.InAAsync(db => db.RequestFollowers.CountAsync(f => f.RequestId == id)));
        await _app.FollowAsync(id, follower);

        // A note alone is no public update: nobody is written to. A public message is.
        await agent.SubmitAsync($"/guichet/{id}", "form[action*=Comment]", new Dictionary<string, string?> { ["internalNote"] = "Rappeler le prestataire." });
        await agent.SubmitAsync($"/guichet/{id}", "form[action*=Comment]", new Dictionary<string, string?> { ["publicText"] = "La pièce est commandée." });
        await _app.Smtp.WaitForAsync(reporter, m => (m.TextBody ?? "").Contains("La pièce est commandée.", StringComparison.Ordinal));
        var message = await _app.Smtp.WaitForAsync(follower, m => (m.TextBody ?? "").Contains("La pièce est commandée.", StringComparison.Ordinal));
        Assert.Contains("nouveau message", message.Subject, StringComparison.Ordinal);
        var all = _app.Smtp.Messages.Where(m => System.Text.RegularExpressions.Regex.IsMatch(m.Subject ?? "", $@"n° {id}(\D|$)")).ToList();
        Assert.Equal(4, all.Count);
        Assert.DoesNotContain(all, m => (m.TextBody ?? "").Contains("prestataire", StringComparison.Ordinal) || (m.TextBody ?? "").Contains("SHP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fix_check_goes_once_after_the_set_days_and_no_reopens_the_request_for_its_service()
    {
        var reporter = $"regle-{Guid.NewGuid():N}@example.org";
        var follower = $"suiveur-{Guid.NewGuid():N}@example.org";
        var id = await _app.AddRequestAsync(HandlingData.Unique("Branche cassée square Monge"), reporterEmail: reporter);
        await _app.FollowAsync(id, follower);
        var agent = await _app.SignedInAsync("voirie");
        await agent.SubmitAsync($"/guichet/{id}", "form[action*=Move]", new Dictionary<string, string?> { ["status"] = nameof(RequestStatus.Resolved), ["publicText"] = "Branche enlevée." });
        Assert.Equal(RequestStatus.Resolved, (await _app.RequestAsync(id)).Status);

        // Not yet: 27 days after resolution. Then 29 days after, twice.
        await RunFixCheckAsync(DateTime.UtcNow.AddDays(27));
        Assert.Null((await _app.RequestAsync(id)).FixCheckSentAt);
        await RunFixCheckAsync(DateTime.UtcNow.AddDays(29));
        await RunFixCheckAsync(DateTime.UtcNow.AddDays(29.5));
        var question = await _app.Smtp.WaitForAsync(reporter, m => m.Subject!.Contains($"n° {id} est-il réglé", StringComparison.Ordinal));
        await Task.Delay(500);
        Assert.Single(_app.Smtp.Messages, m => m.Subject!.Contains($"n° {id} est-il réglé", StringComparison.Ordinal));
        Assert.NotNull((await _app.RequestAsync(id)).FixCheckSentAt);

        var link = new Uri(TestSmtpServer.LinkIn(question));
        Assert.Equal($"/signalements/{id}/regle", link.AbsolutePath);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        // Without the link's token, a stranger gets only an explanation.
        var stranger = await visitor.GetDocumentAsync($"/signalements/{id}/regle");
        Assert.Contains("Ce lien n'est pas valable ou a expiré", stranger.QuerySelector(".errors")!.TextContent);
        Assert.Null(stranger.QuerySelector("form[action*=Reopen]"));

        var page = await visitor.SubmitAndReadAsync(link.PathAndQuery, "form[action*=Reopen]", new Dictionary<string, string?> { ["reason"] = "La branche pend toujours." });
        Assert.Contains("Le signalement est rouvert", page.QuerySelector("main")!.TextContent);
        var saved = await _app.RequestAsync(id);
        Assert.Equal(RequestStatus.Acknowledged, saved.Status);
        Assert.Equal(1, saved.ReopenCount);
        Assert.Null(saved.FixCheckSentAt);
        Assert.Contains(saved.Updates, u => u.IsReopening && u.PublicText == "La branche pend toujours.");
        var toFollower = await _app.Smtp.WaitForAsync(follower, m => m.Subject!.Contains("rouvert", StringComparison.Ordinal) && m.Subject.Contains($"n° {id}", StringComparison.Ordinal));
        Assert.Contains("La branche pend toujours.", toFollower.TextBody, StringComparison.Ordinal);
        var toService = await _app.Smtp.WaitForAsync($"voirie@{ParvisFactory.DomainA}", m => m.Subject!.Contains($"n° {id} est rouvert", StringComparison.Ordinal));
        Assert.Contains($"/guichet/{id}", toService.TextBody, StringComparison.Ordinal);
        Assert.NotNull((await agent.GetDocumentAsync($"/guichet?q={Uri.EscapeDataString(saved.Description)}")).QuerySelector($"tr[data-request='{id}']"));

        // The link cannot reopen twice: the request is no longer resolved.
        page = await visitor.GetDocumentAsync(link.PathAndQuery);
        Assert.Null(page.QuerySelector("form[action*=Reopen]"));
    }

    [Fact]
    public async Task The_author_signed_in_answers_without_the_link_and_a_link_of_another_request_is_refused()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var id = await _app.AddRequestAsync(HandlingData.Unique("Tag sur l'école"), authorEmail: email, categoryCode: "tag",
            change: r => { r.Status = RequestStatus.Resolved; r.AcknowledgedAt = r.ClosedAt = DateTime.UtcNow; });
        var other = await _app.AddRequestAsync(HandlingData.Unique("Autre tag"), reporterEmail: "autre@example.org", categoryCode: "tag",
            change: r => { r.Status = RequestStatus.Resolved; r.AcknowledgedAt = r.ClosedAt = DateTime.UtcNow; });
        var page = await client.SubmitAndReadAsync($"/signalements/{id}/regle", "form[action*=Fixed]", new Dictionary<string, string?>());
        Assert.Contains("Merci !", page.QuerySelector("main")!.TextContent);
        Assert.Equal(RequestStatus.Resolved, (await _app.RequestAsync(id)).Status);

        var token = await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
            services.GetRequiredService<RequestMail>().FixCheckToken(await db.ServiceRequests.SingleAsync(r => r.Id == id)));
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        var refused = await anonymous.GetDocumentAsync($"/signalements/{other}/regle?jeton={Uri.EscapeDataString(token)}");
        Assert.Null(refused.QuerySelector("form[action*=Reopen]"));
        var response = await anonymous.PostAsync($"/signalements/{other}/regle?handler=Reopen", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", (await anonymous.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), new("jeton", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RequestStatus.Resolved, (await _app.RequestAsync(other)).Status);
    }

    private async Task RunFixCheckAsync(DateTime now)
    {
        using var scope = _app.Services.CreateScope();
        await new FixCheckJob(_app.Services.GetRequiredService<IConfiguration>(), new FixedClock(now)).RunAsync(scope.ServiceProvider, default);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
