using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Profiles;

[Collection(AppCollection.Name)]
public class ProfileTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_profile_shows_pseudonymous_contributions_only_and_is_not_indexed()
    {
        var pseudonymous = await _app.NewOpenConsultationAsync();
        var named = await _app.NewOpenConsultationAsync(c => c.Rules.DisplayIdentity = DisplayIdentity.FullName);
        var (client, email) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/concertations/{pseudonymous}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Sous pseudonyme", ["Input.Title"] = "Sous pseudonyme" });
        await client.SubmitAsync($"/concertations/{named}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Sous mon nom", ["Input.Title"] = "Sous mon nom" });
        var userId = await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var namedId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == named).Select(c => c.Id).SingleAsync());

        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var profile = await visitor.GetDocumentAsync($"/profils/{userId}");
        Assert.Equal("noindex", profile.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        var titles = profile.QuerySelectorAll(".contribution h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Sous pseudonyme"], titles);
        // The named contribution does not link to the profile either.
        Assert.Null((await visitor.GetDocumentAsync($"/contributions/{namedId}")).QuerySelector("a[href^='/profils/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/profils/{userId}")).StatusCode);
    }
}
