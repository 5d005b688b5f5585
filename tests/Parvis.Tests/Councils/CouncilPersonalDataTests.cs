using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Councils;

/// <summary>
/// A person's candidacies, agenda items and mandates are in their download; the erasure takes the candidacy and
/// keeps the item and the mandate without their account.
/// </summary>
[Collection(CivicAppCollection.Name)]
public class CouncilPersonalDataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_download_holds_my_candidacy_items_and_mandate_and_the_erasure_takes_the_candidacy()
    {
        var (council, college) = await _app.NewCouncilAsync(candidacyLevel: ParticipationLevel.ConfirmedAccount);
        var (client, email) = await _app.CitizenClientAsync();
        var me = await _app.UserIdAsync(email);
        var motivation = $"Je connais le quartier {Guid.NewGuid():N}";
        var title = $"Un point {Guid.NewGuid():N}";
        await _app.InAAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.CouncilCandidacies.Add(CouncilCandidacy.Submit(council, college, me, "Candidate Export",
                motivation, now));
            db.CouncilMandates.Add(CouncilMandate.Start(council, college, "Membre Export", me, MandateRole.Member,
                MandateSource.Appointment, new DateOnly(2025, 1, 1), null, now));
            return await db.SaveChangesAsync();
        });
        var item = await _app.NewAgendaItemAsync(council, email, title);

        var json = await client.GetStringAsync("/compte/donnees/export.json");
        Assert.Contains(motivation, json, StringComparison.Ordinal);
        Assert.Contains(title, json, StringComparison.Ordinal);
        Assert.Contains("Membre Export", json, StringComparison.Ordinal);
        var html = HtmlClient.Parse(await client.GetStringAsync("/compte/donnees/export.html")).Body!.TextContent;
        Assert.Contains("Candidatures à un conseil (1)", html, StringComparison.Ordinal);
        Assert.Contains("Points proposés à un conseil (1)", html, StringComparison.Ordinal);
        Assert.Contains("Mandats dans un conseil (1)", html, StringComparison.Ordinal);

        var erased = await client.SubmitAsync("/compte/supprimer", "main form",
            new Dictionary<string, string?> { ["Choice"] = "erase", ["Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.False(await _app.InAAsync(db => db.CouncilCandidacies.AnyAsync(c => c.CouncilId == council)));
        Assert.Null(await _app.InAAsync(db => db.CouncilAgendaItems.Where(i => i.Id == item)
            .Select(i => i.AuthorId).SingleAsync()));
        // The mandate stays in the council's public history, without the account.
        Assert.Null(await _app.InAAsync(db => db.CouncilMandates
            .Where(m => m.CouncilId == council && m.Name == "Membre Export").Select(m => m.UserId).SingleAsync()));
    }
}
