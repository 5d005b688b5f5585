using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Councils;

/// <summary>
/// The naughty strings through every council form: agenda items, candidacies, the animator's answers, members,
/// replacements, opinions, councils and their settings, colleges, animators. Stored trimmed,
/// or refused with a French message; always shown as text. A quarter of the list per form, to keep the time down.
/// </summary>
[Collection(CivicAppCollection.Name)]
public class CouncilNaughtyStringTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 3);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))));

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static void AssertRefusedOrRedirected(HttpResponseMessage response, string s, string what)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {what} {s}");
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.NotEmpty(HtmlClient.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).Errors());
    }

    [Fact]
    public async Task Residents_forms_store_the_text_as_typed_and_show_it_as_text()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, college) = await _app.NewCouncilAsync(animator, candidacyLevel: ParticipationLevel.ConfirmedAccount);
        var (client, email) = await _app.CitizenClientAsync();
        var me = await _app.UserIdAsync(email);
        var proposeUrl = $"/conseils/{council}/proposer-un-point";
        var applyUrl = $"/conseils/{council}/candidater";
        var token = await TokenAsync(client, proposeUrl);
        foreach (var s in Sample)
        {
            var proposed = await PostAsync(client, proposeUrl, token, ("Title", s), ("Body", s));
            AssertRefusedOrRedirected(proposed, s, "agenda item");
            if (proposed.StatusCode == HttpStatusCode.Redirect)
                Assert.True(await _app.InAAsync(db => db.CouncilAgendaItems.AnyAsync(i => i.CouncilId == council && i.Title == s.Trim() && i.Body == s.Trim())), $"item {s}");
            else Assert.True(string.IsNullOrWhiteSpace(s) || s.Trim().Length > CouncilAgendaItem.MaxTitle, $"refused {s}");

            var applied = await PostAsync(client, applyUrl, token, ("CollegeId", college.ToString(CultureInfo.InvariantCulture)), ("Name", s), ("Motivation", s));
            AssertRefusedOrRedirected(applied, s, "candidacy");
            if (applied.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.True(await _app.InAAsync(db => db.CouncilCandidacies.AnyAsync(c => c.CouncilId == council && c.Name == s.Trim())), $"candidacy {s}");
                // Withdrawn, so the next string may apply again.
                await _app.InAAsync(db => db.CouncilCandidacies.Where(c => c.UserId == me && c.Status == CandidacyStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CandidacyStatus.Withdrawn)));
            }
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await client.GetDocumentAsync($"/conseils/{council}"), "the council page");
        var animatorClient = _app.ClientFor(ParvisFactory.HostA);
        await animatorClient.LoginAsync(animator);
        NaughtyStringTests.AssertNoInjectedMarkup(await animatorClient.GetDocumentAsync($"/conseils/{council}/animation/ordre-du-jour"), "the agenda page");
    }

    [Fact]
    public async Task Animators_and_administrators_forms_store_the_text_as_typed_and_show_it_as_text()
    {
        var (council, _) = await _app.NewCouncilAsync(seats: 500);
        var admin = await _app.SignedInAsync("admin");
        var token = await TokenAsync(admin, $"/admin/conseils/{council}");
        var territory = await _app.TerritoryIdAsync("Quartier de la Gare");
        var author = await _app.NewCitizenAsync();
        var n = 0;
        foreach (var s in Sample)
        {
            n++;
            var created = await PostAsync(admin, "/admin/conseils", token, ("Form.Name", s), ("Form.DescriptionMarkdown", s),
                ("Form.TerritoryId", territory.ToString(CultureInfo.InvariantCulture)), ("Form.Kind", "Citizens"));
            AssertRefusedOrRedirected(created, s, "council");
            if (created.StatusCode == HttpStatusCode.Redirect)
            {
                var page = await admin.GetDocumentAsync("/conseils/" + created.Headers.Location!.OriginalString.Split('/')[^1]);
                Assert.Equal(s.Trim().ReplaceLineEndings("\n"), page.QuerySelector("main h1")!.TextContent.ReplaceLineEndings("\n"));
                NaughtyStringTests.AssertNoInjectedMarkup(page, s);
            }

            var college = await PostAsync(admin, $"/admin/conseils/{council}?handler=AddCollege", token, ("name", s), ("seats", "2"));
            AssertRefusedOrRedirected(college, s, "college");

            var member = await PostAsync(admin, $"/conseils/{council}/animation?handler=Appoint", token,
                ("collegeId", (await FirstCollegeAsync(council)).ToString(CultureInfo.InvariantCulture)), ("name", s), ("role", "Member"), ("startsOn", "2025-01-01"));
            AssertRefusedOrRedirected(member, s, "member");

            var item = await _app.NewAgendaItemAsync(council, author, "Point " + n);
            var answered = await PostAsync(admin, $"/conseils/{council}/animation/ordre-du-jour?handler=Decline", token,
                ("itemId", item.ToString(CultureInfo.InvariantCulture)), ("reason", s));
            AssertRefusedOrRedirected(answered, s, "reason");
            var accepted = await PostAsync(admin, $"/conseils/{council}/animation/ordre-du-jour?handler=Accept", token,
                ("itemId", (await _app.NewAgendaItemAsync(council, author, "Accepté " + n)).ToString(CultureInfo.InvariantCulture)),
                ("reason", s));
            AssertRefusedOrRedirected(accepted, s, "acceptance reason");

            var opinion = await PostAsync(admin, $"/conseils/{council}/animation/avis", token, ("Input.Title", s), ("Input.Text", s),
                ("Input.AdoptedOn", "2025-01-01"), ("Input.VotesFor", "3"));
            AssertRefusedOrRedirected(opinion, s, "opinion");
            if (opinion.StatusCode == HttpStatusCode.Redirect)
            {
                var opinionPage = opinion.Headers.Location!.OriginalString;
                NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync(opinionPage), s);
                // The institution's answer to the opinion, drafted by an administrator (an answering role); an eighth of
                // the strings, since every draft waits in the validators' list that other tests read.
                if (n % 8 != 0) continue;
                var opinionId = (await _app.InAAsync(db => db.CouncilOpinions.Where(o => o.CouncilId == council)
                    .OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync())).ToString(CultureInfo.InvariantCulture);
                var draft = await PostAsync(admin, $"/conseils/avis/{opinionId}?handler=DraftResponse", token, ("body", s));
                AssertRefusedOrRedirected(draft, s, "answer to the opinion");
                NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/conseils/avis/{opinionId}"), s);
            }
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/conseils/{council}"), "the council page");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/conseils/{council}/animation"), "the animation page");
        // The drafts leave the validators' list (oldest first, 100 shown) to the tests that read it.
        await _app.InAAsync(db => db.OfficialResponses
            .Where(r => r.Status == ResponseStatus.Draft && db.CouncilOpinions.Any(o => o.Id == r.CouncilOpinionId && o.CouncilId == council))
            .ExecuteDeleteAsync());
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/admin/conseils/{council}"), "the council's settings");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/conseils"), "the councils");
    }

    [Fact]
    public async Task Settings_replacements_and_animators_store_the_text_as_typed_and_show_it_as_text()
    {
        var (council, college) = await _app.NewCouncilAsync(seats: 500);
        var admin = await _app.SignedInAsync("admin");
        var token = await TokenAsync(admin, $"/admin/conseils/{council}");
        var territory = (await _app.TerritoryIdAsync("Quartier de la Gare")).ToString(CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var collegeId = college.ToString(CultureInfo.InvariantCulture);
        foreach (var s in Sample)
        {
            var edited = await PostAsync(admin, $"/admin/conseils/{council}", token, ("Form.Name", s), ("Form.DescriptionMarkdown", s),
                ("Form.TerritoryId", territory), ("Form.Kind", "Citizens"));
            AssertRefusedOrRedirected(edited, s, "council settings");
            if (edited.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal(s.Trim(), await _app.InAAsync(db => db.Councils.Where(c => c.Id == council).Select(c => c.Name).SingleAsync()));

            AssertRefusedOrRedirected(await PostAsync(admin, $"/admin/conseils/{council}?handler=UpdateCollege", token,
                ("collegeId", collegeId), ("name", s), ("seats", "500")), s, "college update");
            AssertRefusedOrRedirected(await PostAsync(admin, $"/admin/conseils/{council}?handler=AddAnimator", token, ("email", s)), s, "animator");

            var seated = await PostAsync(admin, $"/conseils/{council}/animation?handler=Appoint", token,
                ("collegeId", collegeId), ("name", "Membre remplacé"), ("role", "Member"), ("startsOn", "2025-01-01"));
            Assert.Equal(HttpStatusCode.Redirect, seated.StatusCode);
            var mandate = await _app.InAAsync(db => db.CouncilMandates.Where(m => m.CouncilId == council && m.Name == "Membre remplacé" && m.EndsOn == null)
                .Select(m => m.Id).SingleAsync());
            var replaced = await PostAsync(admin, $"/conseils/{council}/animation?handler=Replace", token,
                ("mandateId", mandate.ToString(CultureInfo.InvariantCulture)), ("name", s), ("email", s), ("on", today));
            AssertRefusedOrRedirected(replaced, s, "replacement");
            if (replaced.StatusCode != HttpStatusCode.Redirect)
                await _app.InAAsync(db => db.CouncilMandates.Where(m => m.Id == mandate).ExecuteUpdateAsync(u => u.SetProperty(m => m.EndsOn, new DateOnly(2025, 6, 1))));
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/conseils/{council}"), "the council page");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/conseils/{council}/animation"), "the animation page");
        // The drafts leave the validators' list (oldest first, 100 shown) to the tests that read it.
        await _app.InAAsync(db => db.OfficialResponses
            .Where(r => r.Status == ResponseStatus.Draft && db.CouncilOpinions.Any(o => o.Id == r.CouncilOpinionId && o.CouncilId == council))
            .ExecuteDeleteAsync());
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/admin/conseils/{council}"), "the council's settings");
    }

    private Task<int> FirstCollegeAsync(int council) =>
        _app.InAAsync(db => db.CouncilColleges.Where(c => c.CouncilId == council).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
}
