using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

[Collection(InitiativesAppCollection.Name)]
public class FollowingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<(int Count, int Rows)> FollowersAsync(int requestId) =>
        _app.InAAsync(async db => (await db.ServiceRequests.Where(r => r.Id == requestId).Select(r => r.FollowerCount).SingleAsync(),
            await db.RequestFollowers.CountAsync(f => f.RequestId == requestId)));

    [Fact]
    public async Task A_signed_in_person_follows_once_sees_it_in_their_list_and_stops()
    {
        var (_, categoryId) = await _app.NewReportCategoryAsync();
        var requestId = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var (client, _) = await _app.CitizenClientAsync();
        var url = $"/signalements/{requestId}/suivre";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(url, "main form", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal((1, 1), await FollowersAsync(requestId));
        // The page now offers to stop; a second follow (a replayed form) counts nothing more.
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("Ne plus suivre ce signalement", page.QuerySelector("main form button")!.TextContent, StringComparison.Ordinal);
        var mine = await client.GetDocumentAsync("/compte/signalements");
        Assert.Contains(mine.QuerySelectorAll("#suivis ~ table tbody tr a"), a => a.TextContent == requestId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var stopped = await client.SubmitAsync(url, "main form", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal((0, 0), await FollowersAsync(requestId));
    }

    [Fact]
    public async Task Following_twice_at_once_counts_once()
    {
        var (_, categoryId) = await _app.NewReportCategoryAsync();
        var requestId = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var (client, _) = await _app.CitizenClientAsync();
        var url = $"/signalements/{requestId}/suivre";
        var page = await client.GetDocumentAsync(url);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SubmitAsync(page, url, "main form", new Dictionary<string, string?>())));
        Assert.Equal((1, 1), await FollowersAsync(requestId));
    }

    [Fact]
    public async Task An_address_follows_only_once_its_link_is_posted_and_stops_by_the_link_of_its_emails()
    {
        var (_, categoryId) = await _app.NewReportCategoryAsync();
        var requestId = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var url = $"/signalements/{requestId}/suivre";
        var refused = await visitor.SubmitAndReadAsync(url, "main form", new Dictionary<string, string?> { ["Email"] = "pas-une-adresse" });
        Assert.Contains("L'adresse e-mail n'est pas valide.", refused.Errors());

        var email = $"Voisin.{Guid.NewGuid():N}+rue@example.org";
        var sent = await visitor.SubmitAndReadAsync(url, "main form", new Dictionary<string, string?> { ["Email"] = email });
        Assert.Contains("Un lien vous a été envoyé", sent.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0), await FollowersAsync(requestId));

        var link = new Uri(TestSmtpServer.LinkIn(await _app.Smtp.WaitForAsync(email))).PathAndQuery;
        Assert.NotNull((await visitor.GetDocumentAsync(link)).QuerySelector("main form button"));
        Assert.Equal((0, 0), await FollowersAsync(requestId));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitAsync(link, "main form", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal((1, 1), await FollowersAsync(requestId));
        var canonical = EmailAddress.Parse(email).Canonical;
        Assert.Equal(canonical, await _app.InAAsync(db => db.RequestFollowers.Where(f => f.RequestId == requestId).Select(f => f.Email).SingleAsync()));
        // The same link posted again adds nobody.
        await visitor.SubmitAsync(link, "main form", new Dictionary<string, string?>());
        Assert.Equal((1, 1), await FollowersAsync(requestId));

        var welcome = await _app.Smtp.WaitForAsync(canonical, m => (m.Subject ?? "").Contains("vous suivez", StringComparison.Ordinal));
        var stop = System.Text.RegularExpressions.Regex.Match(welcome.TextBody ?? "", @"https?://\S+/suivre/arreter\S+").Value;
        var stopPath = new Uri(stop).PathAndQuery;
        Assert.NotNull((await visitor.GetDocumentAsync(stopPath)).QuerySelector("main form button"));
        Assert.Equal((1, 1), await FollowersAsync(requestId));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitAsync(stopPath, "main form", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal((0, 0), await FollowersAsync(requestId));
    }

    [Fact]
    public async Task A_link_for_one_request_does_not_follow_another()
    {
        var (_, categoryId) = await _app.NewReportCategoryAsync();
        var first = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var second = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = $"voisin-{Guid.NewGuid():N}@example.org";
        await visitor.SubmitAsync($"/signalements/{first}/suivre", "main form", new Dictionary<string, string?> { ["Email"] = email });
        var link = new Uri(TestSmtpServer.LinkIn(await _app.Smtp.WaitForAsync(email))).PathAndQuery;
        var moved = link.Replace($"/signalements/{first}/", $"/signalements/{second}/", StringComparison.Ordinal);
        var page = await visitor.SubmitAsync(moved, "main form", new Dictionary<string, string?>());
        Assert.Contains("Ce lien n'est pas valable ou a expiré.", HtmlClient.Parse(await page.Content.ReadAsStringAsync()).Errors());
        Assert.Equal((0, 0), await FollowersAsync(second));
    }

    [Fact]
    public async Task Hidden_requests_and_requests_awaiting_their_email_cannot_be_followed()
    {
        var (_, categoryId) = await _app.NewReportCategoryAsync();
        var hidden = await _app.SeedRequestAsync(categoryId, 48.86, 2.36, hidden: true);
        var client = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/signalements/{hidden}/suivre")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/signalements/999999/suivre")).StatusCode);
    }
}
