using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Consultations.Statements;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>A statements question: voting one statement at a time, statements proposed and moderated, the map job.</summary>
[Collection(AppCollection.Name)]
public class StatementTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A new open consultation with a statements question and its published institution's statements.</summary>
    private async Task<(int Consultation, int Question, List<int> Statements)> StatementsAsync(int count = 3,
        Action<Consultation>? adjust = null)
    {
        var id = await _app.NewOpenConsultationAsync(c =>
        {
            c.Questions.Add(new Question { Text = "D'accord ?", Position = 3, Kind = ConsultationQuestionKind.Statements });
            adjust?.Invoke(c);
        });
        var question = await _app.InAAsync(db => db.Questions.Where(q => q.ConsultationId == id && q.Kind == ConsultationQuestionKind.Statements)
            .Select(q => q.Id).SingleAsync());
        var statements = await _app.AddContributionsAsync(id, count, (c, i) =>
        {
            c.QuestionId = question;
            c.Body = $"Énoncé numéro {i + 1}";
        });
        return (id, question, statements);
    }

    private Task<Guid> UserIdAsync(string email) =>
        _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_person_votes_one_statement_at_a_time_once_each_and_may_change_a_vote()
    {
        var (id, question, statements) = await StatementsAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var url = $"/concertations/{id}/enonces/{question}";
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("Énoncé numéro 1", page.QuerySelector("form[action*=Vote] legend")!.TextContent, StringComparison.Ordinal);
        page = await client.SubmitAndReadAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = "Agree" });
        Assert.Contains("Énoncé numéro 2", page.QuerySelector("form[action*=Vote] legend")!.TextContent, StringComparison.Ordinal);
        // The first statement again (a second tab): the vote changes, no second row.
        await client.SubmitAsync(url, "form[action*=Vote]", new Dictionary<string, string?>
        {
            ["kind"] = "Disagree",
            ["statementId"] = statements[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var me = await UserIdAsync(email);
        var votes = await _app.InAAsync(db => db.StatementVotes.Where(v => v.UserId == me && v.QuestionId == question).ToListAsync());
        Assert.Equal(StatementVoteKind.Disagree, Assert.Single(votes).Kind);
        page = await client.SubmitAndReadAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = "Pass" });
        page = await client.SubmitAndReadAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = "Agree" });
        Assert.Null(page.QuerySelector("form[action*=Vote]"));
        Assert.Contains("Vous avez voté sur tous les énoncés (3)", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // A vote marks the question for the map job (the application's own scheduler may have taken the mark already).
        Assert.True(await _app.InAAsync(db => db.Questions.AnyAsync(q => q.Id == question && q.MapStaleSince != null))
            || await _app.InAAsync(db => db.OpinionMapSnapshots.AnyAsync(m => m.QuestionId == question)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_vote_of_the_same_person_on_a_statement()
    {
        var (_, question, statements) = await StatementsAsync(1);
        var person = Guid.NewGuid();
        await _app.InAAsync(async db =>
        {
            db.StatementVotes.Add(new StatementVote { QuestionId = question, ContributionId = statements[0], UserId = person, VotedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => _app.InAAsync(async db =>
        {
            db.StatementVotes.Add(new StatementVote { QuestionId = question, ContributionId = statements[0], UserId = person, VotedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Bad_votes_are_refused_with_a_message_and_nothing_saved()
    {
        var (id, question, _) = await StatementsAsync(1);
        var (other, _, otherStatements) = await StatementsAsync(1);
        var (client, _) = await _app.CitizenClientAsync();
        var url = $"/concertations/{id}/enonces/{question}";
        foreach (var (kind, statement) in new[] { ("Maybe", (string?)null), ("7", null), ("Agree", otherStatements[0].ToString(System.Globalization.CultureInfo.InvariantCulture)) })
        {
            var response = await client.SubmitAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = kind, ["statementId"] = statement });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        Assert.Equal(0, await _app.InAAsync(db => db.StatementVotes.CountAsync(v => v.QuestionId == question || v.QuestionId == other)));
        // A statements page of an open question, or of a question of another consultation, does not exist.
        var open = await _app.InAAsync(db => db.Questions.Where(q => q.ConsultationId == id && q.Kind == ConsultationQuestionKind.Open).Select(q => q.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/concertations/{id}/enonces/{open}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/concertations/{other}/enonces/{question}")).StatusCode);
    }

    [Fact]
    public async Task The_space_s_level_for_reactions_applies_to_votes()
    {
        var (id, question, _) = await StatementsAsync(1, c => c.Rules = new ParticipationRules { React = ParticipationLevel.VerifiedResident });
        var url = $"/concertations/{id}/enonces/{question}";
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form[action*=Vote]"));
        Assert.Contains("Pour voter, confirmez que vous habitez", page.QuerySelector(".needs")!.TextContent, StringComparison.Ordinal);
        // Posting anyway (a form kept from before) is refused by the same rule.
        var token = (await client.GetDocumentAsync(url)).QuerySelector("form[action*=Propose] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var statement = (await _app.InAAsync(db => db.Contributions.Where(c => c.QuestionId == question).Select(c => c.Id).FirstAsync()))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsync($"{url}?handler=Vote", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["statementId"] = statement,
            ["kind"] = "Agree",
        }));
        Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        // A visitor without an account is asked to sign in.
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(url);
        Assert.NotNull(visitor.QuerySelector(".needs a[href^='/compte/connexion']"));
        Assert.Equal(0, await _app.InAAsync(db => db.StatementVotes.CountAsync(v => v.QuestionId == question)));
    }

    [Fact]
    public async Task A_participant_s_statement_goes_through_moderation_before_it_is_voted_on()
    {
        var (id, question, _) = await StatementsAsync(0, c => c.Rules = new ParticipationRules { PreModeration = true });
        var url = $"/concertations/{id}/enonces/{question}";
        var (author, _) = await _app.CitizenClientAsync();
        var tooLong = await author.SubmitAsync(url, "form[action*=Propose]", new Dictionary<string, string?> { ["Text"] = new string('a', Statement.MaxLength + 1) });
        Assert.Contains("280 caractères au plus", string.Join(" ", HtmlClient.Parse(await tooLong.Content.ReadAsStringAsync()).Errors()), StringComparison.Ordinal);
        var page = await author.SubmitAndReadAsync(url, "form[action*=Propose]", new Dictionary<string, string?> { ["Text"] = "  Des fontaines sur la place  " });
        Assert.Contains("après validation par la modération", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var statement = await _app.InAAsync(db => db.Contributions.SingleAsync(c => c.QuestionId == question));
        Assert.Equal(("Des fontaines sur la place", ModerationState.PendingReview), (statement.Body, statement.State));
        var (voter, _) = await _app.CitizenClientAsync();
        Assert.Null((await voter.GetDocumentAsync(url)).QuerySelector("form[action*=Vote]"));
        // The moderation queue shows it like any contribution; publishing it offers it to vote.
        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation");
        Assert.Contains("Des fontaines sur la place", queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=id][value='{statement.Id}'])",
            new Dictionary<string, string?> { ["reason"] = "Conforme" }, "/moderation?handler=Restore");
        Assert.Contains("Des fontaines sur la place", (await voter.GetDocumentAsync(url)).QuerySelector("form[action*=Vote] legend")!.TextContent, StringComparison.Ordinal);
        // Publishing a statement marks the map to compute again.
        Assert.NotNull(await _app.InAAsync(db => db.Questions.Where(q => q.Id == question).Select(q => q.MapStaleSince).SingleAsync()));
    }

    [Fact]
    public async Task The_statements_of_a_consultation_not_yet_published_are_found_by_its_managers_only()
    {
        var (id, question, _) = await StatementsAsync(1, c =>
        {
            c.PublishedAt = null;
            c.ServiceName = "Service urbanisme";
        });
        var url = $"/concertations/{id}/enonces/{question}";
        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInAsync("agent")).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Only_who_manages_the_consultation_publishes_the_institution_s_statements()
    {
        var (id, question, _) = await StatementsAsync(0, c => c.ServiceName = "Service urbanisme");
        var url = $"/concertations/{id}/enonces/{question}";
        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.Null((await citizen.GetDocumentAsync(url)).QuerySelector("form[action*=Institution]"));
        var token = (await citizen.GetDocumentAsync(url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await citizen.PostAsync($"{url}?handler=Institution", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["InstitutionText"] = "Pas de ma part",
        }));
        Assert.Contains("/compte/acces-refuse", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        var voirie = await _app.SignedInAsync("voirie");
        Assert.Null((await voirie.GetDocumentAsync(url)).QuerySelector("form[action*=Institution]"));
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync(url, "form[action*=Institution]", new Dictionary<string, string?> { ["InstitutionText"] = "La ville plantera 100 arbres." });
        var statement = await _app.InAAsync(db => db.Contributions.SingleAsync(c => c.QuestionId == question));
        Assert.Equal(("La ville plantera 100 arbres.", ModerationState.Published), (statement.Body, statement.State));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "statement.add" && a.TargetId == statement.Id.ToString())));
        Assert.Contains("Énoncé de l'institution", (await citizen.GetDocumentAsync(url)).QuerySelector("form[action*=Vote]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_computes_the_map_and_the_page_shows_the_person_s_group()
    {
        var (id, question, statements) = await StatementsAsync(10);
        // Two camps of 20 people each, opposite on every statement.
        await _app.InAAsync(async db =>
        {
            for (var p = 0; p < 40; p++)
            {
                var person = Guid.NewGuid();
                for (var s = 0; s < statements.Count; s++)
                    db.StatementVotes.Add(new StatementVote
                    {
                        QuestionId = question,
                        ContributionId = statements[s],
                        UserId = person,
                        VotedAt = DateTime.UtcNow,
                        Kind = (p % 2 == 0) == (s % 2 == 0) ? StatementVoteKind.Agree : StatementVoteKind.Disagree,
                    });
            }
            return await db.SaveChangesAsync();
        });
        var (client, _) = await _app.CitizenClientAsync();
        var url = $"/concertations/{id}/enonces/{question}";
        // Votes written straight into the database mark nothing: no map until a vote through the page.
        Assert.Contains("La carte apparaîtra", (await client.GetDocumentAsync(url)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        for (var s = 0; s < statements.Count; s++)
            await client.SubmitAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = s % 2 == 0 ? "Agree" : "Disagree" });

        await RunJobAsync();
        Assert.Null(await _app.InAAsync(db => db.Questions.Where(q => q.Id == question).Select(q => q.MapStaleSince).SingleAsync()));
        var snapshot = await _app.InAAsync(db => db.OpinionMapSnapshots.SingleAsync(m => m.QuestionId == question));
        Assert.Equal((41, 410), (snapshot.Participants, snapshot.Votes));

        var page = await client.GetDocumentAsync(url);
        var mine = page.QuerySelector("#mon-groupe")!.TextContent;
        Assert.Matches(@"Vous êtes dans le groupe [AB], avec 21 participants", mine);
        Assert.NotNull(page.QuerySelector("svg[role=img] circle.map-me"));
        Assert.Equal(41, page.QuerySelectorAll("svg circle").Length);
        var sizes = page.QuerySelectorAll("table.opinion-groups tbody tr td:first-of-type").Select(td => td.TextContent.Trim()).Order().ToList();
        Assert.Equal(["20", "21"], sizes);
        Assert.Contains("Énoncé numéro 1", page.QuerySelector("table.opinion-groups")!.TextContent, StringComparison.Ordinal);
        // Staff put the map into the closing report's draft (nothing closed, the export audited).
        var admin = await _app.SignedInAsync("admin");
        var draft = await admin.SubmitAndReadAsync($"/admin/concertations/{id}/cloture", "main form",
            new Dictionary<string, string?> { ["Report"] = "Notre bilan." }, $"/admin/concertations/{id}/cloture?handler=InsertMap");
        var report = draft.QuerySelector("textarea[name=Report]")!.TextContent;
        Assert.StartsWith("Notre bilan.", report, StringComparison.Ordinal);
        Assert.Contains("## Carte des opinions : D'accord ?", report, StringComparison.Ordinal);
        Assert.Matches(@"### Groupe [AB] \(21 participants\)", report);
        Assert.Contains("« Énoncé numéro 1 »", report, StringComparison.Ordinal);
        Assert.Null(await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.ClosedAt).SingleAsync()));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "opinion-map.export" && a.TargetId == id.ToString())));
        // A second run with nothing new computes nothing.
        var computedAt = snapshot.ComputedAt;
        await RunJobAsync();
        Assert.Equal(computedAt, await _app.InAAsync(db => db.OpinionMapSnapshots.Where(m => m.QuestionId == question).Select(m => m.ComputedAt).SingleAsync()));
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_votes_and_its_place_on_the_map()
    {
        var (id, question, _) = await StatementsAsync(2);
        var (client, email) = await _app.CitizenClientAsync();
        var me = await UserIdAsync(email);
        var url = $"/concertations/{id}/enonces/{question}";
        await client.SubmitAsync(url, "form[action*=Vote]", new Dictionary<string, string?> { ["kind"] = "Agree" });
        await RunJobAsync();
        Task<string> MapAsync() => _app.InAAsync(db => db.OpinionMapSnapshots.Where(m => m.QuestionId == question).Select(m => m.Json).SingleAsync());
        Assert.Contains(me.ToString(), await MapAsync(), StringComparison.Ordinal);
        // The person's download holds the vote, with the question's page.
        Assert.Contains(url, await client.GetStringAsync("/compte/donnees/export.json"), StringComparison.Ordinal);
        Assert.Contains(url, await client.GetStringAsync("/compte/donnees/export.html"), StringComparison.Ordinal);

        var deleted = await client.SubmitAsync("/compte/supprimer", "main form",
            new Dictionary<string, string?> { ["Choice"] = "keep", ["Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await _app.InAAsync(db => db.StatementVotes.AnyAsync(v => v.UserId == me)));
        // The question is marked again, so the map no longer places the account (whichever run of the job takes it).
        await Eventually.UntilAsync(async () =>
        {
            await RunJobAsync();
            return !(await MapAsync()).Contains(me.ToString(), StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the map still places the deleted account");
    }

    private async Task RunJobAsync()
    {
        using var scope = _app.Services.CreateScope();
        await new OpinionMapJob(_app.Services.GetRequiredService<IConfiguration>()).RunAsync(scope.ServiceProvider, default);
    }

    [Fact]
    public async Task Statements_votes_and_maps_of_another_organization_are_out_of_reach()
    {
        var (idB, questionB, statementB) = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var consultation = await db.Consultations.FirstAsync(c => c.PublishedAt != null);
            var q = new Question { ConsultationId = consultation.Id, Text = "B ?", Kind = ConsultationQuestionKind.Statements, Position = 9 };
            db.Questions.Add(q);
            await db.SaveChangesAsync();
            var s = new Contribution { ConsultationId = consultation.Id, QuestionId = q.Id, TerritoryId = consultation.TerritoryId, Body = "Énoncé de B", State = ModerationState.Published, CreatedAt = DateTime.UtcNow };
            db.Contributions.Add(s);
            await db.SaveChangesAsync();
            db.StatementVotes.Add(new StatementVote { QuestionId = q.Id, ContributionId = s.Id, UserId = Guid.NewGuid(), VotedAt = DateTime.UtcNow });
            db.OpinionMapSnapshots.Add(new OpinionMapSnapshot { QuestionId = q.Id, Json = "{\"points\":[],\"groups\":[],\"consensus\":[]}" });
            await db.SaveChangesAsync();
            return (consultation.Id, q.Id, s.Id);
        });
        Assert.False(await _app.InAAsync(db => db.StatementVotes.AnyAsync(v => v.QuestionId == questionB)));
        Assert.False(await _app.InAAsync(db => db.OpinionMapSnapshots.AnyAsync(m => m.QuestionId == questionB)));
        var admin = await _app.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/concertations/{idB}/enonces/{questionB}")).StatusCode);
        // B's statement voted through A's question page: not A's statement.
        var (id, question, _) = await StatementsAsync(1);
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.SubmitAsync($"/concertations/{id}/enonces/{question}", "form[action*=Vote]", new Dictionary<string, string?>
        {
            ["kind"] = "Agree",
            ["statementId"] = statementB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.StatementVotes.CountAsync(v => v.ContributionId == statementB)));
    }

    [Fact]
    public async Task Naughty_statements_are_stored_as_typed_and_shown_as_text()
    {
        var (id, question, _) = await StatementsAsync(0, c => c.ServiceName = "Service urbanisme");
        var url = $"/concertations/{id}/enonces/{question}";
        var (client, _) = await _app.CitizenClientAsync();
        var agent = await _app.SignedInAsync("agent");
        var token = (await client.GetDocumentAsync(url)).QuerySelector("form[action*=Propose] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var staffToken = (await agent.GetDocumentAsync(url)).QuerySelector("form[action*=Institution] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var s in Security.NaughtyStringTests.Strings)
        {
            foreach (var (who, field, handler, formToken) in new[] { (client, "Text", "Propose", token), (agent, "InstitutionText", "Institution", staffToken) })
            {
                var response = await who.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = formToken,
                    [field] = s,
                }));
                if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > Statement.MaxLength)
                {
                    Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                    continue;
                }
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            }
        }
        var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.QuestionId == question).Select(c => c.Body).ToListAsync());
        var expected = Security.NaughtyStringTests.Strings.Where(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= Statement.MaxLength).ToList();
        Assert.Equal(expected.Count * 2, stored.Count);
        Assert.All(expected, s => Assert.Contains(s.Trim(), stored));
        var page = await client.GetDocumentAsync(url);
        Security.NaughtyStringTests.AssertNoInjectedMarkup(page, "statements");
        Assert.Equal(expected[0].Trim().Replace("\r\n", "\n", StringComparison.Ordinal),
            page.QuerySelector("form[action*=Vote] .statement-text")!.TextContent);
    }
}
