using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>Drafting and sponsoring count against the posting allowance: a bot cannot flood the drafts.</summary>
public sealed class PetitionRateLimitTests : IAsyncLifetime
{
    private const int Posts = 3;

    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["RateLimits:PostsPerMinute"] = Posts.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_bot_drafting_twenty_petitions_is_stopped_after_the_allowance()
    {
        var (bot, email) = await _app.CitizenClientAsync();
        var token = (await bot.GetDocumentAsync("/petitions/nouvelle")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var response = await bot.PostAsync("/petitions/nouvelle", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Title"] = $"Pétition n° {i}",
                ["Request"] = "Achetez nos montres.",
                ["Reasons"] = "Parce que.",
                ["Addressee"] = "Le conseil municipal",
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(Posts), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.All(statuses.Skip(Posts), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var author = await _app.UserIdAsync(email);
        Assert.Equal(Posts, await _app.InAAsync(db => db.Petitions.CountAsync(p => p.AuthorId == author)));
    }
}
