using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// Every string of the Big List of Naughty Strings (Data/blns.json) through every form and query that
/// takes free text: never a 500; what is accepted is stored as typed (the application trims the
/// surrounding white space of every text, so stored values are compared with the trimmed string) and
/// shown as text, never as markup.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public class NaughtyStringTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    public static readonly IReadOnlyList<string> Strings =
        JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "blns.json")))!;

    [Fact]
    public void The_list_is_the_vendored_one() => Assert.True(Strings.Count > 400, $"{Strings.Count} strings");

    [Fact]
    public async Task Contributions_store_title_and_body_as_typed_and_show_them_as_text()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var token = await TokenAsync(client, $"/concertations/{id}", "form[action*=Contribute]");
        foreach (var s in Strings)
        {
            var response = await PostAsync(client, $"/concertations/{id}?handler=Contribute", token, ("Input.Title", s), ("Input.Body", s));
            if (string.IsNullOrWhiteSpace(s) || s.Length > Contribution.MaxTitle)
            {
                // Refused with a form error: an empty text, or a title longer than allowed.
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            var url = response.Headers.Location!.OriginalString;
            var contributionId = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => new { c.Title, c.Body }).SingleAsync());
            Assert.Equal(s.Trim(), stored.Title);
            Assert.Equal(s.Trim(), stored.Body);
            var page = await client.GetDocumentAsync(url);
            Assert.Equal(AsText(s.Trim()), page.QuerySelector("main h1")!.TextContent.Trim());
            AssertNoInjectedMarkup(page, s);
        }
    }

    [Fact]
    public async Task Proposals_store_title_body_and_address_as_typed_and_show_them_as_text()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var form = $"/propositions/espaces/{spaceId}/proposer";
        var token = await TokenAsync(client, form, "main form");
        foreach (var s in Strings)
        {
            var similar = await PostAsync(client, $"{form}?handler=Continue", token, ("Input.Title", s), ("Input.Body", s), ("Input.Address", s));
            Assert.True(similar.StatusCode == HttpStatusCode.OK, $"{(int)similar.StatusCode} for {s}");
            var response = await PostAsync(client, $"{form}?handler=Publish", token, ("Input.Title", s), ("Input.Body", s), ("Input.Address", s));
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Proposal.MaxTitle)
            {
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            var url = response.Headers.Location!.OriginalString;
            var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => new { p.Title, p.Body, p.AddressText }).SingleAsync());
            Assert.Equal(s.Trim(), stored.Title);
            Assert.Equal(s.Trim(), stored.Body);
            Assert.Equal(s.Trim(), stored.AddressText);
            var page = await client.GetDocumentAsync(url);
            Assert.Equal(AsText(s.Trim()), page.QuerySelector("main h1")!.TextContent.Trim());
            AssertNoInjectedMarkup(page, s);
        }
        // And the naughty texts of the space are searched for similar proposals without a 500.
        var last = await PostAsync(client, $"{form}?handler=Continue", token, ("Input.Title", "<script>alert(1)</script> ' OR 1=1 --"), ("Input.Body", "%_\\ LIKE"));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
    }

    [Fact]
    public async Task Comments_flags_and_response_drafts_store_the_text_as_typed()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var contributionId = await NewContributionAsync(id);
        var url = $"/contributions/{contributionId}";
        var (citizen, _) = await _app.CitizenClientAsync();
        var token = await TokenAsync(citizen, url, "form[action*=Comment]");
        var agent = await _app.SignedInAsync("agent");
        var agentToken = await TokenAsync(agent, url, "form[action*=DraftResponse]");
        foreach (var s in Strings)
        {
            var comment = await PostAsync(citizen, $"{url}?handler=Comment", token, ("body", s), ("stance", "Neutral"));
            var draft = await PostAsync(agent, $"{url}?handler=DraftResponse", agentToken, ("body", s));
            Assert.True((int)comment.StatusCode < 500 && (int)draft.StatusCode < 500, $"{(int)comment.StatusCode} / {(int)draft.StatusCode} for {s}");
            if (string.IsNullOrWhiteSpace(s)) continue;
            var latestDraft = await _app.InAAsync(db => db.OfficialResponses.Where(r => r.ContributionId == contributionId).OrderByDescending(r => r.Id).Select(r => r.Body).FirstAsync());
            Assert.Equal(s.Trim(), latestDraft);
        }
        var accepted = Strings.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        var comments = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == contributionId).OrderBy(c => c.Id).Select(c => c.Body).ToListAsync());
        Assert.Equal(accepted, comments);

        var page = await citizen.GetDocumentAsync(url);
        AssertNoInjectedMarkup(page, "the comment thread");

        // One flag per person and item, and a few flags hide an item: each string flags a new contribution.
        foreach (var s in Strings)
        {
            var flaggedId = await NewContributionAsync(id);
            var response = await PostAsync(citizen, $"/contributions/{flaggedId}?handler=Flag", token, ("reason", s));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            var reason = await _app.InAAsync(db => db.Flags.Where(f => f.ContributionId == flaggedId).Select(f => f.Reason).SingleOrDefaultAsync());
            Assert.Equal(string.IsNullOrWhiteSpace(s) ? null : s.Trim(), reason);
        }
    }

    [Fact]
    public async Task Proposal_flag_reasons_are_stored_trimmed_and_shown_to_moderators_as_text()
    {
        // In Ville B, so that hundreds of flagged proposals do not crowd Ville A's moderation list.
        var b = _app.OrganizationB;
        var spaceId = await _app.NewProposalSpaceAsync(organization: b);
        var citizen = _app.ClientFor(ParvisFactory.HostB);
        await citizen.LoginAsync(await _app.NewCitizenAsync(b));
        var first = await _app.AddProposalAsync(spaceId, "À signaler", "Texte.", organization: b);
        var token = await TokenAsync(citizen, $"/propositions/{first}", "form[action*=Flag]");
        foreach (var s in Strings)
        {
            var id = await _app.AddProposalAsync(spaceId, "À signaler", "Texte.", organization: b);
            var response = await PostAsync(citizen, $"/propositions/{id}?handler=Flag", token, ("reason", s));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            var reason = await _app.InOrganizationAsync(b, (db, _) => db.ProposalFlags.Where(f => f.ProposalId == id).Select(f => f.Reason).SingleOrDefaultAsync());
            Assert.Equal(string.IsNullOrWhiteSpace(s) || s.Length > Flag.MaxReason ? null : s.Trim(), reason);
        }
        var queue = await (await _app.SignedInAsync("moderation", ParvisFactory.HostB)).GetDocumentAsync("/moderation/propositions");
        AssertNoInjectedMarkup(queue, "the proposals' moderation list");
    }

    [Fact]
    public async Task Petition_drafts_store_the_text_as_typed_and_show_it_as_text()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var author = await _app.UserIdAsync(email);
        var token = await TokenAsync(client, "/petitions/nouvelle", "main form");
        foreach (var s in Strings)
        {
            var response = await PostAsync(client, "/petitions/nouvelle", token, ("Title", s), ("Request", s), ("Reasons", s), ("Addressee", s));
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Petition.MaxTitle)
            {
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            var stored = await _app.InAAsync(db => db.Petitions.Where(p => p.AuthorId == author).OrderByDescending(p => p.Id).Select(p => new { p.Id, p.Title, p.Request, p.Reasons, p.Addressee }).FirstAsync());
            Assert.Equal((s.Trim(), s.Trim(), s.Trim(), s.Trim()), (stored.Title, stored.Request, stored.Reasons, stored.Addressee));
            var page = await client.GetDocumentAsync($"/petitions/{stored.Id}");
            Assert.Equal(AsText(s.Trim()), page.QuerySelector("main h1")!.TextContent.Trim());
            AssertNoInjectedMarkup(page, s);
        }
        AssertNoInjectedMarkup(await client.GetDocumentAsync("/compte/petitions"), "my petitions");
    }

    private async Task<int> NewContributionAsync(int consultationId) => (await _app.AddContributionsAsync(consultationId, 1))[0];

    [Fact]
    public async Task Sign_up_stores_names_as_typed_and_login_and_reset_never_fail()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var token = await TokenAsync(client, "/compte/inscription", "main form");
        for (var i = 0; i < Strings.Count; i += 3)
        {
            var (pseudonym, first, last) = (Strings[i], Strings[Math.Min(i + 1, Strings.Count - 1)], Strings[Math.Min(i + 2, Strings.Count - 1)]);
            var email = $"naughty-{Guid.NewGuid():N}@example.org";
            var response = await PostAsync(client, "/compte/inscription", token, ("Form.Email", email), ("Form.Pseudonym", pseudonym),
                ("Form.FirstName", first), ("Form.LastName", last), ("Form.Password", "un mot de passe long"), ("Form.AcceptCharter", "true"));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {pseudonym} / {first} / {last}");
            var user = await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => new { u.Pseudonym, u.FirstName, u.LastName }).SingleOrDefaultAsync());
            if (user is null) continue;
            Assert.Equal(pseudonym.Trim(), user.Pseudonym);
            Assert.Equal(string.IsNullOrWhiteSpace(first) ? null : first.Trim(), string.IsNullOrWhiteSpace(user.FirstName) ? null : user.FirstName);
            Assert.Equal(string.IsNullOrWhiteSpace(last) ? null : last.Trim(), string.IsNullOrWhiteSpace(user.LastName) ? null : user.LastName);
        }

        var login = await TokenAsync(client, "/compte/connexion", "main form");
        var forgot = await TokenAsync(client, "/compte/mot-de-passe-oublie", "main form");
        foreach (var s in Strings)
        {
            var signIn = await PostAsync(client, "/compte/connexion", login, ("Form.Email", s), ("Form.Password", s));
            var reset = await PostAsync(client, "/compte/mot-de-passe-oublie", forgot, ("Email", s));
            Assert.True((int)signIn.StatusCode < 500 && (int)reset.StatusCode < 500, $"{(int)signIn.StatusCode} / {(int)reset.StatusCode} for {s}");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
    }

    [Fact]
    public async Task An_administrator_creates_consultations_and_grants_roles_with_naughty_text_without_a_500()
    {
        var admin = await _app.SignedInAsync("admin");
        var territory = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Ville A").Select(t => t.Id).SingleAsync());
        var token = await TokenAsync(admin, "/admin/concertations", "main form:not([action*=handler])");
        var rolesToken = await TokenAsync(admin, "/admin/roles", "form[action*=Grant]");
        foreach (var s in Strings.Where((_, i) => i % 4 == 0))
        {
            var marker = Guid.NewGuid().ToString("N")[..8];
            var response = await PostAsync(admin, "/admin/concertations", token, ("Form.Title", s + marker), ("Form.Summary", s), ("Form.Body", s),
                ("Form.TerritoryId", territory.ToString(CultureInfo.InvariantCulture)), ("Form.LegalFrame", "Voluntary"),
                ("Form.InformationStartsAt", "2030-01-01T09:00"), ("Form.ContributionsStartAt", "2030-02-01T09:00"), ("Form.SynthesisStartsAt", "2030-03-01T09:00"));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            var stored = await _app.InAAsync(db => db.Consultations.Where(c => c.Title.EndsWith(marker)).Select(c => new { c.Id, c.Title }).SingleOrDefaultAsync());
            if (stored is not null)
            {
                Assert.Equal((s + marker).Trim(), stored.Title);
                var page = await admin.GetDocumentAsync($"/admin/concertations/{stored.Id}");
                Assert.Equal((s + marker).Trim(), page.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
                AssertNoInjectedMarkup(page, s);
            }
            var grant = await PostAsync(admin, "/admin/roles?handler=Grant", rolesToken, ("email", s), ("role", "Moderator"));
            Assert.True((int)grant.StatusCode < 500, $"{(int)grant.StatusCode} for grant {s}");
        }
    }

    [Fact]
    public async Task Naughty_query_strings_never_break_a_page()
    {
        var id = await _app.IdAsync(ConsultationData.Open);
        var admin = await _app.SignedInAsync("admin");
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        foreach (var s in Strings)
        {
            var v = Uri.EscapeDataString(s);
            foreach (var (client, url) in new[]
            {
                (anonymous, $"/concertations/{id}?tri={v}&territoire={v}&question={v}&reponse={v}&p={v}&graine={v}"),
                (anonymous, $"/concertations?territoire={v}"),
                (anonymous, $"/petitions?p={v}&closes={v}"),
                (anonymous, $"/signalements?categorie={v}&statut={v}&territoire={v}&du={v}&au={v}&avant={v}"),
                (anonymous, $"/signalements/carte.json?statut={v}&du={v}&au={v}"),
                (anonymous, $"/petitions/parrainer/{v}"),
                (anonymous, $"/compte/confirmer?userId={v}&code={v}"),
                (anonymous, $"/compte/reinitialiser?userId={v}&code={v}"),
                (admin, $"/admin/journal?action={v}&auteur={v}"),
            })
            {
                var response = await client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for GET {url}");
                if (response.StatusCode == HttpStatusCode.OK) AssertNoInjectedMarkup(HtmlClient.Parse(await response.Content.ReadAsStringAsync()), url);
            }
        }
    }

    [Fact]
    public async Task Reports_store_description_address_and_answers_as_typed_and_show_them_as_text()
    {
        var (code, _) = await Requests.ReportingData.NewReportCategoryAsync(_app);
        var (client, _) = await _app.CitizenClientAsync();
        var form = Requests.ReportingData.Url(code);
        var token = await TokenAsync(client, form, Requests.ReportingData.Form);
        var categoryId = (await client.GetDocumentAsync(form)).QuerySelector("input[name='Input.CategoryId']")!.GetAttribute("value")!;
        foreach (var s in Strings)
        {
            (string, string)[] fields = [("Input.CategoryId", categoryId), ("Input.Description", s), ("Input.Address", s), ("Reponse.texte", s), ("Reponse.detail", s),
                ("Reponse.nombre", "1"), ("Reponse.danger", "non")];
            var nearby = await PostAsync(client, "/signalements/nouveau?handler=Continue", token, fields);
            Assert.True(nearby.StatusCode == HttpStatusCode.OK, $"{(int)nearby.StatusCode} for {s}");
            AssertNoInjectedMarkup(HtmlClient.Parse(await nearby.Content.ReadAsStringAsync()), s);
            var response = await PostAsync(client, "/signalements/nouveau?handler=Send", token, fields);
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > 200)
            {
                // Refused with a form error: nothing said, or longer than the address or the short answer allows.
                Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            var stored = await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Category!.Code == code).OrderByDescending(r => r.Id)
                .Select(r => new { r.Description, r.Address, Answers = r.Answers.Where(a => a.Question!.Code == "texte" || a.Question!.Code == "detail").Select(a => a.Value).ToList() }).FirstAsync());
            Assert.Equal(s.Trim(), stored.Description);
            Assert.Equal(s.Trim(), stored.Address);
            Assert.Equal(2, stored.Answers.Count(a => a == s.Trim()));
        }
        var mine = await client.GetDocumentAsync("/compte/signalements");
        AssertNoInjectedMarkup(mine, "Mes signalements");
    }

    private static async Task<string> TokenAsync(HttpClient client, string url, string form) =>
        (await client.GetDocumentAsync(url)).QuerySelector($"{form} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))));

    /// <summary>What an HTML parser reads back from text written in a page: line breaks normalised to \n.</summary>
    private static string AsText(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>The naughty string became text: no script but the site's own files, no event handler, no frame, no javascript: link.</summary>
    internal static void AssertNoInjectedMarkup(IDocument page, string context)
    {
        Assert.All(page.QuerySelectorAll("script"), e => Assert.StartsWith("/", e.GetAttribute("src") ?? "inline", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("iframe, frame, object, embed, base, meta[http-equiv], form[action^=javascript], a[href^=javascript]"));
        var handlers = page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name).ToList();
        Assert.True(handlers.Count == 0, $"event handler attributes {string.Join(", ", handlers)} after {context}");
    }
}
