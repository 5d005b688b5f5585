using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Moderation;

[Collection(AppCollection.Name)]
public class CommentModerationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(HttpClient Author, int ContributionId)> ContributionAsync(bool preModeration)
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.PreModeration = preModeration);
        await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == id).Select(c => c.TerritoryId).SingleAsync();
            db.Contributions.Add(new Contribution { ConsultationId = id, TerritoryId = territory, Body = "Idée publiée", CreatedAt = DateTime.UtcNow, State = ModerationState.Published });
            return await db.SaveChangesAsync();
        });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var (author, _) = await _app.CitizenClientAsync();
        return (author, contributionId);
    }

    private static Task<HttpResponseMessage> CommentAsync(HttpClient client, int contributionId, string body) =>
        client.SubmitAsync($"/contributions/{contributionId}", "form[action*='handler=Comment']:not(:has(input[name=parentId]))", new Dictionary<string, string?> { ["body"] = body });

    [Fact]
    public async Task Under_pre_moderation_a_comment_shows_to_its_author_only_until_a_moderator_publishes_it()
    {
        var (author, contributionId) = await ContributionAsync(preModeration: true);
        var url = $"/contributions/{contributionId}";
        await CommentAsync(author, contributionId, "Commentaire à valider");
        Assert.Contains("En attente de modération", (await author.GetDocumentAsync(url)).QuerySelector("#commentaires")!.ParentElement!.TextContent);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync(url);
        Assert.DoesNotContain("Commentaire à valider", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Commentaires (0)", page.QuerySelector("#commentaires")!.TextContent);

        var commentId = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=commentId][value='{commentId}'])", new Dictionary<string, string?> { ["reason"] = "Conforme" }, "/moderation?handler=RestoreComment");
        page = await visitor.GetDocumentAsync(url);
        Assert.Contains("Commentaire à valider", page.QuerySelector(".comment")!.TextContent);
        Assert.Contains("Commentaires (1)", page.QuerySelector("#commentaires")!.TextContent);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "comment.restore" && a.TargetId == commentId.ToString())));
    }

    [Fact]
    public async Task A_reply_carries_the_stance_its_author_chose()
    {
        var (author, contributionId) = await ContributionAsync(preModeration: false);
        var url = $"/contributions/{contributionId}";
        await CommentAsync(author, contributionId, "Premier avis");
        var parent = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        var (replier, _) = await _app.CitizenClientAsync();
        var form = (await replier.GetDocumentAsync(url)).QuerySelector($"form:has(input[name=parentId][value='{parent}'])")!;
        Assert.Equal(["For", "Neutral", "Against"], form.QuerySelectorAll("input[type=radio][name=stance]").Select(r => r.GetAttribute("value")));
        var page = await replier.SubmitAndReadAsync(url, $"form:has(input[name=parentId][value='{parent}'])", new Dictionary<string, string?> { ["body"] = "Je suis contre", ["stance"] = "Against" });
        var reply = await _app.InAAsync(db => db.Comments.SingleAsync(c => c.ParentId == parent));
        Assert.Equal(Stance.Against, reply.Stance);
        Assert.Contains("Contre", page.QuerySelector($"#commentaire-{reply.Id} .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_shows_who_wrote_a_comment_and_offers_to_keep_a_public_one()
    {
        var (author, contributionId) = await ContributionAsync(preModeration: false);
        await CommentAsync(author, contributionId, "Avis discuté");
        var comment = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId)
            .Select(c => new { c.Id, Pseudonym = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).First() }).SingleAsync());
        var (flagger, _) = await _app.CitizenClientAsync();
        await flagger.SubmitAsync($"/contributions/{contributionId}", $"#commentaire-{comment.Id} form[action*=FlagComment]", new Dictionary<string, string?> { ["reason"] = "Douteux" });

        var moderator = await _app.SignedInAsync("moderation");
        var item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"li:has(input[name=commentId][value='{comment.Id}'])")!;
        Assert.Contains($"par {comment.Pseudonym}, le ", item.TextContent, StringComparison.Ordinal);
        var buttons = item.QuerySelectorAll("form button").Select(b => b.ChildNodes.OfType<AngleSharp.Dom.IText>().First().Text.Trim()).ToList();
        Assert.Equal(["Garder publié", "Masquer"], buttons);
    }

    [Fact]
    public async Task Three_flags_hide_a_comment_and_a_moderator_hides_it_for_good()
    {
        var (author, contributionId) = await ContributionAsync(preModeration: false);
        var url = $"/contributions/{contributionId}";
        await CommentAsync(author, contributionId, "Propos déplacés");
        var commentId = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        for (var i = 0; i < 3; i++)
        {
            var (flagger, _) = await _app.CitizenClientAsync();
            var flagged = await flagger.SubmitAndReadAsync(url, $"#commentaire-{commentId} form[action*=FlagComment]", new Dictionary<string, string?> { ["reason"] = "Insultant" });
            Assert.Contains("la modération examinera", flagged.QuerySelector(".notice")!.TextContent);
        }
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url);
        Assert.DoesNotContain("Propos déplacés", visitor.QuerySelector("main")!.TextContent);

        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation");
        Assert.Contains("Insultant", queue.QuerySelector($"li:has(input[name=commentId][value='{commentId}'])")!.TextContent);
        var page = await moderator.SubmitAndReadAsync("/moderation", $"form:has(input[name=commentId][value='{commentId}'])", new Dictionary<string, string?> { ["reason"] = "" }, "/moderation?handler=HideComment");
        Assert.Contains("Indiquez le motif du masquage.", page.Errors());
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=commentId][value='{commentId}'])", new Dictionary<string, string?> { ["reason"] = "Injures" }, "/moderation?handler=HideComment");
        var hidden = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url);
        Assert.Contains("Commentaire masqué par la modération.", hidden.QuerySelector($"#commentaire-{commentId}")!.TextContent);
        Assert.Equal(ModerationState.Hidden, await _app.InAAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.State).SingleAsync()));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "comment.hide" && a.TargetId == commentId.ToString())));
    }

    [Fact]
    public async Task A_person_flags_a_comment_once()
    {
        var (author, contributionId) = await ContributionAsync(preModeration: false);
        var url = $"/contributions/{contributionId}";
        await CommentAsync(author, contributionId, "Un avis");
        var commentId = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        var (flagger, _) = await _app.CitizenClientAsync();
        await flagger.SubmitAsync(url, $"#commentaire-{commentId} form[action*=FlagComment]", new Dictionary<string, string?> { ["reason"] = "Spam" });
        var page = await flagger.SubmitAndReadAsync(url, $"#commentaire-{commentId} form[action*=FlagComment]", new Dictionary<string, string?> { ["reason"] = "Spam encore" });
        Assert.Contains(page.Errors(), e => e.Contains("déjà signalé ce commentaire", StringComparison.Ordinal));
        Assert.Equal(1, await _app.InAAsync(db => db.CommentFlags.CountAsync(f => f.CommentId == commentId)));
    }
}
