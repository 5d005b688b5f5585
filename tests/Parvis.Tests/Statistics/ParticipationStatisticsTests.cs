using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Statistics;

/// <summary>The participation statistics on seeded data whose figures are known, with the small-group rule.</summary>
[Collection(CivicAppCollection.Name)]
public class ParticipationStatisticsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private Task<IHtmlDocument> PageAsync(string path, string host = ParvisFactory.HostA) =>
        _app.ClientFor(host).GetDocumentAsync(path);

    /// <summary>The cells of the table's row whose heading is <paramref name="label"/>.</summary>
    private static List<string> Row(IHtmlDocument page, string table, string label)
    {
        var row = page.QuerySelectorAll($"#{table} tbody tr")
            .FirstOrDefault(r => r.QuerySelector("th")!.TextContent.Trim() == label)
            ?? throw new Xunit.Sdk.XunitException($"No row '{label}' in #{table}: {page.QuerySelector($"#{table}")?.TextContent}");
        return row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
    }

    private async Task<List<Guid>> NewPeopleAsync(int count)
    {
        var people = new List<Guid>();
        for (var i = 0; i < count; i++) people.Add(await _app.UserIdAsync(await _app.NewCitizenAsync()));
        return people;
    }

    [Fact]
    public async Task A_consultation_s_figures_by_month_channel_and_age_withhold_every_group_under_ten()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var people = await NewPeopleAsync(20);
        var now = DateTime.UtcNow;
        var twoMonthsAgo = new DateTime(now.Year, now.Month, 1, 12, 0, 0, DateTimeKind.Utc).AddMonths(-2).AddDays(2);
        // Twenty people online this month, twelve of whom had come two months ago; paper and phone without accounts.
        await _app.AddContributionsAsync(consultation, 20, (c, i) => c.AuthorId = people[i]);
        await _app.AddContributionsAsync(consultation, 12, (c, i) => { c.AuthorId = people[i]; c.CreatedAt = twoMonthsAgo; });
        await _app.AddContributionsAsync(consultation, 11, (c, _) => c.Channel = Channel.PaperRegister);
        await _app.AddContributionsAsync(consultation, 3, (c, _) => c.Channel = Channel.Phone);
        // Neither a hidden contribution nor one older than the period counts.
        await _app.AddContributionsAsync(consultation, 1, (c, _) => { c.AuthorId = people[19]; c.State = ModerationState.Hidden; });
        await _app.AddContributionsAsync(consultation, 1, (c, _) => { c.AuthorId = people[19]; c.CreatedAt = now.AddMonths(-14); });
        // Ages: twelve verified 30–39, two 18–29, six unverified.
        var emails = await _app.InAAsync(db => db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!));
        for (var i = 0; i < 14; i++)
            await _app.VerifyAsync(emails[people[i]], age: i < 12 ? AgeBracket.From30To39 : AgeBracket.From18To29);

        var page = await PageAsync($"/statistiques/concertations/{consultation}");

        Assert.StartsWith("Statistiques de participation : Test ", page.QuerySelector("h1")!.TextContent);
        Assert.EndsWith(": 46", page.QuerySelector("#chiffre-contributions")!.TextContent);
        Assert.EndsWith(": 20", page.QuerySelector("#chiffre-participants")!.TextContent);
        Assert.EndsWith(": 14", page.QuerySelector("#chiffre-sans-compte")!.TextContent);

        // This month: 34 contributions by 20 people, 7 of them new (one had come 14 months ago): withheld, and the
        // 13 returning with them.
        Assert.Equal(["34", "20", "moins de 10", "moins de 10"], Row(page, "par-mois", now.ToString("MMMM yyyy", French)));
        Assert.Equal(["12", "12", "12", "0"], Row(page, "par-mois", twoMonthsAgo.ToString("MMMM yyyy", French)));
        Assert.Equal(12, page.QuerySelectorAll("#par-mois tbody tr").Length);

        // Three by phone are withheld, and the paper register's 11 with them: the total would give the 3 away.
        Assert.Equal(["32"], Row(page, "par-canal", "en ligne"));
        Assert.Equal(["moins de 10"], Row(page, "par-canal", "registre papier"));
        Assert.Equal(["moins de 10"], Row(page, "par-canal", "téléphone"));
        Assert.Equal("46", page.QuerySelector("#par-canal tfoot td")!.TextContent);

        Assert.Equal(["12"], Row(page, "par-age", "30–39 ans"));
        Assert.Equal(["moins de 10"], Row(page, "par-age", "18–29 ans"));
        Assert.Equal(["moins de 10"], Row(page, "par-age", "âge non vérifié"));

        // The chart says the same as the table, and draws no bar for a withheld figure.
        var description = page.QuerySelector("#par-canal-description")!.TextContent;
        Assert.Contains("en ligne : 32", description);
        Assert.Contains("téléphone : moins de 10", description);
        Assert.Single(page.QuerySelectorAll("#par-canal-titre ~ figure svg rect.bar"));
    }

    [Fact]
    public async Task A_territory_counts_each_territory_under_it_with_what_is_under_that_and_its_own_rest()
    {
        var parent = await _app.NewTerritoryAsync();
        var north = await _app.NewTerritoryAsync(parent);
        var northEnd = await _app.NewTerritoryAsync(north);
        var south = await _app.NewTerritoryAsync(parent);
        var neighbour = await _app.NewTerritoryAsync();
        var consultation = await _app.NewOpenConsultationAsync(c => c.TerritoryId = parent);
        var people = await NewPeopleAsync(10);
        // Ten people each post once in the north and once further north: 20 contributions by 10 people, not 20.
        await _app.AddContributionsAsync(consultation, 10, (c, i) => { c.TerritoryId = north; c.AuthorId = people[i]; });
        await _app.AddContributionsAsync(consultation, 10, (c, i) => { c.TerritoryId = northEnd; c.AuthorId = people[i]; });
        await _app.AddContributionsAsync(consultation, 15, (c, _) => c.TerritoryId = south);
        await _app.AddContributionsAsync(consultation, 10, (c, _) => c.TerritoryId = parent);
        await _app.AddContributionsAsync(consultation, 30, (c, _) => c.TerritoryId = neighbour);
        var names = await _app.InAAsync(db => db.Territories.Where(t => t.Id == parent || t.Id == north || t.Id == south)
            .ToDictionaryAsync(t => t.Id, t => t.Name));

        var page = await PageAsync($"/statistiques/territoires/{parent}");

        Assert.EndsWith(": 45", page.QuerySelector("#chiffre-contributions")!.TextContent);
        Assert.Equal(["20", "10"], Row(page, "par-territoire", names[north]));
        Assert.Equal(["15", "0"], Row(page, "par-territoire", names[south]));
        Assert.Equal(["10", "0"], Row(page, "par-territoire", $"{names[parent]}, sans précision"));
        Assert.Equal("45", page.QuerySelector("#par-territoire tfoot td")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("#par-territoire a"), a => a.GetAttribute("href") == $"/statistiques/territoires/{north}");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/nous-avons-fait/territoires/{parent}");
        // One level down: the north's own page has its end and its rest.
        var northPage = await PageAsync($"/statistiques/territoires/{north}");
        Assert.Equal(2, northPage.QuerySelectorAll("#par-territoire tbody tr").Length);
    }

    [Fact]
    public async Task The_organization_s_page_lists_its_busiest_consultations_and_never_another_organization_s()
    {
        var title = "Statistiques " + Guid.NewGuid().ToString("N")[..8];
        var consultation = await _app.NewOpenConsultationAsync(title: title);
        await _app.AddContributionsAsync(consultation, 400);

        var a = await PageAsync("/statistiques");
        var link = a.QuerySelectorAll("#par-concertation a").FirstOrDefault(l => l.TextContent == title);
        Assert.NotNull(link);
        Assert.Equal($"/statistiques/concertations/{consultation}", link.GetAttribute("href"));
        // The agglomération of one commune is passed through: its quartiers are the rows.
        Assert.Contains(a.QuerySelectorAll("#par-territoire a"), l => l.TextContent == "Quartier de la Gare");
        var b = await PageAsync("/statistiques", ParvisFactory.HostB);
        Assert.DoesNotContain(title, b.QuerySelector("main")!.TextContent);
        // Another organization's consultation and territory are unknown here, as are a draft and a made-up one.
        var territory = await _app.NewTerritoryAsync();
        var draft = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        var client = _app.ClientFor(ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/statistiques/concertations/{consultation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/statistiques/territoires/{territory}")).StatusCode);
        var own = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"/statistiques/concertations/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync("/statistiques/territoires/999999")).StatusCode);
        // An unknown period falls back to twelve months rather than failing.
        var odd = await PageAsync($"/statistiques/concertations/{consultation}?mois=7");
        Assert.Equal("12", odd.QuerySelector("#mois option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Where_the_organization_keeps_them_for_staff_only_residents_are_refused_and_staff_let_in()
    {
        var admin = await _app.SignedInAsync("admin");
        const string form = "main form:not([enctype])";
        try
        {
            var saved = await admin.SubmitAndReadAsync("/admin/organisation", form,
                new Dictionary<string, string?> { ["Form.PublicStatistics"] = "false" });
            Assert.Equal("Réglages enregistrés.", saved.QuerySelector(".notice")!.TextContent);
            var audit = await _app.InAAsync(db => db.AuditEntries.Where(e => e.Action == "organization.update")
                .OrderByDescending(e => e.Id).Select(e => e.Details).FirstAsync());
            Assert.Contains("statistiques publiques", audit);

            var anonymous = await _app.ClientFor(ParvisFactory.HostA).GetAsync("/statistiques");
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/compte/connexion", anonymous.Headers.Location!.AbsolutePath);
            var (citizen, _) = await _app.CitizenClientAsync();
            var refused = await citizen.GetAsync("/statistiques");
            Assert.Contains("acces-refuse", refused.Headers.Location!.OriginalString);
            Assert.DoesNotContain((await PageAsync("/")).QuerySelectorAll("footer a"), l => l.GetAttribute("href") == "/statistiques");
            foreach (var staff in new[] { "admin", "agent", "moderation" })
            {
                var response = await (await _app.SignedInAsync(staff)).GetAsync("/statistiques/territoires/"
                    + await _app.NewTerritoryAsync());
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{staff}: {(int)response.StatusCode}");
            }
            // Where staff must use a second factor, a staff session without one is refused too.
            await SetTwoFactorForStaffAsync(true);
            var agentWithoutSecondFactor = await _app.SignedInAsync("agent");
            Assert.Contains("acces-refuse", (await agentWithoutSecondFactor.GetAsync("/statistiques")).Headers.Location?.OriginalString);
        }
        finally
        {
            await SetTwoFactorForStaffAsync(false);
            await admin.SubmitAndReadAsync("/admin/organisation", form,
                new Dictionary<string, string?> { ["Form.PublicStatistics"] = "true" });
        }
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/statistiques")).StatusCode);
        Assert.Contains((await PageAsync("/")).QuerySelectorAll("footer a"), l => l.GetAttribute("href") == "/statistiques");
    }

    private async Task SetTwoFactorForStaffAsync(bool required)
    {
        await _app.InAAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            organization.RequireTwoFactorForStaff = required;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostA);
    }
}
