using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// Participation limits: posting, reacting, flagging and password resets each have their own allowance,
/// and whoever is stopped shows up for the moderators. Data is arranged in the database, so that only
/// the requests under test use up an allowance.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Posts = 5;

    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimits:PostsPerMinute"] = Posts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:ReactionsPerMinute"] = "2",
            ["RateLimits:FlagsPerMinute"] = "2",
            ["RateLimits:ResetsPerHour"] = "2",
        };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_bot_posting_100_contributions_is_stopped_and_a_moderator_sees_why_and_blocks_it()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (bot, email) = await _app.CitizenClientAsync();
        var token = (await bot.GetDocumentAsync($"/concertations/{id}")).QuerySelector("form[action*=Contribute] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            var response = await bot.PostAsync($"/concertations/{id}?handler=Contribute", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Body"] = $"Achetez nos montres n° {i}",
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(Posts), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.All(statuses.Skip(Posts), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(Posts, await _app.CountContributionsAsync(id));

        var moderator = await _app.SignedInAsync("moderation");
        var page = await moderator.GetDocumentAsync("/moderation/limites");
        var row = page.QuerySelectorAll(".limited-senders tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Contributions et commentaires", row.TextContent, StringComparison.Ordinal);
        Assert.Contains((100 - Posts).ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[3].TextContent, StringComparison.Ordinal);

        page = await moderator.SubmitAndReadAsync("/moderation/limites", $"tr:has(input[name=userId]) form", new Dictionary<string, string?> { ["reason"] = "Robot publicitaire" });
        Assert.Contains("Compte bloqué", page.QuerySelector(".limited-senders")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.BlockedAt).SingleAsync()));
    }

    [Fact]
    public async Task Votes_on_statements_count_against_the_reactions_allowance()
    {
        var id = await _app.NewOpenConsultationAsync(c =>
            c.Questions.Add(new Question { Text = "D'accord ?", Position = 3, Kind = ConsultationQuestionKind.Statements }));
        var question = await _app.InAAsync(db => db.Questions.Where(q => q.ConsultationId == id && q.Kind == ConsultationQuestionKind.Statements)
            .Select(q => q.Id).SingleAsync());
        await _app.AddContributionsAsync(id, 3, (c, i) =>
        {
            c.QuestionId = question;
            c.Body = $"Énoncé {i}";
        });
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/concertations/{id}/enonces/{question}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await citizen.SubmitAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = "Agree" })).StatusCode);
        // Two reactions a minute here, five posts: the third vote is the reactions' refusal.
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Reactions_and_flags_have_their_own_allowance()
    {
        var id = await _app.NewOpenConsultationAsync();
        var contributions = await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == id).Select(c => c.TerritoryId).SingleAsync();
            var list = Enumerable.Range(0, 3).Select(i => new Contribution { ConsultationId = id, TerritoryId = territory, Body = $"Idée {i}", CreatedAt = DateTime.UtcNow, State = ModerationState.Published }).ToList();
            db.Contributions.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(c => c.Id).ToList();
        });
        var (citizen, _) = await _app.CitizenClientAsync();
        var reactions = new List<HttpStatusCode>();
        var flags = new List<HttpStatusCode>();
        foreach (var contribution in contributions)
        {
            var url = $"/contributions/{contribution}";
            reactions.Add((await citizen.SubmitAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Agree")).StatusCode);
            flags.Add((await citizen.SubmitAsync(url, "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Publicité" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], reactions);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], flags);
        Assert.Equal(2, await _app.InAAsync(db => db.Reactions.CountAsync(r => contributions.Contains(r.ContributionId))));
        Assert.Equal(2, await _app.InAAsync(db => db.Flags.CountAsync(f => contributions.Contains(f.ContributionId))));
        // Reacting and flagging did not use up the posting allowance.
        var posted = await citizen.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Toujours possible" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [Fact]
    public async Task Password_reset_requests_are_limited_per_address()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.SubmitAsync("/compte/mot-de-passe-oublie", "main form", new Dictionary<string, string?> { ["Email"] = $"cible{i}@example.org" })).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
