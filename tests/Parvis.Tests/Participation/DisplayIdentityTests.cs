using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Participation;

/// <summary>Per contribution, a person picks how they are shown, within what the space allows, and which verified badges to show.</summary>
[Collection(CivicAppCollection.Name)]
public class DisplayIdentityTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> SpaceAsync() => _app.NewOpenConsultationAsync(c =>
    {
        c.Rules.AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.PartialName | DisplayChoices.Anonymous;
        c.Rules.DisplayIdentity = DisplayIdentity.Pseudonym;
    });

    private static Dictionary<string, string?> Post(string body, string? display = null) =>
        new() { ["Input.Body"] = body, ["Input.DisplayAs"] = display };

    [Fact]
    public async Task A_partial_name_shows_Camille_D_without_a_profile_link_and_keeps_the_page_out_of_search_engines()
    {
        var id = await SpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var form = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Equal(3, form.QuerySelectorAll("input[name='Input.DisplayAs']").Length);
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Post("Sous mon prénom", "PartialName"));
        Assert.Contains("Par Camille D.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Null(page.QuerySelector("a[href^='/profils/']"));
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var userId = await _app.UserIdAsync(email);
        var profile = await client.GetDocumentAsync($"/profils/{userId}");
        Assert.Null(profile.QuerySelector($"a[href='/contributions/{contributionId}']"));
    }

    [Fact]
    public async Task A_pseudonym_links_to_the_profile_is_indexable_and_listed_in_the_sitemap_while_anonymous_is_not()
    {
        var id = await SpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var pseudonymous = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Post("Sous pseudonyme", "Pseudonym"));
        Assert.Null(pseudonymous.QuerySelector("meta[name=robots]"));
        Assert.NotNull(pseudonymous.QuerySelector("a[href^='/profils/']"));
        var anonymous = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Post("Sans nom", "Anonymous"));
        Assert.Contains("Par Anonyme", anonymous.QuerySelector("main")!.TextContent);
        Assert.Equal("noindex", anonymous.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        var ids = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        var profile = await client.GetDocumentAsync($"/profils/{await _app.UserIdAsync(email)}");
        Assert.NotNull(profile.QuerySelector($"a[href='/contributions/{ids[0]}']"));
        Assert.Null(profile.QuerySelector($"a[href='/contributions/{ids[1]}']"));

        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var index = await (await visitor.GetAsync("/sitemap.xml")).Content.ReadAsStringAsync();
        var file = System.Text.RegularExpressions.Regex.Match(index, $@"http://a\.test/sitemap-contributions-{ids[0] / 50_000}\.xml").Value;
        Assert.NotEmpty(file);
        var sitemap = await (await visitor.GetAsync(new Uri(file).PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains($"/contributions/{ids[0]}<", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain($"/contributions/{ids[1]}<", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("/profils/", sitemap, StringComparison.Ordinal);
        Assert.Contains("Disallow: /profils/", await (await visitor.GetAsync("/robots.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sitemap_lists_the_proposals_and_a_visible_pseudonymous_proposal_but_neither_a_hidden_nor_a_named_one()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => s.AllowedDisplays = DisplayChoices.Pseudonym | DisplayChoices.FullName);
        var author = await _app.UserIdAsync(await _app.NewCitizenAsync());
        var pseudonymous = await _app.AddProposalAsync(spaceId, "Sous pseudonyme", "Texte.", author);
        var hidden = await _app.AddProposalAsync(spaceId, "Masquée", "Texte.", author);
        var named = await _app.AddProposalAsync(spaceId, "Sous mon nom", "Texte.", author);
        var merged = await _app.AddProposalAsync(spaceId, "Doublon", "Texte.", author);
        await _app.InAAsync(async db =>
        {
            await db.Proposals.Where(p => p.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ModerationState.Hidden).SetProperty(p => p.ModerationReason, "Injures"));
            await db.Proposals.Where(p => p.Id == named).ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayAs, DisplayIdentity.FullName));
            return await db.Proposals.Where(p => p.Id == merged).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalState.Merged).SetProperty(p => p.MergedIntoId, pseudonymous));
        });
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        // What the sitemap leaves out, the page itself keeps out of search engines.
        Assert.Null((await visitor.GetDocumentAsync($"/propositions/{pseudonymous}")).QuerySelector("meta[name=robots]"));
        var namedPage = await visitor.GetDocumentAsync($"/propositions/{named}");
        Assert.Contains("Camille Dupont", namedPage.QuerySelector("main")!.TextContent);
        Assert.Equal("noindex", namedPage.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        var pages = await (await visitor.GetAsync("/sitemap-pages.xml")).Content.ReadAsStringAsync();
        Assert.Contains("http://a.test/propositions</loc>", pages, StringComparison.Ordinal);
        Assert.Contains($"http://a.test/propositions/espaces/{spaceId}</loc>", pages, StringComparison.Ordinal);
        var index = await (await visitor.GetAsync("/sitemap.xml")).Content.ReadAsStringAsync();
        var file = System.Text.RegularExpressions.Regex.Match(index, $@"http://a\.test/sitemap-propositions-{pseudonymous / 50_000}\.xml").Value;
        Assert.NotEmpty(file);
        var sitemap = await (await visitor.GetAsync(new Uri(file).PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains($"http://a.test/propositions/{pseudonymous}</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain($"/propositions/{hidden}<", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain($"/propositions/{named}<", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain($"/propositions/{merged}<", sitemap, StringComparison.Ordinal);
        // Ville B's sitemap holds none of Ville A's proposals.
        var other = await (await _app.ClientFor(ParvisFactory.HostB).GetAsync(new Uri(file).PathAndQuery)).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"/propositions/{pseudonymous}<", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_display_the_space_does_not_allow_is_refused_and_nothing_saved()
    {
        var id = await SpaceAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Post("Nom complet", "FullName"));
        Assert.Contains(page.Errors(), e => e.Contains("pas proposé", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Verified_badges_show_beside_an_anonymous_name_only_when_chosen_and_disappear_when_revoked()
    {
        var id = await SpaceAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var verification = await _app.VerifyAsync(email, residentOf: "Quartier de la Gare", elector: true, age: AgeBracket.From30To39);
        var form = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Equal(3, form.QuerySelectorAll("input[name='Input.Badges']").Length);
        var response = await client.SubmitAsync(form, $"/concertations/{id}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = "Habitante anonyme", ["Input.DisplayAs"] = "Anonymous", ["Input.Badges"] = "Residence" });
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var meta = page.QuerySelector("main p.meta:not(:has(a))")!.TextContent;
        Assert.Contains("Anonyme", meta);
        Assert.Contains("habitant vérifié · Quartier de la Gare", meta);
        Assert.DoesNotContain("électeur", meta);
        Assert.DoesNotContain("30–39", meta);
        var list = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        Assert.Contains("habitant vérifié · Quartier de la Gare", list.QuerySelector(".contribution")!.TextContent);

        await _app.InAAsync(async db =>
        {
            (await db.Verifications.SingleAsync(v => v.Id == verification)).Revoke("Déménagement", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var after = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("habitant vérifié", after.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_badge_the_person_does_not_hold_is_not_stored()
    {
        var id = await SpaceAsync();
        var (client, _) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = "Je me dis électeur", ["Input.Badges"] = "Elector" });
        Assert.Equal(BadgeChoices.None, await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Badges).SingleAsync()));
    }

    [Fact]
    public async Task A_deleted_account_s_contribution_shows_Participant_supprime()
    {
        var id = await SpaceAsync();
        var email = await _app.NewCitizenAsync();
        var userId = await _app.UserIdAsync(email);
        var contribution = (await _app.AddContributionsAsync(id, 1, (c, _) => c.AuthorId = userId))[0];
        await _app.InAAsync(db => db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync());
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/contributions/{contribution}");
        Assert.Contains("Par Participant supprimé", page.QuerySelector("main")!.TextContent);
    }
}
