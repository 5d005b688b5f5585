using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

[Collection(AppCollection.Name)]
public class ReactAndCommentTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(HttpClient Client, int ContributionId)> ContributionAsync()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Une idée à discuter" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        return (client, contributionId);
    }

    private static string Button(AngleSharp.Html.Dom.IHtmlDocument page, string kind) =>
        page.QuerySelector($"button[name=kind][value={kind}]")!.TextContent;

    [Fact]
    public async Task Agree_counts_once_toggles_off_and_switches_to_disagree()
    {
        var (_, contributionId) = await ContributionAsync();
        var (other, _) = await _app.CitizenClientAsync();
        var url = $"/contributions/{contributionId}";
        var page = await other.SubmitAndReadAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Agree");
        Assert.Equal("D'accord (1)", Button(page, "Agree"));
        Assert.Equal("true", page.QuerySelector("button[value=Agree]")!.GetAttribute("aria-pressed"));
        page = await other.SubmitAndReadAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Disagree");
        Assert.Equal("D'accord (0)", Button(page, "Agree"));
        Assert.Equal("Pas d'accord (1)", Button(page, "Disagree"));
        page = await other.SubmitAndReadAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Disagree");
        Assert.Equal("Pas d'accord (0)", Button(page, "Disagree"));
        Assert.Equal(0, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributionId)));
    }

    [Fact]
    public async Task A_contribution_hidden_meanwhile_takes_no_reaction_even_with_its_consultation_s_rules_in_memory()
    {
        var (_, contributionId) = await ContributionAsync();
        var url = $"/contributions/{contributionId}";
        var (first, _) = await _app.CitizenClientAsync();
        var form = await first.GetDocumentAsync(url);
        await first.SubmitAsync(form, url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Agree");
        // Hidden straight in the database: no staff action evicts anything, so only the statement itself can refuse.
        await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ModerationState.Hidden)));
        var (second, _) = await _app.CitizenClientAsync();
        var secondForm = await second.GetDocumentAsync($"/concertations/{await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.ConsultationId).SingleAsync())}");
        var refused = await second.SubmitAsync(secondForm, url, "form[action*=Contribute]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Agree");
        Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(1, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributionId)));
        Assert.Equal(1, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.AgreeCount).SingleAsync()));
    }

    [Fact]
    public async Task Simultaneous_reactions_are_all_counted()
    {
        var (_, contributionId) = await ContributionAsync();
        var url = $"/contributions/{contributionId}";
        var people = new List<HttpClient>();
        for (var i = 0; i < 8; i++) people.Add((await _app.CitizenClientAsync()).Client);
        await Task.WhenAll(people.Select(p => p.SubmitAsync(url, "form[action*=React]", new Dictionary<string, string?>(), $"{url}?handler=React&kind=Agree")));
        var page = await people[0].GetDocumentAsync(url);
        Assert.Equal("D'accord (8)", Button(page, "Agree"));
        // A visitor who is not signed in reads the count and is offered to sign in instead of a form.
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url);
        Assert.Null(visitor.QuerySelector("form[action*=React]"));
        Assert.Contains("D'accord (8)", visitor.QuerySelector("#reactions")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(visitor.QuerySelector("a[href^='/compte/connexion']"));
        Assert.Equal(8, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributionId)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_reaction_of_the_same_person()
    {
        var (_, contributionId) = await ContributionAsync();
        var userId = await _app.InAAsync(db => db.Users.Select(u => u.Id).FirstAsync());
        await _app.InAAsync(async db =>
        {
            db.Reactions.Add(new Reaction { ContributionId = contributionId, UserId = userId, Kind = ReactionKind.Agree, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return 0;
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => _app.InAAsync(async db =>
        {
            db.Reactions.Add(new Reaction { ContributionId = contributionId, UserId = userId, Kind = ReactionKind.Disagree, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Comments_thread_three_deep_with_stance_edit_and_soft_delete()
    {
        var (client, contributionId) = await ContributionAsync();
        var url = $"/contributions/{contributionId}";
        var page = await client.SubmitAndReadAsync(url, "form[action*='handler=Comment']:not(:has(input[name=parentId]))",
            new Dictionary<string, string?> { ["body"] = "Premier niveau", ["stance"] = "Against" });
        Assert.Contains("Contre", page.QuerySelector(".comment .badge")!.TextContent);
        for (var depth = 2; depth <= 3; depth++)
        {
            var deepest = page.QuerySelectorAll(".comment").Last();
            page = await client.SubmitAndReadAsync(url, $"#{deepest.Id} form[action*='handler=Comment']", new Dictionary<string, string?> { ["body"] = $"Niveau {depth}" });
        }
        Assert.Single(page.QuerySelectorAll(".comments .comments .comments .comment"));
        // No reply button at depth 3, and a crafted reply is refused.
        var third = page.QuerySelectorAll(".comment").Last();
        Assert.Null(third.QuerySelector("form[action*='handler=Comment']"));
        var thirdId = third.Id!.Replace("commentaire-", "", StringComparison.Ordinal);
        page = await client.SubmitAndReadAsync(url, "form[action*='handler=Comment']:not(:has(input[name=parentId]))",
            new Dictionary<string, string?> { ["body"] = "Niveau 4", ["parentId"] = thirdId });
        Assert.Contains(page.Errors(), e => e.Contains("plus loin", StringComparison.Ordinal));
        Assert.Equal(3, await _app.InAAsync(db => db.Comments.CountAsync(c => c.ContributionId == contributionId)));

        page = await client.SubmitAndReadAsync(url, $"#{third.Id} form[action*=EditComment]", new Dictionary<string, string?> { ["body"] = "Niveau 3 corrigé" });
        Assert.Contains("Niveau 3 corrigé", page.QuerySelector($"#{third.Id}")!.TextContent);
        Assert.Contains("modifié", page.QuerySelector($"#{third.Id} .meta")!.TextContent);

        page = await client.SubmitAndReadAsync(url, $"#{third.Id} form[action*=DeleteComment]", new Dictionary<string, string?>());
        Assert.Contains("Commentaire supprimé par son auteur.", page.QuerySelector($"#{third.Id}")!.TextContent);
        Assert.DoesNotContain("Niveau 3 corrigé", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Another_person_cannot_edit_or_delete_my_comment()
    {
        var (client, contributionId) = await ContributionAsync();
        var url = $"/contributions/{contributionId}";
        await client.SubmitAsync(url, "form[action*='handler=Comment']:not(:has(input[name=parentId]))", new Dictionary<string, string?> { ["body"] = "Mon avis" });
        var commentId = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).Select(c => c.Id).SingleAsync());
        var (other, _) = await _app.CitizenClientAsync();
        var page = await other.SubmitAndReadAsync(url, "form[action*=React]", new Dictionary<string, string?> { ["commentId"] = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["body"] = "Pirate" }, $"{url}?handler=EditComment");
        Assert.Contains(page.Errors(), e => e.Contains("Seul l'auteur", StringComparison.Ordinal));
        Assert.Equal("Mon avis", await _app.InAAsync(db => db.Comments.Where(c => c.Id == commentId).Select(c => c.Body).SingleAsync()));
    }

    [Fact]
    public async Task Lists_sort_by_support_filter_by_answer_and_page()
    {
        var id = await _app.NewOpenConsultationAsync();
        await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == id).Select(c => c.TerritoryId).SingleAsync();
            for (var i = 0; i < 25; i++)
                db.Contributions.Add(new Contribution { ConsultationId = id, TerritoryId = territory, Body = $"Idée {i:00}", Title = $"Idée {i:00}", AgreeCount = i == 7 ? 50 : i, CreatedAt = DateTime.UtcNow.AddMinutes(-i), FirstAnsweredAt = i == 3 ? DateTime.UtcNow : null });
            return await db.SaveChangesAsync();
        });
        var client = _app.ClientFor(ParvisFactory.HostA);
        var recent = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Equal("Idée 00", recent.QuerySelector(".contribution h3")!.TextContent.Trim());
        Assert.Equal(20, recent.QuerySelectorAll(".contribution").Length);
        var supported = await client.GetDocumentAsync($"/concertations/{id}?tri=Supported");
        Assert.Equal("Idée 07", supported.QuerySelector(".contribution h3")!.TextContent.Trim());
        var next = supported.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var page2 = await client.GetDocumentAsync(next);
        Assert.Equal(5, page2.QuerySelectorAll(".contribution").Length);
        var answered = await client.GetDocumentAsync($"/concertations/{id}?reponse=true");
        Assert.Equal("Idée 03", answered.QuerySelector(".contribution h3")!.TextContent.Trim());
        var random1 = await client.GetDocumentAsync($"/concertations/{id}?tri=Random&graine=42");
        var random2 = await client.GetDocumentAsync(random1.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var all = random1.QuerySelectorAll(".contribution h3").Concat(random2.QuerySelectorAll(".contribution h3")).Select(h => h.TextContent).ToList();
        Assert.Equal(25, all.Distinct().Count());
    }
}
