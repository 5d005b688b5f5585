using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

/// <summary>Proposing counts against the posting allowance (both steps); supporting against the reactions one; flagging against the flags one.</summary>
public sealed class ProposalLimitTests : IAsyncLifetime
{
    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimits:PostsPerMinute"] = "4",
            ["RateLimits:ReactionsPerMinute"] = "3",
            ["RateLimits:FlagsPerMinute"] = "2",
        };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_bot_proposing_in_a_loop_is_stopped_after_its_allowance()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (bot, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var token = (await bot.GetDocumentAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var response = await bot.PostAsync($"{url}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Title"] = $"Achetez nos montres n° {i}",
                ["Input.Body"] = "Promotion.",
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(4, await _app.InAAsync(db => db.Proposals.CountAsync(p => p.SpaceId == spaceId)));
    }

    [Fact]
    public async Task Flagging_proposals_in_a_loop_is_stopped_after_the_flags_allowance_and_leaves_supporting_free()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++) ids.Add(await _app.AddProposalAsync(spaceId, $"Proposition {i}", "Texte."));
        var (citizen, _) = await _app.CitizenClientAsync();
        var token = (await citizen.GetDocumentAsync($"/propositions/{ids[0]}")).QuerySelector("form[action*=Flag] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statuses = new List<HttpStatusCode>();
        foreach (var id in ids)
        {
            var response = await citizen.PostAsync($"/propositions/{id}?handler=Flag", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["reason"] = "Publicité",
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, await _app.InAAsync(db => db.ProposalFlags.CountAsync(f => ids.Contains(f.ProposalId))));
        var supported = await citizen.SubmitAsync($"/propositions/{ids[3]}", "form[action*=Support]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, supported.StatusCode);
    }
}
