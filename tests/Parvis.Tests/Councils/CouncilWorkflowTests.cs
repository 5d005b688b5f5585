using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Councils;
using Parvis.Testing;

namespace Parvis.Tests.Councils;

/// <summary>A council's life over HTTP: agenda items and their answers, candidacies at the council's level, mandates, opinions and their official responses.</summary>
[Collection(CivicAppCollection.Name)]
public class CouncilWorkflowTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task A_proposed_item_declined_with_a_reason_reaches_its_author_by_mail_and_on_the_council_page()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        var (resident, residentEmail) = await _app.CitizenClientAsync();
        var title = "Un marché le dimanche " + Guid.NewGuid().ToString("N")[..6];

        var empty = await resident.SubmitAndReadAsync($"/conseils/{council}/proposer-un-point", "main form", Values(("Title", "  "), ("Body", "x")));
        Assert.Contains("Donnez un titre au point proposé.", empty.Errors());
        var sent = await resident.SubmitAsync($"/conseils/{council}/proposer-un-point", "main form", Values(("Title", title), ("Body", "Sur la place, de 8 h à 13 h.")));
        Assert.Equal($"/conseils/{council}#ordre-du-jour", sent.Headers.Location!.OriginalString);
        var item = await _app.InAAsync(db => db.CouncilAgendaItems.SingleAsync(i => i.Title == title));
        Assert.Equal(CouncilItemStatus.Proposed, item.Status);
        // Not public while it waits.
        Assert.DoesNotContain(title, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}"), StringComparison.Ordinal);

        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(animator);
        var agendaUrl = $"/conseils/{council}/animation/ordre-du-jour";
        var noReason = await client.SubmitAndReadAsync(agendaUrl, "main form:has(input[name=itemId])", Values(("reason", "")), "?handler=Decline");
        Assert.Contains("Indiquez à la personne pourquoi son point n'est pas retenu.", noReason.Errors());
        Assert.Equal(CouncilItemStatus.Proposed, await StatusAsync(item.Id));

        await client.SubmitAsync(agendaUrl, "main form:has(input[name=itemId])", Values(("reason", "Le marché relève du conseil municipal.")), "?handler=Decline");
        Assert.Equal(CouncilItemStatus.Declined, await StatusAsync(item.Id));
        var mail = await _app.Smtp.WaitForAsync(residentEmail, m => m.Subject!.Contains("n'est pas retenu"));
        Assert.Contains("Le marché relève du conseil municipal.", mail.TextBody ?? "", StringComparison.Ordinal);
        var mine = await resident.GetDocumentAsync($"/conseils/{council}");
        Assert.Contains("Le marché relève du conseil municipal.", mine.QuerySelector("#ordre-du-jour")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var participations = await resident.GetDocumentAsync("/compte/participations?section=councilitems");
        var row = participations.QuerySelectorAll("main li").Single(li => li.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Contains("Non retenu", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/conseils/{council}#ordre-du-jour", row.QuerySelector("a")!.GetAttribute("href"));
        // A declined item stays the author's: the public page does not show it.
        Assert.DoesNotContain(title, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}"), StringComparison.Ordinal);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "council.agenda.decline" && e.TargetId == CouncilData.Id(item.Id))));
        // Answered once.
        var again = await client.PostAsync($"{agendaUrl}?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await client.GetDocumentAsync(agendaUrl)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["itemId"] = CouncilData.Id(item.Id),
        }));
        Assert.Contains("Ce point a déjà reçu une réponse.", HtmlClient.Parse(await again.Content.ReadAsStringAsync()).Errors());
    }

    [Fact]
    public async Task The_sitting_secretary_answers_agenda_items_but_does_not_animate()
    {
        var secretary = await _app.NewCitizenAsync();
        var (council, college) = await _app.NewCouncilAsync();
        var secretaryId = await _app.UserIdAsync(secretary);
        await _app.InAAsync(async db =>
        {
            db.CouncilMandates.Add(CouncilMandate.Start(council, college, "Secrétaire de test", secretaryId, MandateRole.Secretary, MandateSource.Appointment,
                DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)), null, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var item = await _app.NewAgendaItemAsync(council, await _app.NewCitizenAsync(), "Point pour la secrétaire");
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(secretary);
        var page = await client.SubmitAndReadAsync($"/conseils/{council}/animation/ordre-du-jour", "main form:has(input[name=itemId])",
            Values(("reason", "Séance de juin.")), "?handler=Accept");
        Assert.Contains("Le point est retenu", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CouncilItemStatus.Accepted, await StatusAsync(item));
        Assert.True(CouncilAuthorizationTests.Denied(await client.GetAsync($"/conseils/{council}/animation")));
        // Once the mandate has ended, the secretary answers nothing more.
        await _app.InAAsync(async db =>
        {
            var m = await db.CouncilMandates.SingleAsync(x => x.UserId == secretaryId);
            m.End(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
            return await db.SaveChangesAsync();
        });
        Assert.True(CouncilAuthorizationTests.Denied(await client.GetAsync($"/conseils/{council}/animation/ordre-du-jour")));
    }

    [Fact]
    public async Task A_candidacy_needs_the_council_level_and_only_appointed_candidates_are_named()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, college) = await _app.NewCouncilAsync(animator, seats: 1);
        var (unverified, _) = await _app.CitizenClientAsync();
        var refused = await unverified.GetDocumentAsync($"/conseils/{council}/candidater");
        Assert.Contains("Pour candidater, confirmez que vous habitez Quartier de la Gare", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refused.QuerySelector("main form select[name=CollegeId]"));
        // Posting anyway is refused by the same rule, and nothing is saved.
        var token = refused.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await unverified.PostAsync($"/conseils/{council}/candidater", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CollegeId"] = CouncilData.Id(college),
            ["Name"] = "Pas vérifiée",
        }));
        Assert.Contains("Cette action est réservée aux habitants de Quartier de la Gare dont la résidence est vérifiée.", HtmlClient.Parse(await forced.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.CouncilCandidacies.CountAsync(c => c.CouncilId == council)));
        // A resident of another quartier is refused too.
        var (elsewhere, elsewhereEmail) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(elsewhereEmail, residentOf: "Les Rives");
        Assert.Null((await elsewhere.GetDocumentAsync($"/conseils/{council}/candidater")).QuerySelector("main form select[name=CollegeId]"));

        var names = new[] { "Alice Candidate " + Guid.NewGuid().ToString("N")[..4], "Bruno Candidat " + Guid.NewGuid().ToString("N")[..4] };
        foreach (var name in names)
        {
            var (client, email) = await _app.CitizenClientAsync();
            await _app.VerifyAsync(email, residentOf: "Quartier de la Gare");
            var applied = await client.SubmitAsync($"/conseils/{council}/candidater", "main form", Values(("Name", name), ("Motivation", "J'habite ici.")));
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
            var twice = await client.SubmitAndReadAsync($"/conseils/{council}/candidater", "main form", Values(("Name", name)));
            Assert.Contains("Vous avez déjà une candidature en attente pour ce conseil.", twice.Errors());
        }
        var animatorClient = _app.ClientFor(ParvisFactory.HostA);
        await animatorClient.LoginAsync(animator);
        var page = await animatorClient.GetDocumentAsync($"/conseils/{council}/animation");
        Assert.Contains(names[0], page.QuerySelector("#candidatures")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var first = await _app.InAAsync(db => db.CouncilCandidacies.Where(c => c.Name == names[0]).Select(c => c.Id).SingleAsync());
        var second = await _app.InAAsync(db => db.CouncilCandidacies.Where(c => c.Name == names[1]).Select(c => c.Id).SingleAsync());
        await animatorClient.SubmitAsync($"/conseils/{council}/animation", $"form[action*=AppointCandidate]:has(input[value='{first}'])", Values());
        // One seat: the second cannot sit, and stays a candidate nobody sees.
        var full = await animatorClient.SubmitAndReadAsync($"/conseils/{council}/animation", $"form[action*=AppointCandidate]:has(input[value='{second}'])", Values());
        Assert.Contains("Le collège Habitants n'a plus de siège libre à cette date.", full.Errors());
        await animatorClient.SubmitAsync($"/conseils/{council}/animation", $"form[action*=NotRetained]:has(input[value='{second}'])", Values());

        var publicPage = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}");
        Assert.Contains(names[0], publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain(names[1], publicPage, StringComparison.Ordinal);
        Assert.Equal(CandidacyStatus.NotRetained, await _app.InAAsync(db => db.CouncilCandidacies.Where(c => c.Id == second).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Members_leave_and_are_replaced_and_the_history_stays_public()
    {
        var (council, _) = await _app.NewCouncilAsync(seats: 2);
        var admin = await _app.SignedInAsync("admin");
        var url = $"/conseils/{council}/animation";
        var noName = await admin.SubmitAndReadAsync(url, "form[action*='handler=Appoint']:not([action*=Candidate])", Values(("name", ""), ("email", "")));
        Assert.Contains("Indiquez le nom du membre.", noName.Errors());
        var unknown = await admin.SubmitAndReadAsync(url, "form[action*='handler=Appoint']:not([action*=Candidate])", Values(("email", "personne@nulle-part.test")));
        Assert.Contains("Aucun compte de la collectivité n'a cette adresse e-mail.", unknown.Errors());
        await admin.SubmitAsync(url, "form[action*='handler=Appoint']:not([action*=Candidate])", Values(("name", "Paule Présidente"), ("role", "President"), ("startsOn", "2025-01-01")));
        var twoPresidents = await admin.SubmitAndReadAsync(url, "form[action*='handler=Appoint']:not([action*=Candidate])", Values(("name", "Autre Présidente"), ("role", "President"), ("startsOn", "2025-02-01")));
        Assert.Contains("Le conseil a déjà un président ou une présidente à cette date : terminez son mandat d'abord.", twoPresidents.Errors());
        await admin.SubmitAsync(url, "form[action*='handler=Appoint']:not([action*=Candidate])", Values(("name", "Marc Membre"), ("role", "Member"), ("startsOn", "2025-01-01")));
        var marc = await _app.InAAsync(db => db.CouncilMandates.Where(m => m.CouncilId == council && m.Name == "Marc Membre").Select(m => m.Id).SingleAsync());
        await admin.SubmitAsync(url, $"form[action*=Replace]:has(input[value='{marc}'])", Values(("name", "Nora Nouvelle"), ("on", "2025-06-01")));

        var mandates = await _app.InAAsync(db => db.CouncilMandates.AsNoTracking().Where(m => m.CouncilId == council).ToListAsync());
        Assert.Equal(new DateOnly(2025, 5, 31), mandates.Single(m => m.Id == marc).EndsOn);
        Assert.Equal(marc, mandates.Single(m => m.Name == "Nora Nouvelle").ReplacesMandateId);
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/conseils/{council}");
        var members = page.QuerySelector("#membres")!.ParentElement!;
        Assert.Contains("Nora Nouvelle", members.QuerySelector("ul")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Marc Membre", members.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "council.member.replace" && e.TargetId == CouncilData.Id(council))));
    }

    [Fact]
    public async Task A_completed_draw_seats_its_panel_in_one_go_through_the_hook()
    {
        var (council, college) = await _app.NewCouncilAsync(seats: 3);
        var people = new List<Appointee> { new("Tirée Une", null), new("Tiré Deux", null) };
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
            await services.GetRequiredService<CouncilMembers>().AppointAllAsync(council, college, people, MandateSource.Draw, new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31)));
        var seated = await _app.InAAsync(db => db.CouncilMandates.Where(m => m.CouncilId == council).ToListAsync());
        Assert.Equal(2, seated.Count);
        Assert.All(seated, m => Assert.Equal(MandateSource.Draw, m.Source));
        // All or none: a panel larger than the free seats seats nobody.
        var tooMany = new List<Appointee> { new("A", null), new("B", null) };
        await Assert.ThrowsAsync<DomainException>(() => _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
            await services.GetRequiredService<CouncilMembers>().AppointAllAsync(council, college, tooMany, MandateSource.Draw, new DateOnly(2026, 1, 1), null)));
        Assert.Equal(2, await _app.InAAsync(db => db.CouncilMandates.CountAsync(m => m.CouncilId == council)));
    }

    [Fact]
    public async Task An_opinion_is_answered_through_the_official_workflow_and_counts_as_overdue_until_then()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(animator);
        var title = "Avis sur les bancs " + Guid.NewGuid().ToString("N")[..6];
        var lost = await client.SubmitAndReadAsync($"/conseils/{council}/animation/avis", "main form",
            Values(("Input.Title", title), ("Input.Text", "Des bancs."), ("Input.VotesFor", "1"), ("Input.VotesAgainst", "3")));
        Assert.Contains("Un avis est adopté quand il recueille plus de voix pour que contre.", lost.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.CouncilOpinions.CountAsync(o => o.Title == title)));
        var adopted = await client.SubmitAsync($"/conseils/{council}/animation/avis", "main form",
            Values(("Input.Title", title), ("Input.Text", "Des bancs <script>alert(1)</script> **à l'ombre**."), ("Input.VotesFor", "6"), ("Input.VotesAgainst", "1"), ("Input.Abstentions", "2")));
        var opinionUrl = adopted.Headers.Location!.OriginalString;
        var opinion = await _app.InAAsync(db => db.CouncilOpinions.SingleAsync(o => o.Title == title));
        Assert.Equal($"/conseils/avis/{opinion.Id}", opinionUrl);
        var shown = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(opinionUrl);
        Assert.NotNull(shown.QuerySelector("main .body strong"));
        Assert.Null(shown.QuerySelector("main script"));

        // Older than the deadline: the overdue list names it, the administrators see it.
        await _app.InAAsync(async db =>
        {
            var o = await db.CouncilOpinions.SingleAsync(x => x.Id == opinion.Id);
            o.CreatedAt = DateTime.UtcNow.AddYears(-20);
            return await db.SaveChangesAsync();
        });
        var admin = await _app.SignedInAsync("admin");
        Assert.Contains($"/conseils/avis/{opinion.Id}", await admin.GetStringAsync("/reponses/en-retard?service=" + Uri.EscapeDataString(Parvis.Features.Responses.OverdueAnswers.NoService)), StringComparison.Ordinal);

        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync(opinionUrl, "form[action*=DraftResponse]", Values(("body", "La collectivité installera six bancs.")));
        var elected = await _app.SignedInAsync("elu");
        var queue = await elected.GetDocumentAsync("/reponses");
        Assert.Contains($"/conseils/avis/{opinion.Id}", queue.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        var responseId = await _app.InAAsync(db => db.OfficialResponses.Where(r => r.CouncilOpinionId == opinion.Id).Select(r => r.Id).SingleAsync());
        await elected.SubmitAsync("/reponses", $"form[action*=Publish]:has(input[name=responseId][value='{responseId}'])", Values());
        Assert.NotNull(await _app.InAAsync(db => db.CouncilOpinions.Where(o => o.Id == opinion.Id).Select(o => o.FirstAnsweredAt).SingleAsync()));
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/conseils/{council}");
        Assert.Contains("la collectivité a répondu", page.QuerySelector("#avis")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("six bancs", (await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(opinionUrl)).QuerySelector("#reponse")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"/conseils/avis/{opinion.Id}", await admin.GetStringAsync("/reponses/en-retard?service=" + Uri.EscapeDataString(Parvis.Features.Responses.OverdueAnswers.NoService)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_votes_are_published_only_for_members_sitting_that_day()
    {
        var (council, college) = await _app.NewCouncilAsync(seats: 5);
        var (sitting, gone) = await _app.InAAsync(async db =>
        {
            var a = CouncilMandate.Start(council, college, "Votante Présente", null, MandateRole.Member, MandateSource.Appointment, new DateOnly(2024, 1, 1), null, DateTime.UtcNow);
            var b = CouncilMandate.Start(council, college, "Partie Avant", null, MandateRole.Member, MandateSource.Appointment, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1), DateTime.UtcNow);
            db.CouncilMandates.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var admin = await _app.SignedInAsync("admin");
        var url = $"/conseils/{council}/animation/avis";
        var page = await admin.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector($"select[name='Input.MemberVotes[{sitting}]']"));
        Assert.Null(page.QuerySelector($"select[name='Input.MemberVotes[{gone}]']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await admin.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Title"] = "Avis forgé",
            ["Input.Text"] = "Texte",
            ["Input.AdoptedOn"] = "2025-01-01",
            ["Input.PublishMemberVotes"] = "true",
            [$"Input.MemberVotes[{sitting}]"] = "For",
            [$"Input.MemberVotes[{gone}]"] = "For",
        }));
        Assert.Contains("Seuls les membres qui siégeaient le jour de l'adoption peuvent avoir voté.", HtmlClient.Parse(await forged.Content.ReadAsStringAsync()).Errors());
        var title = "Avis nominatif " + Guid.NewGuid().ToString("N")[..6];
        var adopted = await admin.SubmitAsync(url, "main form", Values(("Input.Title", title), ("Input.Text", "Texte"), ("Input.AdoptedOn", "2025-01-01"),
            ("Input.PublishMemberVotes", "true"), ($"Input.MemberVotes[{sitting}]", "For")));
        var shown = await admin.GetDocumentAsync(adopted.Headers.Location!.OriginalString);
        Assert.Contains("Votante Présente", shown.QuerySelector("#vote")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 pour, 0 contre, 0 abstentions", shown.QuerySelector("#vote")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    private Task<CouncilItemStatus> StatusAsync(int itemId) =>
        _app.InAAsync(db => db.CouncilAgendaItems.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync());
}
