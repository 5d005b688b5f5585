using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Synthesis;
using Parvis.Infrastructure.Data;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Synthesis;

/// <summary>Themes renamed and deleted, their names as typed, and the report's themes kept to the consultation's service.</summary>
public partial class SynthesisPageTests
{
    private static string ThemeForm(int theme, string handler) => $"#theme-{theme} form[action*={handler}]";

    private async Task<(int Id, int First, int Second)> TwoThemesAsync(HttpClient agent)
    {
        var (id, _, _) = await ConsultationAsync();
        await GroupAsync(agent, id);
        var groups = GroupingStore.Groups(await _app.InAAsync(db => db.ContributionGroupings.SingleAsync(g => g.ConsultationId == id)))!.Groups;
        foreach (var (group, name) in new[] { (groups[0], "Vélo"), (groups[1], "Arbres") })
            await agent.SubmitAsync(Url(id), $"article[aria-labelledby=groupe-{group.Number}] form[action*=NameGroup]",
                new Dictionary<string, string?> { ["name"] = name });
        var themes = await _app.InAAsync(db => db.SynthesisThemes.Where(t => t.ConsultationId == id).ToDictionaryAsync(t => t.Name, t => t.Id));
        return (id, themes["Vélo"], themes["Arbres"]);
    }

    [Fact]
    public async Task Staff_rename_and_delete_a_theme_whose_contributions_stay_published_in_no_theme()
    {
        var agent = await _app.SignedInAsync("agent");
        var (id, velo, arbres) = await TwoThemesAsync(agent);
        var page = await agent.SubmitAndReadAsync(Url(id), ThemeForm(velo, "Rename"), new Dictionary<string, string?> { ["name"] = "  Pistes   et vélos " });
        Assert.Contains("Pistes et vélos", page.QuerySelectorAll("h3.theme-name").Select(h => h.TextContent));
        Assert.Equal("Pistes et vélos", await _app.InAAsync(db => db.SynthesisThemes.Where(t => t.Id == velo).Select(t => t.Name).SingleAsync()));

        async Task<string> ErrorAsync(int theme, string? name)
        {
            var response = await agent.SubmitAsync(Url(id), ThemeForm(theme, "Rename"), new Dictionary<string, string?> { ["name"] = name });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join(" ", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        Assert.Contains("s'appelle déjà « Arbres »", await ErrorAsync(velo, "Arbres"), StringComparison.Ordinal);
        Assert.Contains("Donnez un nom au thème.", await ErrorAsync(velo, " "), StringComparison.Ordinal);
        Assert.Equal("Pistes et vélos", await _app.InAAsync(db => db.SynthesisThemes.Where(t => t.Id == velo).Select(t => t.Name).SingleAsync()));

        var placed = await _app.InAAsync(db => db.ThemeContributions.Where(t => t.ThemeId == arbres).Select(t => t.ContributionId).ToListAsync());
        var kept = await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == velo));
        Assert.NotEmpty(placed);
        page = await agent.SubmitAndReadAsync(Url(id), ThemeForm(arbres, "Delete"), new Dictionary<string, string?>());
        Assert.DoesNotContain("Arbres", page.QuerySelectorAll("h3.theme-name").Select(h => h.TextContent));
        Assert.False(await _app.InAAsync(db => db.SynthesisThemes.AnyAsync(t => t.Id == arbres)));
        Assert.False(await _app.InAAsync(db => db.ThemeContributions.AnyAsync(t => placed.Contains(t.ContributionId))));
        Assert.Equal(placed.Count, await _app.InAAsync(db => db.Contributions.CountAsync(c => placed.Contains(c.Id) && c.State == ModerationState.Published)));
        Assert.Equal(kept, await _app.InAAsync(db => db.ThemeContributions.CountAsync(t => t.ThemeId == velo)));
        foreach (var action in new[] { "synthesis.theme-rename", "synthesis.theme-delete" })
            Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == action && a.TargetId == id.ToString())), action);
    }

    [Fact]
    public async Task A_theme_of_another_consultation_is_neither_renamed_nor_deleted_nor_filled_from_this_page()
    {
        var agent = await _app.SignedInAsync("agent");
        var (id, velo, _) = await TwoThemesAsync(agent);
        var (otherId, otherTexts, _) = await ConsultationAsync();
        var other = await _app.InAAsync(async db =>
        {
            var theme = new SynthesisTheme { ConsultationId = otherId, Name = "Voisin" };
            db.SynthesisThemes.Add(theme);
            await db.SaveChangesAsync();
            return theme.Id.ToString(CultureInfo.InvariantCulture);
        });
        var mine = await _app.InAAsync(db => db.ThemeContributions.Where(t => t.ThemeId == velo).Select(t => t.ContributionId).FirstAsync());
        foreach (var (form, values) in new (string, Dictionary<string, string?>)[]
                 {
                     (ThemeForm(velo, "Rename"), new() { ["theme"] = other, ["name"] = "Pris" }),
                     (ThemeForm(velo, "Delete"), new() { ["theme"] = other }),
                     ("#placer", new() { ["theme"] = other, ["contribution"] = mine.ToString(CultureInfo.InvariantCulture) }),
                 })
        {
            var response = await agent.SubmitAsync(Url(id), form, values);
            Assert.Contains("Choisissez un thème de cette concertation.",
                string.Join(" ", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors()), StringComparison.Ordinal);
        }
        Assert.Equal("Voisin", await _app.InAAsync(db => db.SynthesisThemes.Where(t => t.ConsultationId == otherId).Select(t => t.Name).SingleAsync()));
        Assert.Equal(velo, await _app.InAAsync(db => db.ThemeContributions.Where(t => t.ContributionId == mine).Select(t => t.ThemeId).SingleAsync()));
        Assert.NotEmpty(otherTexts);
    }

    [Fact]
    public async Task A_theme_s_name_is_stored_as_typed_and_shown_as_text()
    {
        var agent = await _app.SignedInAsync("agent");
        var (id, velo, _) = await TwoThemesAsync(agent);
        foreach (var s in NaughtyStringTests.Strings.Where((_, i) => i % 8 == 3))
        {
            var response = await agent.SubmitAsync(Url(id), ThemeForm(velo, "Rename"), new Dictionary<string, string?> { ["name"] = s });
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            var expected = string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (response.StatusCode == HttpStatusCode.Redirect && expected != "Arbres")
                Assert.Equal(expected, await _app.InAAsync(db => db.SynthesisThemes.Where(t => t.Id == velo).Select(t => t.Name).SingleAsync()));
            NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync(Url(id)), s);
        }
    }

    [Fact]
    public async Task Another_service_s_agent_cannot_put_the_themes_in_the_report()
    {
        var roads = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service voirie");
        await _app.InAAsync(async db =>
        {
            db.SynthesisThemes.Add(new SynthesisTheme { ConsultationId = roads, Name = "Trottoirs" });
            return await db.SaveChangesAsync();
        });
        var (own, _, _) = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        var token = (await agent.GetDocumentAsync($"/admin/concertations/{own}/cloture"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await agent.PostAsync($"/admin/concertations/{roads}/cloture?handler=InsertThemes", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Report"] = "" }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/compte/acces-refuse", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("Trottoirs", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "synthesis.export" && a.TargetId == roads.ToString())));

        // An administrator may: the same request gives the report's draft with the theme.
        var admin = await _app.SignedInAsync("admin");
        var draft = await admin.SubmitAndReadAsync($"/admin/concertations/{roads}/cloture", "main form",
            new Dictionary<string, string?> { ["Report"] = "" }, $"/admin/concertations/{roads}/cloture?handler=InsertThemes");
        Assert.Contains("### Trottoirs (0 contribution)", draft.QuerySelector("textarea[name=Report]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_added_again_moves_nothing_and_the_report_counts_only_what_is_still_published()
    {
        var agent = await _app.SignedInAsync("agent");
        var (id, velo, arbres) = await TwoThemesAsync(agent);
        var groups = GroupingStore.Groups(await _app.InAAsync(db => db.ContributionGroupings.SingleAsync(g => g.ConsultationId == id)))!.Groups;
        int Count(ParvisDbContext db, int theme) => db.ThemeContributions.Count(t => t.ThemeId == theme);
        var (inVelo, inArbres) = await _app.InAAsync(db => Task.FromResult((Count(db, velo), Count(db, arbres))));
        // The first group is all in "Vélo" already: adding it to "Arbres" undoes none of the staff's placing.
        var response = await agent.SubmitAsync(Url(id), $"article[aria-labelledby=groupe-{groups[0].Number}] form[action*=AddGroup]",
            new Dictionary<string, string?> { ["theme"] = arbres.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((inVelo, inArbres), await _app.InAAsync(db => Task.FromResult((Count(db, velo), Count(db, arbres)))));

        // A quoted contribution of "Vélo" hidden by moderation leaves the report, with its count.
        var placed = await _app.InAAsync(db => db.ThemeContributions.Where(t => t.ThemeId == velo).OrderBy(t => t.ContributionId)
            .Select(t => t.ContributionId).ToListAsync());
        await agent.SubmitAsync(Url(id), "#citer", new Dictionary<string, string?> { ["contribution"] = placed[0].ToString(CultureInfo.InvariantCulture) });
        await agent.SubmitAsync(Url(id), "#citer", new Dictionary<string, string?> { ["contribution"] = placed[1].ToString(CultureInfo.InvariantCulture) });
        await _app.InAAsync(db => db.Contributions.Where(c => c.Id == placed[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ModerationState.Hidden)));
        var draft = await agent.SubmitAndReadAsync($"/admin/concertations/{id}/cloture", "main form",
            new Dictionary<string, string?> { ["Report"] = "" }, $"/admin/concertations/{id}/cloture?handler=InsertThemes");
        var report = draft.QuerySelector("textarea[name=Report]")!.TextContent;
        Assert.Contains($"### Vélo ({inVelo - 1} contribution", report, StringComparison.Ordinal);
        Assert.DoesNotContain($"/contributions/{placed[0]})", report, StringComparison.Ordinal);
        Assert.Contains($"/contributions/{placed[1]})", report, StringComparison.Ordinal);
    }
}
