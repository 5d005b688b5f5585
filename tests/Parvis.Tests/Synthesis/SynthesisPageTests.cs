using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Demo;
using Parvis.Features.Synthesis;
using Parvis.Testing;

namespace Parvis.Tests.Synthesis;

/// <summary>
/// The staff's synthesis of a consultation: grouping asked for on the page and computed by the job, groups with their
/// copies, themes named, merged, moved and quoted, and the themes in the closing report's draft.
/// </summary>
[Collection(AppCollection.Name)]
public partial class SynthesisPageTests(AppFixture fixture)
{
    private const int Campaign = 8;
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A consultation of the demo agent's service with 60 contributions on six subjects and a campaign posted 8 times.</summary>
    private async Task<(int Id, List<int> Texts, List<int> Copies)> ConsultationAsync()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var random = new Random(5);
        var texts = await _app.AddContributionsAsync(id, 60, (c, i) => c.Body = DemoContributionTexts.Write(random, i % 6));
        var copies = await _app.AddContributionsAsync(id, Campaign, (c, i) => c.Body = DemoContributionTexts.CampaignCopy(random, i));
        return (id, texts, copies);
    }

    /// <summary>A published contribution of Ville B.</summary>
    private Task<int> ForeignContributionAsync() => _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
    {
        var consultation = await db.Consultations.FirstAsync();
        var contribution = new Contribution
        {
            ConsultationId = consultation.Id,
            TerritoryId = consultation.TerritoryId,
            Body = "Texte de B",
            State = ModerationState.Published,
            CreatedAt = DateTime.UtcNow
        };
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();
        return contribution.Id;
    });

    private async Task RunJobAsync()
    {
        using var scope = _app.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<GroupingJob>(_app.Services);
        await job.RunAsync(scope.ServiceProvider, default);
    }

    private static string Url(int id) => $"/admin/concertations/{id}/synthese";

    /// <summary>Asks for the grouping on the page, then lets the job compute it (whichever run takes the request).</summary>
    private async Task GroupAsync(HttpClient staff, int id)
    {
        await staff.SubmitAsync(Url(id), "form[action*=Request]", new Dictionary<string, string?>());
        await Eventually.UntilAsync(async () =>
        {
            await RunJobAsync();
            return await _app.InAAsync(db => db.ContributionGroupings.AnyAsync(g => g.ConsultationId == id && g.Progress == 100 && g.RequestedAt == null));
        }, TimeSpan.FromSeconds(30), "the grouping was not computed");
    }

    [Fact]
    public async Task Staff_ask_for_a_grouping_the_job_computes_it_and_the_page_shows_groups_with_copies_once()
    {
        var (id, _, copies) = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.GetDocumentAsync(Url(id));
        Assert.Contains("Les contributions n'ont pas encore été regroupées.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        page = await agent.SubmitAndReadAsync(Url(id), "form[action*=Request]", new Dictionary<string, string?>());
        var grouping = await _app.InAAsync(db => db.ContributionGroupings.AsNoTracking().SingleAsync(g => g.ConsultationId == id));
        // The request only asks: unless the application's own job took it already, nothing is computed yet.
        Assert.True(grouping.Json is null || grouping.StartedAt is not null);
        if (grouping.Json is null)
        {
            Assert.Matches(@"Regroupement en cours : \d+ %", page.QuerySelector("#progression")!.TextContent);
            // No automatic refresh (axe: meta-refresh, WCAG 2.2.1): a link reloads the page.
            Assert.Equal(Url(id), page.QuerySelector("#progression a")!.GetAttribute("href"));
        }
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "synthesis.group" && a.TargetId == id.ToString())));

        await GroupAsync(agent, id);
        page = await agent.GetDocumentAsync(Url(id));
        Assert.Null(page.QuerySelector("#progression"));
        var groups = page.QuerySelectorAll("article.synthesis-group");
        Assert.InRange(groups.Length, 2, TextGrouping.MaxGroups);
        Assert.Contains("68 contributions publiées regroupées", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The campaign is shown once, with its count, in one group.
        var campaign = page.QuerySelectorAll("ul.synthesis-copies li").Where(li => li.TextContent.Contains("publiée 8 fois", StringComparison.Ordinal)).ToList();
        Assert.Single(campaign);
        Assert.Contains($"/contributions/{copies[0]}", campaign[0].InnerHtml, StringComparison.Ordinal);
        Assert.All(groups, g => Assert.Matches(@"Groupe \d+ : \w+", g.QuerySelector("h3")!.TextContent));
    }

    [Fact]
    public async Task Staff_name_merge_move_and_quote_themes_and_find_them_in_the_closing_report_draft()
    {
        var (id, texts, copies) = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await GroupAsync(agent, id);
        var groups = GroupingStore.Groups(await _app.InAAsync(db => db.ContributionGroupings.SingleAsync(g => g.ConsultationId == id)))!.Groups;
        var campaignGroup = groups.Single(g => g.Members.Contains(copies[0]));
        var other = groups.First(g => g.Number != campaignGroup.Number);
        var third = groups.First(g => g.Number != campaignGroup.Number && g.Number != other.Number);

        var page = await agent.SubmitAndReadAsync(Url(id), $"article[aria-labelledby=groupe-{campaignGroup.Number}] form[action*=NameGroup]",
            new Dictionary<string, string?> { ["name"] = "  Pistes   cyclables " });
        Assert.Equal("Pistes cyclables", page.QuerySelector("h3.theme-name")!.TextContent);
        var theme = await _app.InAAsync(db => db.SynthesisThemes.SingleAsync(t => t.ConsultationId == id));
        Assert.Equal(campaignGroup.Size, await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id)));

        // Another group merged into the theme, then one of its contributions moved to a second theme.
        await agent.SubmitAndReadAsync(Url(id), $"article[aria-labelledby=groupe-{other.Number}] form[action*=AddGroup]",
            new Dictionary<string, string?> { ["theme"] = theme.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(campaignGroup.Size + other.Size, await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id)));
        await agent.SubmitAndReadAsync(Url(id), $"article[aria-labelledby=groupe-{third.Number}] form[action*=NameGroup]",
            new Dictionary<string, string?> { ["name"] = "Autres sujets" });
        var second = await _app.InAAsync(db => db.SynthesisThemes.SingleAsync(t => t.ConsultationId == id && t.Name == "Autres sujets"));
        var moved = other.Members[0];
        await agent.SubmitAndReadAsync(Url(id), "#placer",
            new Dictionary<string, string?> { ["contribution"] = moved.ToString(CultureInfo.InvariantCulture), ["theme"] = second.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(second.Id, await _app.InAAsync(db => db.ThemeContributions.Where(t => t.ContributionId == moved).Select(t => t.ThemeId).SingleAsync()));
        Assert.Equal(campaignGroup.Size + other.Size - 1, await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id)));

        // A quote chosen, shown on the page, then everything in the closing report's draft.
        page = await agent.SubmitAndReadAsync(Url(id), "#citer",
            new Dictionary<string, string?> { ["contribution"] = copies[0].ToString(CultureInfo.InvariantCulture) });
        Assert.Contains($"/contributions/{copies[0]}", page.QuerySelector("ul.theme-quotes")!.InnerHtml, StringComparison.Ordinal);
        var draft = await agent.SubmitAndReadAsync($"/admin/concertations/{id}/cloture", "main form",
            new Dictionary<string, string?> { ["Report"] = "Notre bilan." }, $"/admin/concertations/{id}/cloture?handler=InsertThemes");
        var report = draft.QuerySelector("textarea[name=Report]")!.TextContent;
        Assert.StartsWith("Notre bilan.", report, StringComparison.Ordinal);
        Assert.Contains("## Thèmes des contributions", report, StringComparison.Ordinal);
        Assert.Contains($"### Pistes cyclables ({campaignGroup.Size + other.Size - 1} contributions)", report, StringComparison.Ordinal);
        var quoted = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == copies[0]).Select(c => c.Body).SingleAsync());
        Assert.Contains($"- « {quoted} »", report, StringComparison.Ordinal);
        Assert.Contains($"(/contributions/{copies[0]})", report, StringComparison.Ordinal);
        Assert.Contains("### Autres sujets (", report, StringComparison.Ordinal);
        Assert.Null(await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.ClosedAt).SingleAsync()));
        foreach (var action in new[] { "synthesis.theme-name", "synthesis.theme-merge", "synthesis.theme-move", "synthesis.theme-quote", "synthesis.export" })
            Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == action && a.TargetId == id.ToString())), action);
        Assert.NotEmpty(texts);
    }

    [Fact]
    public async Task Bad_theme_input_is_refused_with_a_french_message_and_nothing_saved()
    {
        var (id, _, _) = await ConsultationAsync();
        var (otherId, otherTexts, _) = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await GroupAsync(agent, id);
        async Task<string> ErrorAsync(string form, Dictionary<string, string?> values)
        {
            var response = await agent.SubmitAsync(Url(id), form, values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join(" ", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        var name = "article form[action*=NameGroup]";
        Assert.Contains("Donnez un nom au thème.", await ErrorAsync(name, new() { ["name"] = "   " }), StringComparison.Ordinal);
        Assert.Contains("120 caractères au plus", await ErrorAsync(name, new() { ["name"] = new string('é', 121) }), StringComparison.Ordinal);
        Assert.Contains("Ce groupe n'existe pas", await ErrorAsync(name, new() { ["name"] = "Fantôme", ["group"] = "999" }), StringComparison.Ordinal);
        Assert.Equal(0, await _app.InAAsync(db => db.SynthesisThemes.CountAsync(t => t.ConsultationId == id)));

        await agent.SubmitAsync(Url(id), name, new Dictionary<string, string?> { ["name"] = "Vélo" });
        Assert.Contains("s'appelle déjà « Vélo »", await ErrorAsync(name, new() { ["name"] = "Vélo" }), StringComparison.Ordinal);
        var theme = await _app.InAAsync(db => db.SynthesisThemes.SingleAsync(t => t.ConsultationId == id));
        var before = await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id));
        var move = "#placer";
        // A contribution of another consultation, of another organization, none, or not a number: refused, nothing moved.
        var foreign = await ForeignContributionAsync();
        foreach (var contribution in new[] { otherTexts[0].ToString(CultureInfo.InvariantCulture), foreign.ToString(CultureInfo.InvariantCulture), "", "douze" })
            Assert.NotEmpty(await ErrorAsync(move, new() { ["contribution"] = contribution, ["theme"] = theme.Id.ToString(CultureInfo.InvariantCulture) }));
        Assert.Contains("Choisissez un thème de cette concertation.",
            await ErrorAsync(move, new() { ["contribution"] = otherTexts[0].ToString(CultureInfo.InvariantCulture), ["theme"] = "0" }), StringComparison.Ordinal);
        Assert.False(await _app.InAAsync(db => db.ThemeContributions.AnyAsync(t => t.ContributionId == otherTexts[0] || t.ContributionId == foreign)));
        Assert.Equal(before, await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id)));
        // A contribution in no theme cannot be quoted.
        var outside = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id && !db.ThemeContributions.Any(t => t.ContributionId == c.Id))
            .Select(c => c.Id).FirstAsync());
        Assert.Contains("placez-la d'abord dans un thème", await ErrorAsync("#citer",
            new() { ["contribution"] = outside.ToString(CultureInfo.InvariantCulture) }), StringComparison.Ordinal);
        Assert.False(await _app.InAAsync(db => db.ThemeContributions.AnyAsync(t => t.IsQuote && t.ThemeId == theme.Id)));
        Assert.Equal(0, await _app.InAAsync(db => db.SynthesisThemes.CountAsync(t => t.ConsultationId == otherId)));
    }

    [Fact]
    public async Task Only_the_staff_of_the_consultation_s_service_reach_the_synthesis()
    {
        var (id, _, _) = await ConsultationAsync();
        var roads = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service voirie");
        var (citizen, _) = await _app.CitizenClientAsync();
        var agent = await _app.SignedInAsync("agent");
        var admin = await _app.SignedInAsync("admin");
        static bool Refused(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Redirect
            && r.Headers.Location!.OriginalString.Contains("/compte/acces-refuse", StringComparison.Ordinal);
        Assert.True(Refused(await citizen.GetAsync(Url(id))));
        // The demo agent answers for the town planning service, not the roads'.
        Assert.True(Refused(await agent.GetAsync(Url(roads))));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(Url(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Url(roads))).StatusCode);
        // Posting without the page: the roads' consultation is not the agent's either.
        var token = (await agent.GetDocumentAsync(Url(id))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await agent.PostAsync(Url(roads) + "?handler=Request",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(Refused(post));
        Assert.False(await _app.InAAsync(db => db.ContributionGroupings.AnyAsync(g => g.ConsultationId == roads)));
        // Another organization's consultation does not exist here.
        var foreign = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Consultations.Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Url(foreign))).StatusCode);
    }

    [Fact]
    public async Task Groupings_and_themes_of_another_organization_are_out_of_reach()
    {
        var themeB = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var consultation = await db.Consultations.FirstAsync();
            var contribution = new Contribution
            {
                ConsultationId = consultation.Id,
                TerritoryId = consultation.TerritoryId,
                Body = "Texte de B",
                State = ModerationState.Published,
                CreatedAt = DateTime.UtcNow
            };
            db.Contributions.Add(contribution);
            var theme = new SynthesisTheme { ConsultationId = consultation.Id, Name = "Thème de B " + Guid.NewGuid().ToString("N")[..6] };
            db.SynthesisThemes.Add(theme);
            db.ContributionGroupings.Add(new ContributionGrouping { ConsultationId = consultation.Id, RequestedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            db.ThemeContributions.Add(new ThemeContribution { ThemeId = theme.Id, ContributionId = contribution.Id });
            await db.SaveChangesAsync();
            return theme.Id;
        });
        Assert.False(await _app.InAAsync(db => db.SynthesisThemes.AnyAsync(t => t.Id == themeB)));
        Assert.False(await _app.InAAsync(db => db.ThemeContributions.AnyAsync(t => t.ThemeId == themeB)));
        Assert.False(await _app.InAAsync(db => db.ContributionGroupings.AnyAsync(g => g.OrganizationId == _app.OrganizationB.Id)));
        // Moving a contribution of A into B's theme, through A's page: the theme is not one of this consultation's.
        var (id, texts, _) = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await GroupAsync(agent, id);
        await agent.SubmitAsync(Url(id), "article form[action*=NameGroup]", new Dictionary<string, string?> { ["name"] = "A" });
        var response = await agent.SubmitAsync(Url(id), "#placer",
            new Dictionary<string, string?> { ["contribution"] = texts[0].ToString(CultureInfo.InvariantCulture), ["theme"] = themeB.ToString(CultureInfo.InvariantCulture) });
        Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.False(await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ThemeContributions.AnyAsync(t => t.ContributionId == texts[0])));
    }
}
