using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Budgets;
using Parvis.Tests.Councils;
using Parvis.Tests.Meetings;
using Parvis.Tests.Projects;
using Parvis.Tests.Surveys;

namespace Parvis.Tests.Api;

/// <summary>
/// Meetings, councils, budgets and surveys in the API, with their pages' rules: nothing unpublished or of another organization,
/// never a registrant, the online link, a candidate, a ballot or a response; results only once a vote is
/// closed or where a survey publishes them.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public class ApiSpacesTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task AssertNotFoundAsync(string url)
    {
        var response = await _app.Api().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Meetings_show_what_their_page_shows_anyone_and_never_a_registrant_nor_the_online_link()
    {
        var draftConsultation = await _app.NewOpenConsultationAsync(c => c.PublishedAt = null);
        var shown = await _app.NewMeetingAsync(capacity: 10, adjust: m =>
        {
            m.Format = MeetingFormat.Hybrid;
            m.OnlineUrl = "https://visio.example/salle-secrete-4821";
            m.MinutesMarkdown = "Compte rendu encore en relecture";
            m.ConsultationId = draftConsultation;
        });
        var cancelled = await _app.NewMeetingAsync(adjust: m => { m.CancelledAt = DateTime.UtcNow; m.CancellationReason = "Alerte orages."; });
        var draft = await _app.NewMeetingAsync(adjust: m => m.PublishedAt = null);
        var ofB = await _app.NewMeetingAsync(organization: _app.OrganizationB);
        var email = MeetingData.NewAddress();
        Assert.Equal(HttpStatusCode.Redirect, (await _app.ClientFor(ParvisFactory.HostA).RegisterAsync(shown, "Léonie Inscrite", email)).StatusCode);

        var listed = (await _app.Api().WalkAsync("/api/v1/meetings?limit=200")).Ids();
        Assert.Contains((long)shown, listed);
        Assert.Contains((long)cancelled, listed);
        Assert.DoesNotContain((long)draft, listed);
        Assert.DoesNotContain((long)ofB, listed);
        await AssertNotFoundAsync($"/api/v1/meetings/{draft}");
        await AssertNotFoundAsync($"/api/v1/meetings/{ofB}");

        var raw = await _app.Api().GetStringAsync($"/api/v1/meetings/{shown}");
        foreach (var secret in new[] { "salle-secrete-4821", "Léonie", email, "en relecture" })
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        var meeting = await _app.Api().GetJsonAsync($"/api/v1/meetings/{shown}");
        Assert.Equal(9, meeting.GetProperty("seatsLeft").GetInt32());
        // The consultation is a draft: not named, as on the meeting's page.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, meeting.GetProperty("consultationId").ValueKind);
        var off = await _app.Api().GetJsonAsync($"/api/v1/meetings/{cancelled}");
        Assert.True(off.GetProperty("cancelled").GetBoolean());
        Assert.Equal("Alerte orages.", off.GetProperty("cancellationReason").GetString());
    }

    [Fact]
    public async Task A_council_lists_its_sitting_members_never_a_candidate_nor_a_past_member()
    {
        var (council, college) = await _app.NewCouncilAsync();
        var candidate = await _app.UserIdAsync(await _app.NewCitizenAsync());
        var rejected = await _app.UserIdAsync(await _app.NewCitizenAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await _app.InAAsync(async db =>
        {
            CouncilMandate Mandate(string name, DateOnly starts, DateOnly? ends) => new()
            {
                CouncilId = council,
                CollegeId = college,
                Name = name,
                Role = MandateRole.Member,
                Source = MandateSource.Draw,
                StartsOn = starts,
                EndsOn = ends,
                CreatedAt = DateTime.UtcNow,
            };
            db.CouncilMandates.AddRange(Mandate("Aline Siégeante", today.AddDays(-30), null),
                Mandate("Paul Parti", today.AddDays(-300), today.AddDays(-5)));
            db.CouncilCandidacies.AddRange(
                new CouncilCandidacy { CouncilId = council, CollegeId = college, UserId = candidate, Name = "Carla Candidate", CreatedAt = DateTime.UtcNow },
                new CouncilCandidacy
                {
                    CouncilId = council,
                    CollegeId = college,
                    UserId = rejected,
                    Name = "Nina Nonretenue",
                    Status = CandidacyStatus.NotRetained,
                    CreatedAt = DateTime.UtcNow,
                });
            return await db.SaveChangesAsync();
        });
        var ofB = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Councils.Select(c => c.Id).FirstAsync());

        var shown = await _app.Api().GetJsonAsync($"/api/v1/councils/{council}");
        var member = Assert.Single(shown.GetProperty("members").EnumerateArray());
        Assert.Equal("Aline Siégeante", member.GetProperty("name").GetString());
        Assert.Equal("Habitants", member.GetProperty("college").GetString());
        var raw = await _app.Api().GetStringAsync("/api/v1/councils?limit=200");
        foreach (var hidden in new[] { "Carla", "Nina", "Paul Parti" }) Assert.DoesNotContain(hidden, raw, StringComparison.Ordinal);
        Assert.Contains((long)council, (await _app.Api().WalkAsync("/api/v1/councils?limit=200")).Ids());
        Assert.DoesNotContain((long)ofB, (await _app.Api().WalkAsync("/api/v1/councils?limit=200")).Ids());
        await AssertNotFoundAsync($"/api/v1/councils/{ofB}");
    }

    [Fact]
    public async Task Budgets_show_their_projects_and_results_only_once_the_vote_is_closed()
    {
        var open = await _app.NewBudgetAsync();
        await _app.AddBallotsAsync(open.Id, 2, (open.A, 1));
        var closed = await _app.NewBudgetAsync(closed: true);
        await _app.AddBallotsAsync(closed.Id, 3, (closed.A, 1), (closed.B, 1));
        await _app.AddBallotsAsync(closed.Id, 1, (closed.C, 1));
        var draft = await _app.NewBudgetAsync(adjust: b => b.PublishedAt = null);
        var ofB = await _app.NewBudgetAsync(organization: _app.OrganizationB);

        var listed = (await _app.Api().WalkAsync("/api/v1/budgets?limit=200")).Ids();
        Assert.Contains((long)open.Id, listed);
        Assert.DoesNotContain((long)draft.Id, listed);
        Assert.DoesNotContain((long)ofB.Id, listed);
        await AssertNotFoundAsync($"/api/v1/budgets/{draft.Id}");
        await AssertNotFoundAsync($"/api/v1/budgets/{ofB.Id}");

        var during = await _app.Api().GetJsonAsync($"/api/v1/budgets/{open.Id}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, during.GetProperty("results").ValueKind);
        Assert.Equal("Vote", during.GetProperty("phase").GetString());
        var setAside = Assert.Single(during.GetProperty("projects").EnumerateArray(), p => p.GetProperty("id").GetInt32() == open.Unfeasible);
        Assert.Equal("Terrain inondable.", setAside.GetProperty("feasibilityReason").GetString());

        var after = await _app.Api().GetJsonAsync($"/api/v1/budgets/{closed.Id}");
        var results = after.GetProperty("results");
        Assert.Equal(4, results.GetProperty("ballots").GetInt32());
        // Greedy on 100 €: A (60 €, 3 votes) then B (30 €, 3 votes); C (20 €, 1 vote) no longer fits.
        var selected = results.GetProperty("projects").EnumerateArray().Where(p => p.GetProperty("selected").GetBoolean())
            .Select(p => p.GetProperty("projectId").GetInt32()).Order().ToList();
        Assert.Equal(new[] { closed.A, closed.B }.Order(), selected);
        Assert.DoesNotContain("userId", after.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Surveys_give_their_results_only_where_they_publish_them_and_nothing_about_fewer_than_ten()
    {
        var published = await _app.NewSurveyAsync(SurveyData.OneChoice);
        await _app.SeedAnswersAsync(published, "avis", "oui", 12);
        var kept = await _app.NewSurveyAsync(SurveyData.OneChoice, s => s.PublicResults = false);
        await _app.SeedAnswersAsync(kept, "avis", "oui", 12);
        var few = await _app.NewSurveyAsync(SurveyData.OneChoice);
        await _app.SeedAnswersAsync(few, "avis", "non", 3);
        var draft = await _app.NewSurveyAsync(SurveyData.OneChoice, published: false);
        var ofB = await _app.NewSurveyAsync(SurveyData.OneChoice, organization: _app.OrganizationB);

        var listed = (await _app.Api().WalkAsync("/api/v1/surveys?limit=200")).Ids();
        Assert.Contains((long)published.Id, listed);
        Assert.Contains((long)kept.Id, listed);
        Assert.DoesNotContain((long)draft.Id, listed);
        Assert.DoesNotContain((long)ofB.Id, listed);
        await AssertNotFoundAsync($"/api/v1/surveys/{draft.Id}");
        await AssertNotFoundAsync($"/api/v1/surveys/{ofB.Id}");

        var shown = await _app.Api().GetJsonAsync($"/api/v1/surveys/{published.Id}");
        var question = Assert.Single(shown.GetProperty("questions").EnumerateArray());
        Assert.Equal(["Oui", "Non", "Sans avis"], question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("text").GetString()));
        var results = shown.GetProperty("results");
        Assert.Equal(12, results.GetProperty("respondents").GetInt32());
        var yes = results.GetProperty("questions")[0].GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("label").GetString() == "Oui");
        Assert.Equal(12, yes.GetProperty("count").GetInt32());

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await _app.Api().GetJsonAsync($"/api/v1/surveys/{kept.Id}")).GetProperty("results").ValueKind);
        var small = (await _app.Api().GetJsonAsync($"/api/v1/surveys/{few.Id}")).GetProperty("results");
        Assert.True(small.GetProperty("suppressed").GetBoolean());
        Assert.Empty(small.GetProperty("questions").EnumerateArray());
    }

    [Fact]
    public async Task Unpublished_projects_and_scheduled_news_never_appear()
    {
        var project = await _app.NewProjectAsync(phases: [(ProjectPhaseKind.Works, -10, 20)]);
        var draftProject = await _app.NewProjectAsync(published: false);
        var ofB = await _app.NewProjectAsync(organization: _app.OrganizationB);
        Task<int> Post(string title, DateTime? at, int? projectId = null) => _app.InAAsync(async db =>
        {
            var post = new NewsPost { Title = "" };
            post.Describe(new NewsDescription(title, "Résumé", "Texte", null, projectId, ProjectTheme.Culture, NewsComments.PreModerated),
                DateTime.UtcNow.AddMinutes(-5));
            post.PublishAt = at;
            db.NewsPosts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        var out1 = await Post("Parue", DateTime.UtcNow.AddMinutes(-1), draftProject);
        var scheduled = await Post("Programmée", DateTime.UtcNow.AddDays(1));
        var draftPost = await Post("Brouillon", null);

        var projects = (await _app.Api().WalkAsync("/api/v1/projects?limit=200")).Ids();
        Assert.Contains((long)project, projects);
        Assert.DoesNotContain((long)draftProject, projects);
        Assert.DoesNotContain((long)ofB, projects);
        await AssertNotFoundAsync($"/api/v1/projects/{draftProject}");
        await AssertNotFoundAsync($"/api/v1/projects/{ofB}");
        var phase = Assert.Single((await _app.Api().GetJsonAsync($"/api/v1/projects/{project}")).GetProperty("phases").EnumerateArray());
        Assert.Equal("Works", phase.GetProperty("kind").GetString());

        var news = (await _app.Api().WalkAsync("/api/v1/news?limit=200")).Ids();
        Assert.Contains((long)out1, news);
        Assert.DoesNotContain((long)scheduled, news);
        Assert.DoesNotContain((long)draftPost, news);
        await AssertNotFoundAsync($"/api/v1/news/{scheduled}");
        // Its project is a draft: not named.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await _app.Api().GetJsonAsync($"/api/v1/news/{out1}")).GetProperty("projectId").ValueKind);
    }

    [Fact]
    public async Task New_lists_are_walked_by_cursor_and_answer_304_while_unchanged()
    {
        var made = new List<long>();
        for (var i = 0; i < 3; i++) made.Add(await _app.NewMeetingAsync());
        var all = (await _app.Api().WalkAsync("/api/v1/meetings?limit=200")).Ids();
        var paged = (await _app.Api().WalkAsync("/api/v1/meetings?limit=2")).Ids();
        Assert.Equal(all, paged);
        Assert.Equal(paged.Distinct().Count(), paged.Count);
        Assert.All(made, id => Assert.Contains(id, paged));

        foreach (var url in new[] { "/api/v1/meetings?limit=2", "/api/v1/councils", "/api/v1/budgets", "/api/v1/surveys", "/api/v1/projects", "/api/v1/news" })
        {
            var first = await _app.Api().GetAsync(url);
            Assert.NotNull(first.Headers.ETag);
            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await _app.Api().SendAsync(again)).StatusCode);
        }
    }

    [Fact]
    public async Task Updated_since_keeps_the_meetings_published_cancelled_or_reported_since()
    {
        var now = DateTime.UtcNow;
        var old = await _app.NewMeetingAsync(adjust: m => m.PublishedAt = now.AddDays(-10));
        var reported = await _app.NewMeetingAsync(adjust: m => { m.PublishedAt = now.AddDays(-10); m.MinutesPublishedAt = now.AddHours(-1); });
        var recent = await _app.NewMeetingAsync(adjust: m => m.PublishedAt = now.AddHours(-2));

        var since = Uri.EscapeDataString(now.AddDays(-1).ToString("O"));
        var ids = (await _app.Api().WalkAsync($"/api/v1/meetings?limit=200&updated_since={since}")).Ids();
        Assert.Contains((long)reported, ids);
        Assert.Contains((long)recent, ids);
        Assert.DoesNotContain((long)old, ids);
    }
}
