using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Participations;

[Collection(AppCollection.Name)]
public class ParticipationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Mes_participations_lists_what_the_person_took_part_in_with_its_answer_and_outcome_and_nobody_elses()
    {
        var email = await _app.NewCitizenAsync();
        var me = await _app.UserIdAsync(email);
        var other = await _app.UserIdAsync(await _app.NewCitizenAsync());
        var consultation = await _app.NewOpenConsultationAsync();
        var now = DateTime.UtcNow;
        var mine = await _app.AddContributionsAsync(consultation, 21, (c, i) =>
        {
            (c.AuthorId, c.Title, c.CreatedAt) = (me, $"Mon idée {i:00}", now.AddMinutes(i - 30));
        });
        var theirs = (await _app.AddContributionsAsync(consultation, 1, (c, _) => (c.AuthorId, c.Title) = (other, "L'idée d'un autre")))[0];
        var space = await _app.NewProposalSpaceAsync();
        var proposal = await _app.AddProposalAsync(space, "Un jardin partagé rue Haute", "Des bacs et de l'eau.", other);
        var petition = await _app.NewOpenPetitionAsync();
        await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == consultation).Select(c => c.TerritoryId).SingleAsync();
            db.OfficialResponses.Add(new OfficialResponse
            {
                Subject = ResponseSubject.Contribution(mine[20]),
                Body = "Merci, c'est retenu.",
                SignatureLabel = "Service urbanisme",
                DraftedById = other,
                DraftedAt = now,
                Status = ResponseStatus.Published,
                PublishedAt = now,
            });
            Outcome Outcome(string title, DateTime? published) => new()
            {
                Title = title,
                Status = OutcomeStatus.Done,
                DecidedOn = DateOnly.FromDateTime(now),
                TerritoryId = territory,
                CreatedAt = now,
                UpdatedAt = now,
                PublishedAt = published,
            };
            var done = Outcome("Bancs installés place du Marché", now);
            var draft = Outcome("Projet pas encore publié", null);
            db.Outcomes.AddRange(done, draft);
            await db.SaveChangesAsync();
            db.OutcomeLinks.AddRange(
                new OutcomeLink { OutcomeId = done.Id, Kind = OutcomeSubjectKind.Contribution, SubjectId = mine[20] },
                new OutcomeLink { OutcomeId = draft.Id, Kind = OutcomeSubjectKind.Contribution, SubjectId = mine[20] });
            db.Reactions.Add(new Reaction { ContributionId = theirs, UserId = me, Kind = ReactionKind.Agree, CreatedAt = now });
            db.ProposalSupports.Add(new ProposalSupport { ProposalId = proposal, UserId = me, CreatedAt = now });
            db.PetitionSignatures.Add(new PetitionSignature
            {
                PetitionId = petition,
                UserId = me,
                Name = "Camille Dupont",
                Email = email,
                CanonicalEmail = email,
                EmailDomain = "example.org",
                IpAddress = "192.0.2.1",
                CreatedAt = now,
                LinkSentAt = now,
                ConfirmedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        var petitionTitle = await _app.InAAsync(db => db.Petitions.Where(p => p.Id == petition).Select(p => p.Title).SingleAsync());

        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(email);
        var page = await client.GetDocumentAsync("/");
        Assert.NotNull(page.QuerySelector(".account-menu a[href='/compte/participations']"));
        page = await client.GetDocumentAsync("/compte/participations");

        string[] Titles(string section) =>
            page.QuerySelectorAll($"#section-{section} ~ ul h3").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(["Mon idée 20", "Mon idée 19", "Mon idée 18", "Mon idée 17", "Mon idée 16"], Titles("contributions"));
        var newest = page.QuerySelector("#section-contributions ~ ul li")!.TextContent;
        Assert.Contains("Réponse officielle publiée le", newest, StringComparison.Ordinal);
        Assert.Contains("Suite donnée : Bancs installés place du Marché", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("Projet pas encore publié", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pas encore de réponse officielle", page.QuerySelectorAll("#section-contributions ~ ul li")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["L'idée d'un autre"], Titles("reactions"));
        Assert.Equal(["Un jardin partagé rue Haute"], Titles("supports"));
        Assert.Equal([petitionTitle], Titles("signatures"));
        Assert.Empty(Titles("proposals"));

        Assert.NotNull(page.QuerySelector("a[href='?section=contributions']"));
        page = await client.GetDocumentAsync("/compte/participations?section=contributions");
        Assert.Equal(20, page.QuerySelectorAll(".participation-list li").Length);
        page = await client.GetDocumentAsync("/compte/participations?section=contributions&page=2");
        Assert.Equal(["Mon idée 00"], page.QuerySelectorAll(".participation-list h3").Select(h => h.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/compte/participations?section=tout")).StatusCode);

        // Someone else sees their own page, not this person's.
        var stranger = (await _app.CitizenClientAsync()).Client;
        var theirPage = await stranger.GetDocumentAsync("/compte/participations");
        Assert.DoesNotContain("Mon idée", theirPage.Body!.TextContent, StringComparison.Ordinal);
    }
}
