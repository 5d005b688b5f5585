using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Web;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

/// <summary>Census matches and postal codes guess: each account (and each address) gets a few tries an hour.</summary>
public sealed class IdentityLimitTests : IAsyncLifetime
{
    private const int Tries = 3;

    private sealed class StrictFactory : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["RateLimits:IdentityChecksPerHour"] = Tries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private readonly StrictFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Guessing_a_neighbours_birth_date_is_stopped_after_a_few_tries_and_moderators_see_it()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var statuses = new List<HttpStatusCode>();
        // Camille Martin of the demo list, born on 14/03/1988: the guesser tries the days of March.
        for (var day = 1; day <= 10; day++)
            statuses.Add((await citizen.MatchCensusAsync("Martin", "Camille", $"1988-03-{day:00}")).StatusCode);
        Assert.All(statuses.Take(Tries), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(Tries), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // Even the right date is refused until the hour has passed.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await citizen.MatchCensusAsync("Martin", "Camille", "1988-03-14")).StatusCode);
        var userId = await _app.UserIdAsync(email);
        Assert.Equal(0, await _app.InAAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));
        Assert.True(await _app.InAAsync(db => db.RateLimitEvents.AnyAsync(e => e.Limit == RateLimits.IdentityChecks && e.UserId == userId)));

        // Declaring an address guesses nothing and is not counted; typing a letter's code is.
        var rives = (await _app.TerritoryIdAsync("Les Rives")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (other, _) = await _app.CitizenClientAsync();
        var declared = await other.SubmitAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?>
        {
            ["recipientName"] = "M. Autre",
            ["addressLine1"] = "2 rue Basse",
            ["postalCode"] = "75012",
            ["city"] = "Ville A",
            ["territoryId"] = rives,
        });
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var moderator = await _app.SignedInAsync("moderation");
        Assert.Contains("Vérifications d'identité", (await moderator.GetDocumentAsync("/moderation/limites")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        _ = VerificationMethod.Census;
    }
}
