using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

[Collection(AppCollection.Name)]
public class ContributeTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Body(string text, string? title = null) => new() { ["Input.Body"] = text, ["Input.Title"] = title };

    [Fact]
    public async Task A_signed_in_citizen_contributes_and_sees_it_published_in_the_list()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("Des fontaines à eau sur la place.", "Fontaines"));
        Assert.Equal("Fontaines", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("votre contribution est publiée", page.QuerySelector(".notice")!.TextContent);
        var list = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Contains(list.QuerySelectorAll(".contribution h3"), h => h.TextContent.Contains("Fontaines", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "le texte est vide")]
    [InlineData("   ", "le texte est vide")]
    public async Task Empty_contribution_is_refused_and_nothing_saved(string text, string expected)
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body(text));
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Too_long_contribution_is_refused_and_nothing_saved()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body(new string('a', Contribution.MaxBody + 1)));
        Assert.Contains(page.Errors(), e => e.Contains("dépasse 10000 caractères", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Contributing_before_the_contribution_phase_is_refused_by_the_domain()
    {
        var id = await _app.IdAsync(ConsultationData.Upcoming);
        var (client, _) = await _app.CitizenClientAsync();
        var before = await _app.CountContributionsAsync(id);
        Assert.Empty((await client.GetDocumentAsync($"/concertations/{id}")).QuerySelectorAll("form[action*=Contribute]"));
        // The form is not shown, but a crafted post must fail too.
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Trop tôt"), $"/concertations/{id}?handler=Contribute");
        Assert.Contains(page.Errors(), e => e.Contains("pas encore possible", StringComparison.Ordinal));
        Assert.Equal(before, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Contributing_after_the_contribution_phase_is_refused()
    {
        var id = await _app.IdAsync(ConsultationData.Synthesis);
        var (client, _) = await _app.CitizenClientAsync();
        var before = await _app.CountContributionsAsync(id);
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Trop tard"), $"/concertations/{id}?handler=Contribute");
        Assert.Contains(page.Errors(), e => e.Contains("terminée", StringComparison.Ordinal));
        Assert.Equal(before, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Without_an_account_contributing_asks_to_sign_in_unless_the_space_allows_anyone()
    {
        var closedToAnonymous = await _app.NewOpenConsultationAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var page = await client.SubmitAndReadAsync("/compte/connexion", "main form", Body("Sans compte"), $"/concertations/{closedToAnonymous}?handler=Contribute");
        Assert.Contains(page.Errors(), e => e.Contains("Connectez-vous", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(closedToAnonymous));

        var openToAnyone = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.Anyone);
        var published = await client.SubmitAndReadAsync($"/concertations/{openToAnyone}", "form[action*=Contribute]", Body("Contribution anonyme"));
        Assert.Contains("Par Anonyme", published.QuerySelector("main")!.TextContent);
        Assert.Equal(1, await _app.CountContributionsAsync(openToAnyone));
    }

    [Fact]
    public async Task A_consultation_of_another_organization_is_not_found()
    {
        var idInB = await _app.IdAsync(ConsultationData.Open, _app.OrganizationB);
        var idsInA = await _app.InAAsync(db => db.Consultations.Select(c => c.Id).ToListAsync());
        Assert.DoesNotContain(idInB, idsInA);
        var (client, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/concertations/{idInB}")).StatusCode);
        var before = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Contributions.CountAsync());
        var response = await client.SubmitAsync($"/concertations", "header form", Body("Intrusion"), $"/concertations/{idInB}?handler=Contribute");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Contributions.CountAsync()));
    }

    [Fact]
    public async Task Under_pre_moderation_nothing_appears_before_a_moderator_accepts_it()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.PreModeration = true);
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("À valider"));
        Assert.Contains("après validation", page.QuerySelector(".notice")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".contribution"));

        var moderator = await _app.SignedInAsync("moderation");
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var queue = await moderator.GetDocumentAsync("/moderation");
        Assert.NotNull(queue.QuerySelector($"a[href='/contributions/{contributionId}']"));
        await moderator.SubmitAndReadAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Conforme" }, "/moderation?handler=Restore");

        var list = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Single(list.QuerySelectorAll(".contribution"));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contribution.restore" && a.TargetId == contributionId.ToString())));
    }

    [Fact]
    public async Task Public_inquiry_observations_are_numbered_in_the_register()
    {
        var id = await _app.IdAsync(ConsultationData.Inquiry);
        var (client, _) = await _app.CitizenClientAsync();
        var first = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("Première observation"));
        var second = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("Seconde observation"));
        var n1 = int.Parse(System.Text.RegularExpressions.Regex.Match(first.QuerySelector("h1")!.TextContent, @"n° (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var n2 = int.Parse(System.Text.RegularExpressions.Regex.Match(second.QuerySelector("h1")!.TextContent, @"n° (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(n1 + 1, n2);
    }

    [Fact]
    public async Task An_agent_enters_a_paper_contribution_that_counts_like_the_others()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", new Dictionary<string, string?>
        {
            ["Offline.Channel"] = "PaperRegister",
            ["Offline.AuthorName"] = "M. Germain",
            ["Offline.Body"] = "Écrit au registre : plus de bancs.",
        });
        Assert.Contains("M. Germain", page.QuerySelector("main")!.TextContent);
        Assert.Contains("reçue par registre papier", page.QuerySelector("main")!.TextContent);
        var list = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        Assert.Contains("Contributions (1)", list.QuerySelector("#contributions")!.TextContent);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contribution.enter-offline")));
    }

    [Fact]
    public async Task A_citizen_cannot_use_the_agent_entry()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.SubmitAsync($"/concertations/{id}", "header form",
            new Dictionary<string, string?> { ["Offline.Channel"] = "Mail", ["Offline.Body"] = "Usurpation" }, $"/concertations/{id}?handler=Offline");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }
}
