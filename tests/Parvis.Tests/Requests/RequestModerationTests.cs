using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Requests.Handling;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Moderators hide and restore requests and photos, and redact a description whose original stays in the audit trail only.</summary>
[Collection(InitiativesAppCollection.Name)]
public class RequestModerationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_moderator_hides_and_restores_a_request_with_a_reason_and_each_step_is_audited()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Tag injurieux sur le mur du stade"), reporterEmail: "stade@example.org", categoryCode: "tag");
        var moderator = await _app.SignedInAsync("moderation");
        var url = $"/moderation/signalements?n={id}";

        var page = await moderator.SubmitAndReadAsync(url, "form[action*=Hide]", new Dictionary<string, string?> { ["reason"] = "" });
        Assert.Contains("Indiquez pourquoi ce signalement est masqué.", page.QuerySelector(".errors")!.TextContent);
        page = await moderator.SubmitAndReadAsync(url, "form[action*=Hide]", new Dictionary<string, string?> { ["reason"] = "Propos injurieux recopiés." });
        Assert.NotNull(page.QuerySelector($"li a[href='/moderation/signalements?n={id}']"));
        var saved = await _app.RequestAsync(id);
        Assert.True(saved.IsHidden);
        Assert.Equal("Propos injurieux recopiés.", saved.HiddenReason);

        await moderator.SubmitAsync(url, "form[action*=Restore]", new Dictionary<string, string?>());
        Assert.False((await _app.RequestAsync(id)).IsHidden);
        Assert.Equal(["request.hide", "request.restore"], (await _app.AuditOfRequestAsync(id)).Select(a => a.Action));
    }

    [Fact]
    public async Task Redacting_replaces_the_description_and_keeps_the_original_in_the_audit_trail_only()
    {
        var original = HandlingData.Unique("Voiture ventouse de M. Jean Martin, 06 12 34 56 78, devant le 4 rue Haute");
        var id = await _app.AddRequestAsync(original, reporterEmail: "ventouse@example.org", categoryCode: "trottoir");
        var moderator = await _app.SignedInAsync("moderation");
        var corrected = $"Voiture ventouse de {RequestModeration.RedactedMark}, devant le 4 rue Haute";

        await moderator.SubmitAsync($"/moderation/signalements?n={id}", "form[action*=Redact]", new Dictionary<string, string?> { ["description"] = corrected });
        var saved = await _app.RequestAsync(id);
        Assert.Equal(corrected, saved.Description);
        Assert.NotNull(saved.RedactedAt);
        var audit = (await _app.AuditOfRequestAsync(id)).Single(a => a.Action == "request.redact");
        Assert.Equal($"Texte original : {original}", audit.Details);

        var agent = await _app.SignedInAsync("voirie");
        var handling = await agent.GetDocumentAsync($"/guichet/{id}");
        Assert.Contains(RequestModeration.RedactedMark, handling.QuerySelector(".request-description")!.TextContent);
        Assert.DoesNotContain("06 12 34 56 78", handling.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_moderator_hides_a_photo_and_a_moderator_of_another_territory_cannot_act()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Dépôt de gravats"), reporterEmail: "gravats@example.org", categoryCode: "depot-sauvage");
        var photoId = await _app.InAAsync(async db =>
        {
            var file = new StoredFile { Id = Guid.NewGuid(), Title = "Photo", FileName = "photo.jpg", ContentType = "image/jpeg", StorageKey = "test/" + Guid.NewGuid().ToString("N"), Kind = FileKind.Photo, UploadedAt = DateTime.UtcNow };
            db.StoredFiles.Add(file);
            var photo = new RequestPhoto { RequestId = id, FileId = file.Id, Position = 0 };
            db.RequestPhotos.Add(photo);
            await db.SaveChangesAsync();
            return photo.Id;
        });
        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAsync($"/moderation/signalements?n={id}", "form[action*=HidePhoto]", new Dictionary<string, string?>());
        Assert.True(await _app.InAAsync(db => db.RequestPhotos.Where(p => p.Id == photoId).Select(p => p.IsHidden).SingleAsync()));
        Assert.Contains("request.photo.hide", (await _app.AuditOfRequestAsync(id)).Select(a => a.Action));

        // A moderator limited to a territory the request is not in.
        Assert.NotNull((await _app.RequestAsync(id)).TerritoryId);
        var (scoped, email) = await _app.CitizenClientAsync();
        await _app.InAAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var request = await db.ServiceRequests.SingleAsync(r => r.Id == id);
            // A leaf territory other than the request's: neither it nor one above it.
            var elsewhere = await db.Territories.Where(t => t.Id != request.TerritoryId && !db.Territories.Any(c => c.ParentId == t.Id)).Select(t => t.Id).FirstAsync();
            db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = StaffRole.Moderator, TerritoryId = elsewhere });
            return await db.SaveChangesAsync();
        });
        scoped = _app.ClientFor(ParvisFactory.HostA);
        await scoped.LoginAsync(email);
        var page = await scoped.GetDocumentAsync($"/moderation/signalements?n={id}");
        Assert.Contains("Vous ne modérez pas ce signalement.", page.QuerySelector(".errors")!.TextContent);
        Assert.Null(page.QuerySelector("form[action*=Hide]"));
    }
}
