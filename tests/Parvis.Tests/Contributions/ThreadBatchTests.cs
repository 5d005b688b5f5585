using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Contributions;
using Parvis.Testing;

namespace Parvis.Tests.Contributions;

/// <summary>A long thread is shown a batch of top-level comments at a time, each with its replies.</summary>
[Collection(AppCollection.Name)]
public class ThreadBatchTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>120 top-level comments, a reply and a reply to it under the 3rd, a reply under the 110th.</summary>
    private async Task<(int Contribution, List<Comment> Tops, Comment DeepReply, Comment LateReply)> ThreadAsync()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var contribution = (await _app.AddContributionsAsync(consultation, 1))[0];
        return await _app.InAAsync(async db =>
        {
            var author = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            var start = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
            Comment New(int i, Comment? parent, int minutes) => new()
            {
                ContributionId = contribution,
                ParentId = parent?.Id,
                Depth = Comment.DepthUnder(parent),
                AuthorId = author,
                Body = parent is null ? $"Commentaire {i:000}" : $"Réponse à {parent.Body}",
                CreatedAt = start.AddMinutes(minutes),
            };
            // Two comments share each minute: the id breaks the tie.
            var tops = Enumerable.Range(0, 120).Select(i => New(i, null, i / 2)).ToList();
            db.Comments.AddRange(tops);
            await db.SaveChangesAsync();
            var reply = New(0, tops[2], 500);
            var late = New(0, tops[109], 501);
            db.Comments.AddRange(reply, late);
            await db.SaveChangesAsync();
            var deep = New(0, reply, 502);
            db.Comments.Add(deep);
            await db.SaveChangesAsync();
            return (contribution, tops, deep, late);
        });
    }

    private static List<string> TopLevel(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("li.comment").Where(li => li.ParentElement?.ParentElement?.ClassList.Contains("comment") != true)
            .Select(li => li.Id!).ToList();

    private static string Anchor(Comment c) => $"commentaire-{c.Id}";

    [Fact]
    public async Task A_long_thread_shows_fifty_comments_and_a_link_to_the_next_ones()
    {
        var (id, tops, deep, late) = await ThreadAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);

        var page = await visitor.GetDocumentAsync($"/contributions/{id}");
        Assert.Equal(tops.Take(ContributionQueries.BatchSize).Select(Anchor), TopLevel(page));
        Assert.NotNull(page.QuerySelector($"#{Anchor(tops[2])} #{Anchor(deep)}"));
        Assert.Null(page.QuerySelector($"#{Anchor(late)}"));
        Assert.Null(page.QuerySelector("a[href$='#commentaires']:not([rel])"));

        var seen = TopLevel(page);
        while (page.QuerySelector("a[rel=next][href*='commentaires=']") is { } next)
        {
            page = await visitor.GetDocumentAsync(next.GetAttribute("href")!);
            Assert.Equal("Premiers commentaires", page.QuerySelector("a[href$='#commentaires']:not([rel])")!.TextContent);
            seen.AddRange(TopLevel(page));
        }
        Assert.Equal(tops.Select(Anchor), seen);
        Assert.Equal(20, TopLevel(page).Count);
        Assert.NotNull(page.QuerySelector($"#{Anchor(tops[109])} #{Anchor(late)}"));
    }

    [Fact]
    public async Task A_linked_comment_deep_in_the_thread_is_shown_and_a_cursor_that_means_nothing_starts_over()
    {
        var (id, tops, deep, late) = await ThreadAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);

        var linked = await visitor.GetDocumentAsync(DetailsModel.CommentLink(id, late.Id));
        Assert.NotNull(linked.QuerySelector($"#{Anchor(late)}"));
        Assert.Equal(Anchor(tops[109]), TopLevel(linked)[0]);
        var reply = await visitor.GetDocumentAsync(DetailsModel.CommentLink(id, deep.Id));
        Assert.NotNull(reply.QuerySelector($"#{Anchor(deep)}"));

        foreach (var query in new[] { "commentaires=zz", "commentaires=-1_5", "commentaire=999999999", "commentaire=abc" })
        {
            var page = await visitor.GetDocumentAsync($"/contributions/{id}?{query}");
            Assert.Equal(Anchor(tops[0]), TopLevel(page)[0]);
        }
    }

    [Fact]
    public async Task After_commenting_the_page_shows_the_new_comment_even_past_the_first_batch()
    {
        var (id, _, _, _) = await ThreadAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var url = $"/contributions/{id}";
        var response = await client.SubmitAsync(url, "form[action*='handler=Comment']:not(:has(input[name=parentId]))",
            new Dictionary<string, string?> { ["body"] = "Le dernier mot" });
        var location = response.Headers.Location!.ToString();
        Assert.Contains("?commentaire=", location, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync(location);
        var anchor = location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.Contains("Le dernier mot", page.QuerySelector($"#{anchor}")!.TextContent, StringComparison.Ordinal);
    }
}
