using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// The naughty strings through the staff forms not covered by <see cref="NaughtyStringTests"/>: organization
/// settings, territories, questions, contributions entered on someone's behalf. An application of its own:
/// these forms rename the organization and add territories. A quarter of the list each, to keep the time down.
/// </summary>
public sealed class NaughtyStaffFormTests : IAsyncLifetime
{
    private readonly ParvisFactory _app = new();

    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 1);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Organization_settings_and_territories_store_the_text_as_typed()
    {
        var admin = await _app.SignedInAsync("admin");
        foreach (var s in Sample)
        {
            var settings = await admin.SubmitAsync("/admin/organisation", "main form:not([enctype])",
                new Dictionary<string, string?> { ["Form.Name"] = s, ["Form.CharterMarkdown"] = s });
            Assert.True((int)settings.StatusCode < 500, $"{(int)settings.StatusCode} for {s}");
            if (settings.StatusCode == HttpStatusCode.Redirect)
            {
                var stored = await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => new { o.Name, o.CharterMarkdown }).SingleAsync());
                Assert.Equal(s.Trim(), stored.Name);
                Assert.Equal(s, stored.CharterMarkdown);
                var charter = await admin.GetDocumentAsync("/charte");
                Assert.Contains(s.Trim().ReplaceLineEndings("\n"), charter.QuerySelector("title")!.TextContent.ReplaceLineEndings("\n"), StringComparison.Ordinal);
                NaughtyStringTests.AssertNoInjectedMarkup(charter, s);
            }

            var territory = await admin.SubmitAsync("/admin/territoires", "form[action*=Add]", new Dictionary<string, string?> { ["name"] = s });
            Assert.True((int)territory.StatusCode < 500, $"{(int)territory.StatusCode} for territory {s}");
            if (!string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 200)
                Assert.True(await _app.InAAsync(db => db.Territories.AnyAsync(t => t.Name == s.Trim())), $"territory {s} not stored");
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/territoires"), "the territory list");
    }

    [Fact]
    public async Task Outcomes_store_the_text_as_typed_and_show_it_as_text()
    {
        var admin = await _app.SignedInAsync("admin");
        var territory = await _app.InAAsync(db => db.Territories.Select(t => t.Id).FirstAsync());
        foreach (var s in Sample)
        {
            var created = await admin.SubmitAsync("/admin/resultats/nouveau", "main form", new Dictionary<string, string?>
            {
                ["Form.Title"] = s,
                ["Form.Description"] = s,
                ["Form.Budget"] = s,
                ["Form.DecidedOn"] = "2026-01-01",
                ["Form.TerritoryId"] = territory.ToString(CultureInfo.InvariantCulture),
            });
            Assert.True((int)created.StatusCode < 500, $"{(int)created.StatusCode} for outcome {s}");
            // A naughty budget is refused; the same text as title and description with an empty budget is stored.
            if (created.StatusCode != HttpStatusCode.Redirect)
                created = await admin.SubmitAsync("/admin/resultats/nouveau", "main form", new Dictionary<string, string?>
                {
                    ["Form.Title"] = s,
                    ["Form.Description"] = s,
                    ["Form.DecidedOn"] = "2026-01-01",
                    ["Form.TerritoryId"] = territory.ToString(CultureInfo.InvariantCulture),
                });
            Assert.True((int)created.StatusCode < 500, $"{(int)created.StatusCode} for outcome {s}");
            if (created.StatusCode != HttpStatusCode.Redirect) continue;
            var url = created.Headers.Location!.OriginalString;
            var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
            var stored = await _app.InAAsync(db => db.Outcomes.Where(o => o.Id == id).Select(o => new { o.Title, o.DescriptionMarkdown }).SingleAsync());
            Assert.Equal(s.Trim(), stored.Title);
            Assert.Equal(s.Trim(), stored.DescriptionMarkdown);
            var link = await admin.SubmitAsync(url, "form[action*=Link]", new Dictionary<string, string?> { ["address"] = s });
            Assert.True((int)link.StatusCode < 500, $"{(int)link.StatusCode} for link {s}");
            await admin.SubmitAsync(url, "form[action*=Publish]", new Dictionary<string, string?>());
            NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/nous-avons-fait/resultats/{id}"), s);
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/nous-avons-fait"), "the outcomes page");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/resultats"), "the outcomes list");
    }

    [Fact]
    public async Task Request_messages_notes_searches_and_redactions_store_the_text_as_typed()
    {
        var agent = await _app.SignedInAsync("voirie");
        var moderator = await _app.SignedInAsync("moderation");
        var id = await Requests.HandlingData.AddRequestAsync(_app, "Lampadaire éteint devant la poste", reporterEmail: "poste@example.org");
        var url = $"/guichet/{id}";
        foreach (var s in Sample)
        {
            var comment = await agent.SubmitAsync(url, "form[action*=Comment]", new Dictionary<string, string?> { ["publicText"] = s, ["internalNote"] = s });
            Assert.True((int)comment.StatusCode < 500, $"{(int)comment.StatusCode} for message {s}");
            if (comment.StatusCode == HttpStatusCode.Redirect)
                Assert.True(await _app.InAAsync(db => db.RequestUpdates.AnyAsync(u => u.RequestId == id && u.PublicText == s.Trim() && u.InternalNote == s.Trim())), $"message {s} not stored");

            var search = await agent.GetAsync("/guichet?q=" + Uri.EscapeDataString(s));
            Assert.True((int)search.StatusCode < 500, $"{(int)search.StatusCode} for search {s}");

            var redact = await moderator.SubmitAsync($"/moderation/signalements?n={id}", "form[action*=Redact]", new Dictionary<string, string?> { ["description"] = s });
            Assert.True((int)redact.StatusCode < 500, $"{(int)redact.StatusCode} for redaction {s}");
            if (redact.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal(s.Trim(), await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.Description).SingleAsync()));
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync(url), "the request's history");
        NaughtyStringTests.AssertNoInjectedMarkup(await moderator.GetDocumentAsync($"/moderation/signalements?n={id}"), "the request's moderation");
    }

    [Fact]
    public async Task Petition_rejection_reasons_and_council_decisions_store_the_text_as_typed()
    {
        var moderator = await _app.SignedInAsync("moderation");
        var elected = await _app.SignedInAsync("elu");
        var open = await _app.NewOpenPetitionAsync();
        foreach (var s in Sample)
        {
            var id = await _app.NewDraftAsync(adjust: p => p.Status = Parvis.Domain.PetitionStatus.AwaitingModeration);
            var rejected = await moderator.SubmitAsync("/moderation/petitions", $"form:has(input[name=id][value='{id}'])",
                new Dictionary<string, string?> { ["reason"] = s }, "/moderation/petitions?handler=Reject");
            Assert.True((int)rejected.StatusCode < 500, $"{(int)rejected.StatusCode} for reason {s}");
            var reason = await _app.InAAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.RejectionReason).SingleAsync());
            Assert.Equal(string.IsNullOrWhiteSpace(s) ? null : s.Trim(), reason);

            var decision = await elected.SubmitAsync($"/petitions/{open}", "form[action*=Decision]", new Dictionary<string, string?> { ["decision"] = s, ["meetingOn"] = s });
            Assert.True((int)decision.StatusCode < 500, $"{(int)decision.StatusCode} for decision {s}");
            if (!string.IsNullOrWhiteSpace(s))
                Assert.Equal(s.Trim(), await _app.InAAsync(db => db.Petitions.Where(p => p.Id == open).Select(p => p.CouncilDecision).SingleAsync()));
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await elected.GetDocumentAsync($"/petitions/{open}"), "the council decision");
    }

    [Fact]
    public async Task Questions_and_contributions_entered_for_someone_store_the_text_as_typed()
    {
        var id = await _app.NewOpenConsultationAsync();
        var admin = await _app.SignedInAsync("admin");
        var manage = $"/admin/concertations/{id}";
        var page = $"/concertations/{id}";
        foreach (var s in Sample)
        {
            var question = await admin.SubmitAsync(manage, "form[action*=AddQuestion]", new Dictionary<string, string?> { ["NewQuestion"] = s });
            Assert.True((int)question.StatusCode < 500, $"{(int)question.StatusCode} for question {s}");
            if (!string.IsNullOrWhiteSpace(s) && s.Length <= 500)
                Assert.True(await _app.InAAsync(db => db.Questions.AnyAsync(q => q.ConsultationId == id && q.Text == s.Trim())), $"question {s} not stored");

            var offline = await admin.SubmitAsync(page, "form[action*=Offline]", new Dictionary<string, string?>
            {
                ["Offline.Body"] = s,
                ["Offline.AuthorName"] = s,
                ["Offline.Channel"] = "PaperRegister",
            });
            Assert.True((int)offline.StatusCode < 500, $"{(int)offline.StatusCode} for offline {s}");
            if (offline.StatusCode == HttpStatusCode.Redirect)
            {
                var url = offline.Headers.Location!.OriginalString;
                var contributionId = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
                var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => new { c.Body, c.OfflineAuthorName }).SingleAsync());
                Assert.Equal(s.Trim(), stored.Body);
                Assert.Equal(s.Trim(), stored.OfflineAuthorName);
                NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync(url), s);
            }
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync(manage), "the questions");
    }

    [Fact]
    public async Task Request_categories_questions_and_api_clients_store_the_text_as_typed()
    {
        var admin = await _app.SignedInAsync("admin");
        var category = await _app.InAAsync(db => db.RequestCategories.Where(c => c.Code == "trottoir").Select(c => c.Id).SingleAsync());
        var i = 0;
        foreach (var s in Sample)
        {
            var code = "naughty-" + (i++).ToString(CultureInfo.InvariantCulture);
            var created = await admin.SubmitAsync("/admin/signalements/categories", "#categorie", new Dictionary<string, string?>
            {
                ["Name"] = s,
                ["Code"] = code,
                ["Group"] = s,
                ["ServiceName"] = s,
                ["Description"] = s,
                ["Keywords"] = s,
                ["TargetAmount"] = "2",
            });
            Assert.True((int)created.StatusCode < 500, $"{(int)created.StatusCode} for category {s}");
            if (created.StatusCode == HttpStatusCode.Redirect)
            {
                var stored = await _app.InAAsync(db => db.RequestCategories.Where(c => c.Code == code).Select(c => new { c.Name, c.Group, c.ServiceName, c.Description }).SingleAsync());
                Assert.Equal((s.Trim(), s.Trim(), s.Trim(), s.Trim()), (stored.Name, stored.Group, stored.ServiceName, stored.Description));
                NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync(created.Headers.Location!.OriginalString), s);
            }

            var question = await admin.SubmitAsync($"/admin/signalements/categories/{category}/questions", "#question", new Dictionary<string, string?>
            {
                ["Prompt"] = s,
                ["Code"] = code,
                ["Kind"] = "SingleChoice",
                ["Choices"] = "k=" + s,
            });
            Assert.True((int)question.StatusCode < 500, $"{(int)question.StatusCode} for question {s}");
            if (question.StatusCode == HttpStatusCode.Redirect)
                Assert.Equal(s.Trim(), await _app.InAAsync(db => db.CategoryQuestions.Where(q => q.CategoryId == category && q.Code == code).Select(q => q.Prompt).SingleAsync()));

            var client = await admin.SubmitAsync("/admin/cles-api", "form[action*=Issue]", new Dictionary<string, string?> { ["Name"] = s, ["Open311"] = "true" });
            Assert.True((int)client.StatusCode < 500, $"{(int)client.StatusCode} for key {s}");
            if (!string.IsNullOrWhiteSpace(s) && s.Trim().Length <= Parvis.Domain.ApiKey.MaxName && !s.Contains('\0', StringComparison.Ordinal))
                Assert.True(await _app.InAAsync(db => db.ApiKeys.AnyAsync(k => k.Name == s.Trim())), $"key {s} not stored");
        }
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/signalements"), "the categories");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/cles-api"), "the keys");
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync($"/admin/signalements/categories/{category}"), "the questions");
    }
}
