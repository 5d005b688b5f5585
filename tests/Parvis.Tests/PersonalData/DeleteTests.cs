using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>"Supprimer mon compte": the account goes in one transaction; what the person wrote stays or goes as they chose.</summary>
[Collection(PlatformAppCollection.Name)]
public class DeleteTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Marker() => "d" + Guid.NewGuid().ToString("N")[..10];

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string choice, string? password = ParvisFactory.Password) =>
        client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = choice, ["Password"] = password });

    private Task<bool> ExistsAsync(Guid userId) => _app.InAAsync(db => db.Users.AnyAsync(u => u.Id == userId));

    [Fact]
    public async Task Keeping_contributions_leaves_them_online_without_the_person_who_can_no_longer_sign_in()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);
        var pseudonym = await _app.InAAsync(db => db.Users.Where(u => u.Id == me.UserId).Select(u => u.Pseudonym).SingleAsync());
        var gare = await _app.TerritoryIdAsync("Quartier de la Gare");
        await _app.InAAsync(async db =>
        {
            db.PostalLetterRequests.Add(new PostalLetterRequest { UserId = me.UserId, TerritoryId = gare, RequestedAt = DateTime.UtcNow, RecipientName = "Boîte " + me.Marker, AddressLine1 = "1 rue de la Gare", PostalCode = "75012", City = "Ville A" });
            return await db.SaveChangesAsync();
        });

        var response = await DeleteAsync(client, "keep");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.False(await ExistsAsync(me.UserId));
        // The contributions and the comment stay, attributed to an author id that has no account any more:
        // the display shows "Participant supprimé" for it (AuthorName.Deleted, the lead's display code).
        var kept = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == me.ContributionId || c.Id == me.AnonymousContributionId).ToListAsync());
        Assert.Equal(2, kept.Count);
        Assert.All(kept, c => Assert.Equal(me.UserId, c.AuthorId));
        Assert.True(await _app.InAAsync(db => db.Comments.AnyAsync(c => c.Id == me.CommentId && c.Body == "Commentaire " + me.Marker)));
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/contributions/{me.ContributionId}");
        Assert.Contains("Contribution " + me.Marker, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(pseudonym, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Par Participant supprimé", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The declared postal address goes with the account: no letter is printed for it.
        Assert.False(await _app.InAAsync(db => db.PostalLetterRequests.AnyAsync(r => r.UserId == me.UserId)));

        // Everything tied to the account is gone: verifications, flags, logins, refusals with their IP.
        Assert.False(await _app.InAAsync(db => db.Verifications.AnyAsync(v => v.UserId == me.UserId)));
        Assert.False(await _app.InAAsync(db => db.Flags.AnyAsync(f => f.UserId == me.UserId)));
        Assert.False(await _app.InAAsync(db => db.RateLimitEvents.AnyAsync(e => e.UserId == me.UserId)));
        Assert.False(await _app.InAAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().AnyAsync(l => l.UserId == me.UserId)));

        // The audit log notes the deletion without naming anyone.
        var entry = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "account.delete").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Null(entry.ActorId);
        Assert.Equal(AuthorName.Deleted, entry.ActorName);
        Assert.DoesNotContain(me.Marker, $"{entry.TargetId} {entry.Details}", StringComparison.Ordinal);
        Assert.DoesNotContain(me.UserId.ToString(), $"{entry.TargetId} {entry.Details}", StringComparison.Ordinal);

        // Signed out, and the password no longer opens anything.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte/donnees")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _app.ClientFor(ParvisFactory.HostA).LoginAsync(me.Email));
    }

    [Fact]
    public async Task Erasing_contributions_removes_them_and_keeps_the_counters_of_others_right()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var other = await _app.LeaveAsync(_app.OrganizationA, Marker());
        // I agree with the other's contribution and left a comment nobody answered; they agree with mine and comment under it.
        var myLeafComment = await _app.InAAsync(async db =>
        {
            db.Reactions.Add(new Reaction { ContributionId = other.ContributionId, UserId = me.UserId, Kind = ReactionKind.Agree, CreatedAt = DateTime.UtcNow });
            db.Reactions.Add(new Reaction { ContributionId = me.ContributionId, UserId = other.UserId, Kind = ReactionKind.Agree, CreatedAt = DateTime.UtcNow });
            await db.Contributions.Where(c => c.Id == other.ContributionId || c.Id == me.ContributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreeCount, 1));
            db.Comments.Add(new Comment { ContributionId = me.ContributionId, AuthorId = other.UserId, Body = "Sous la tienne", CreatedAt = DateTime.UtcNow, State = ModerationState.Published });
            var leaf = new Comment { ContributionId = other.ContributionId, AuthorId = me.UserId, Body = "Feuille " + me.Marker, CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
            db.Comments.Add(leaf);
            await db.SaveChangesAsync();
            await db.Contributions.Where(c => c.Id == other.ContributionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, 1));
            return leaf.Id;
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);

        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(client, "erase")).StatusCode);

        Assert.False(await ExistsAsync(me.UserId));
        Assert.False(await _app.InAAsync(db => db.Contributions.AnyAsync(c => c.AuthorId == me.UserId)));
        Assert.False(await _app.InAAsync(db => db.Comments.AnyAsync(c => c.ContributionId == me.ContributionId)));
        Assert.False(await _app.InAAsync(db => db.Reactions.AnyAsync(r => r.UserId == me.UserId || r.ContributionId == me.ContributionId)));
        var theirs = await _app.InAAsync(db => db.Contributions.SingleAsync(c => c.Id == other.ContributionId));
        Assert.Equal(0, theirs.AgreeCount);
        Assert.Equal(0, theirs.CommentCount);
        Assert.False(await _app.InAAsync(db => db.Comments.AnyAsync(c => c.Id == myLeafComment)));
        var page = await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/contributions/{me.ContributionId}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.True(await ExistsAsync(other.UserId));
    }

    [Fact]
    public async Task An_answered_comment_stays_as_deleted_and_an_answered_contribution_keeps_its_official_response()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var other = await _app.LeaveAsync(_app.OrganizationA, Marker());
        await _app.InAAsync(async db =>
        {
            var answered = await db.Comments.SingleAsync(c => c.Id == me.CommentId);
            db.Comments.Add(new Comment { ContributionId = answered.ContributionId, ParentId = answered.Id, Depth = 2, AuthorId = other.UserId, Body = "Je te réponds", CreatedAt = DateTime.UtcNow, State = ModerationState.Published });
            db.OfficialResponses.Add(new OfficialResponse { ContributionId = me.ContributionId, Body = "Réponse de la ville", SignatureLabel = "Service urbanisme", DraftedAt = DateTime.UtcNow, Status = ResponseStatus.Published, PublishedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);

        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(client, "erase")).StatusCode);

        var comment = await _app.InAAsync(db => db.Comments.SingleAsync(c => c.Id == me.CommentId));
        Assert.Equal("Commentaire supprimé", comment.Body);
        Assert.NotNull(comment.DeletedAt);
        var shell = await _app.InAAsync(db => db.Contributions.SingleAsync(c => c.Id == me.ContributionId));
        Assert.Null(shell.AuthorId);
        Assert.DoesNotContain(me.Marker, $"{shell.Title} {shell.Body}", StringComparison.Ordinal);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/contributions/{me.ContributionId}");
        Assert.Contains("Réponse de la ville", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.InAAsync(db => db.Contributions.AnyAsync(c => c.Id == me.AnonymousContributionId)));
    }

    [Fact]
    public async Task A_staff_account_is_refused_until_an_administrator_removes_its_role()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        await _app.InAAsync(db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = me.UserId, Role = StaffRole.Moderator, GrantedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);
        var form = await client.GetDocumentAsync("/compte/supprimer");
        Assert.Contains("administrateur", form.QuerySelector("main [role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(form.QuerySelector("main form"));

        // A crafted post is refused the same way.
        var token = (await client.GetDocumentAsync("/compte/donnees")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/compte/supprimer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Choice"] = "keep",
            ["Password"] = ParvisFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("retiré ce rôle", await response.TextAsync(), StringComparison.Ordinal);
        Assert.True(await ExistsAsync(me.UserId));
    }

    [Fact]
    public async Task A_wrong_password_or_no_choice_deletes_nothing()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);

        var page = HtmlClient.Parse(await (await DeleteAsync(client, "erase", "pas le bon mot de passe")).Content.ReadAsStringAsync());
        Assert.Contains("Mot de passe incorrect : le compte n'a pas été supprimé.", page.Errors());
        page = HtmlClient.Parse(await (await DeleteAsync(client, "n'importe quoi")).Content.ReadAsStringAsync());
        Assert.Contains("Choisissez ce que deviennent vos contributions et commentaires.", page.Errors());

        Assert.True(await ExistsAsync(me.UserId));
        Assert.Equal(2, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.AuthorId == me.UserId)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte/donnees")).StatusCode);
    }

    [Fact]
    public async Task An_account_without_a_password_confirms_with_a_typed_word()
    {
        var me = await _app.LeaveAsync(_app.OrganizationA, Marker());
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(me.Email);
        // As an account created through FranceConnect: no password at all.
        await _app.InAAsync(db => db.Users.Where(u => u.Id == me.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null)));

        var form = await client.GetDocumentAsync("/compte/supprimer");
        Assert.Null(form.QuerySelector("input[name=Password]"));
        var page = await client.SubmitAndReadAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "keep", ["Confirmation"] = "supprimer" });
        Assert.Contains("Tapez SUPPRIMER en majuscules pour confirmer.", page.Errors());
        Assert.True(await ExistsAsync(me.UserId));

        var response = await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "keep", ["Confirmation"] = "SUPPRIMER" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await ExistsAsync(me.UserId));
    }
}
