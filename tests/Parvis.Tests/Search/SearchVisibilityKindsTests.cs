using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Councils;
using Parvis.Tests.Meetings;
using Parvis.Tests.Outcomes;
using Parvis.Tests.Projects;
using Parvis.Tests.Requests;
using Parvis.Tests.Surveys;

namespace Parvis.Tests.Search;

/// <summary>
/// The kinds search found later (requests, outcomes, projects, meetings, councils, surveys, news): each under the rule
/// of its public page, never another organization's.
/// </summary>
public partial class SearchVisibilityTests
{
    private static readonly string[] OtherKindsVisible =
        ["Signalementvisible", "Realisationpubliee", "Projetpublie", "Reunionpubliee", "Conseilvisible", "Enquetepubliee", "Actualitepubliee"];

    [Fact]
    public async Task Other_kinds_only_what_anyone_may_read_is_found()
    {
        var m = SearchTests.Marker();
        var b = _app.OrganizationB;
        await _app.AddRequestAsync($"Signalementvisible {m}");
        await _app.AddRequestAsync($"Signalementmasque {m}", change: r => r.IsHidden = true);
        await _app.AddRequestAsync($"Signalementnonconfirme {m}", change: r => r.AwaitingEmail = true);
        var automasked = await _app.AddRequestAsync($"Signalementmasqueplustard {m}");

        var territory = await _app.NewTerritoryAsync();
        await _app.NewOutcomeAsync(territory, title: $"Realisationpubliee {m}");
        await _app.NewOutcomeAsync(territory, published: false, title: $"Realisationbrouillon {m}");
        await _app.NewOutcomeAsync(await _app.NewTerritoryAsync(organization: b), title: $"Realisationautre {m}", organization: b);

        await _app.NewProjectAsync(adjust: p => p.Title = $"Projetpublie {m}");
        await _app.NewProjectAsync(published: false, adjust: p => p.Title = $"Projetbrouillon {m}");
        await _app.NewProjectAsync(adjust: p => p.Title = $"Projetautre {m}", organization: b);

        // Minutes not published yet: their words find nothing.
        var minutes = SearchTests.Marker();
        await _app.NewMeetingAsync(adjust: x => (x.Title, x.AgendaMarkdown, x.MinutesMarkdown) = ($"Reunionpubliee {m}", "Ordre du jour.", $"Compte rendu {minutes}"));
        await _app.NewMeetingAsync(adjust: x => (x.Title, x.PublishedAt) = ($"Reunionbrouillon {m}", null));
        await _app.NewMeetingAsync(adjust: x => x.Title = $"Reunionautre {m}", organization: b);

        var (council, _) = await _app.NewCouncilAsync();
        var surveys = ((await _app.NewSurveyAsync()).Survey, await _app.NewSurveyAsync(published: false),
            (await _app.NewSurveyAsync(organization: b)).Survey);
        await _app.InAAsync(async db =>
        {
            (await db.Councils.SingleAsync(c => c.Id == council)).Name = $"Conseilvisible {m}";
            (await db.Surveys.SingleAsync(s => s.Id == surveys.Item1)).Title = $"Enquetepubliee {m}";
            (await db.Surveys.SingleAsync(s => s.Id == surveys.Item2.Survey)).Title = $"Enquetebrouillon {m}";
            db.NewsPosts.AddRange(News($"Actualitepubliee {m}", DateTime.UtcNow.AddMinutes(-1)), News($"Actualiteprogrammee {m}", DateTime.UtcNow.AddDays(1)),
                News($"Actualitebrouillon {m}", null));
            return await db.SaveChangesAsync();
        });
        await _app.InOrganizationAsync(b, async (db, _) =>
        {
            (await db.Surveys.SingleAsync(s => s.Id == surveys.Item3)).Title = $"Enqueteautre {m}";
            var council = new Council { Name = $"Conseilautre {m}", TerritoryId = await db.Territories.Select(t => t.Id).FirstAsync(), CreatedAt = DateTime.UtcNow };
            db.Councils.Add(council);
            db.NewsPosts.Add(News($"Actualiteautre {m}", DateTime.UtcNow.AddMinutes(-1)));
            return await db.SaveChangesAsync();
        });
        // As a moderator's bulk action would: behind the change tracker, after the text was indexed.
        await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == automasked).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsHidden, true)));

        var anonymous = Words(await SearchTests.ResultsAsync(_app.ClientFor(ParvisFactory.HostA), m), m);
        var staff = Words(await SearchTests.ResultsAsync(await _app.SignedInAsync("admin"), m), m);
        var fromB = Words(await SearchTests.ResultsAsync(_app.ClientFor(ParvisFactory.HostB), m), m);
        var unpublishedMinutes = await SearchTests.ResultsAsync(_app.ClientFor(ParvisFactory.HostA), minutes);
        string[] inB = ["Realisationautre", "Projetautre", "Reunionautre", "Conseilautre", "Enqueteautre", "Actualiteautre"];
        string[] never =
        [
            "Signalementmasque", "Signalementnonconfirme", "Signalementmasqueplustard", "Realisationbrouillon", "Projetbrouillon",
            "Reunionbrouillon", "Enquetebrouillon", "Actualiteprogrammee", "Actualitebrouillon", .. inB,
        ];
        // Each excluded item by name, so that a failure says which rule let it through; then the exact sets.
        Assert.Multiple(
        [
            .. never.Select(word => (Action)(() => Assert.DoesNotContain(word, anonymous))),
            .. never.Select(word => (Action)(() => Assert.DoesNotContain(word, staff))),
            () => Assert.Equal(OtherKindsVisible.Order(), anonymous.Order()),
            () => Assert.Equal(OtherKindsVisible.Order(), staff.Order()),
            () => Assert.Equal(inB.Order(), fromB.Order()),
            () => Assert.Empty(unpublishedMinutes),
        ]);
    }

    [Fact]
    public async Task Where_requests_are_not_public_search_finds_none()
    {
        var m = SearchTests.Marker();
        await _app.AddRequestAsync($"Signalementprive {m}");
        var admin = await _app.SignedInAsync("admin");
        await _app.SetRequestsPublicAsync(false);
        try
        {
            Assert.Empty(await SearchTests.ResultsAsync(admin, m));
        }
        finally
        {
            await _app.SetRequestsPublicAsync(true);
        }
        Assert.Single(await SearchTests.ResultsAsync(admin, $"Signalementprive {m}"));
    }

    // Each result by the made-up word before the marker (its title, or the start of its text); the whole text if none.
    private static List<string> Words(List<string> found, string marker) =>
        found.Select(f => System.Text.RegularExpressions.Regex.Match(f, @"(\p{L}+) " + marker) is { Success: true } w ? w.Groups[1].Value : f.Trim())
            .ToList();

    private static NewsPost News(string title, DateTime? publishAt)
    {
        var post = new NewsPost { Title = "" };
        post.Describe(new NewsDescription(title, "Résumé.", "Texte.", null, null, ProjectTheme.Culture, NewsComments.Closed), DateTime.UtcNow.AddMinutes(-5));
        post.PublishAt = publishAt;
        return post;
    }

    [Fact]
    public async Task A_state_narrows_its_kind_and_an_unknown_one_gets_a_french_message()
    {
        var m = SearchTests.Marker();
        await _app.NewOpenConsultationAsync(title: $"Concertationencours {m}");
        await _app.NewOpenConsultationAsync(c => c.InformationStartsAt = DateTime.UtcNow.AddDays(3), $"Concertationavenir {m}");
        var open = await _app.NewOpenPetitionAsync();
        var closed = await _app.NewOpenPetitionAsync();
        await _app.AddRequestAsync($"Signalementnouveau {m}");
        await _app.AddRequestAsync($"Signalementresolu {m}", change: r => r.Status = RequestStatus.Resolved);
        var space = await _app.NewProposalSpaceAsync();
        await _app.AddProposalAsync(space, $"Propositionpubliee {m}", "Texte.");
        var accepted = await _app.AddProposalAsync(space, $"Propositionretenue {m}", "Texte.");
        await _app.InAAsync(async db =>
        {
            (await db.Petitions.SingleAsync(p => p.Id == open)).Title = $"Petitionouverte {m}";
            var p = await db.Petitions.SingleAsync(p => p.Id == closed);
            (p.Title, p.Status) = ($"Petitionclose {m}", PetitionStatus.Closed);
            (await db.Proposals.SingleAsync(x => x.Id == accepted)).Status = ProposalState.Accepted;
            return await db.SaveChangesAsync();
        });

        var client = await _app.SignedInAsync("admin");
        async Task<string> Only(string query) => Assert.Single(await ResultsAsync(client, query));
        Assert.Contains("Concertationavenir", await Only($"/recherche?q={m}&type=concertations&etat=a-venir"), StringComparison.Ordinal);
        Assert.Contains("Concertationencours", await Only($"/recherche?q={m}&type=concertations&etat=en-cours"), StringComparison.Ordinal);
        Assert.Contains("Petitionouverte", await Only($"/recherche?q={m}&type=petitions&etat=ouvertes"), StringComparison.Ordinal);
        Assert.Contains("Petitionclose", await Only($"/recherche?q={m}&type=petitions&etat=closes"), StringComparison.Ordinal);
        Assert.Contains("Signalementresolu", await Only($"/recherche?q={m}&type=signalements&etat=resolu"), StringComparison.Ordinal);
        Assert.Contains("Signalementnouveau", await Only($"/recherche?q={m}&type=signalements&etat=ouverts"), StringComparison.Ordinal);
        Assert.Contains("Propositionretenue", await Only($"/recherche?q={m}&type=propositions&etat=retenue"), StringComparison.Ordinal);
        Assert.Equal(2, (await ResultsAsync(client, $"/recherche?q={m}&type=propositions")).Count);

        // The choice is offered once a kind with states is chosen, with the states of that kind.
        var page = await client.GetDocumentAsync($"/recherche?q={m}&type=petitions");
        Assert.Equal(["", "ouvertes", "closes", "repondues"], page.QuerySelectorAll("#recherche-etat option").Select(o => o.GetAttribute("value")));
        Assert.Null((await client.GetDocumentAsync($"/recherche?q={m}")).QuerySelector("#recherche-etat"));
        Assert.Null((await client.GetDocumentAsync($"/recherche?q={m}&type=projets")).QuerySelector("#recherche-etat"));

        foreach (var (query, message) in new[]
        {
            ("type=petitions&etat=retenue", "Cet état n'existe pas pour ce type"),
            ("type=projets&etat=ouvertes", "Cet état n'existe pas pour ce type"),
            ("etat=ouvertes", "Choisissez d'abord un type"),
            ("type=inconnu", "Ce type n'existe pas"),
            ("type=petitions&etat=%3Cscript%3E", "Cet état n'existe pas pour ce type"),
        })
        {
            var response = await client.GetAsync($"/recherche?q={m}&{query}");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var errors = (await client.GetDocumentAsync($"/recherche?q={m}&{query}")).QuerySelector(".errors");
            Assert.Contains(message, errors?.TextContent ?? "(pas de message)", StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> ResultsAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelectorAll(".search-results li").Select(li => li.TextContent).ToList();
}
