using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>A moderator limited to a territory acts only on the petitions of that territory; a refused petition's text is not read through its sponsor link.</summary>
[Collection(InitiativesAppCollection.Name)]
public class PetitionModerationScopeTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<HttpClient> ModeratorOfRivesAsync()
    {
        var email = await _app.NewCitizenAsync();
        await _app.InAAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var rives = await db.Territories.SingleAsync(t => t.Name == "Les Rives");
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = StaffRole.Moderator, TerritoryId = rives.Id, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(email);
        return client;
    }

    [Fact]
    public async Task A_moderator_of_one_territory_can_neither_see_nor_publish_a_petition_of_the_whole_commune()
    {
        // The test petitions are on the commune's root territory, above Les Rives.
        var awaiting = await _app.NewDraftAsync(adjust: p => { p.Status = PetitionStatus.AwaitingModeration; p.SubmittedAt = DateTime.UtcNow; });
        var open = await _app.NewOpenPetitionAsync();
        var scoped = await ModeratorOfRivesAsync();

        var queue = await scoped.GetDocumentAsync("/moderation/petitions");
        Assert.Null(queue.QuerySelector($"input[name=id][value='{awaiting}']"));
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var publish = await scoped.PostAsync("/moderation/petitions?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = awaiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("/compte/acces-refuse", publish.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(PetitionStatus.AwaitingModeration, (await _app.PetitionAsync(awaiting)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync($"/moderation/petitions/{open}/sources")).StatusCode);
        var global = await _app.SignedInAsync("moderation");
        Assert.Equal(HttpStatusCode.OK, (await global.GetAsync($"/moderation/petitions/{open}/sources")).StatusCode);
        Assert.NotNull((await global.GetDocumentAsync("/moderation/petitions")).QuerySelector($"input[name=id][value='{awaiting}']"));
    }

    [Fact]
    public async Task A_refused_petition_is_not_read_through_its_sponsor_link()
    {
        var id = await _app.NewDraftAsync(adjust: p => { p.Status = PetitionStatus.Rejected; p.RejectionReason = "Hors des compétences de la commune."; });
        var petition = await _app.PetitionAsync(id);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync($"/petitions/parrainer/{petition.SponsorToken}");
        Assert.DoesNotContain(petition.Request, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ne recherche plus de parrains", page.Body.TextContent, StringComparison.Ordinal);
    }
}
