using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Councils;

/// <summary>
/// Who may open each council page: administrators, an animator of this council, an animator of another council, an
/// agent, a citizen, a visitor. The animator's power is the council's only: everywhere else they are a citizen.
/// POSTs carry a form token and nothing else: "allowed" means the handler ran (its rules then refuse the empty form).
/// </summary>
[Collection(CivicAppCollection.Name)]
public class CouncilAuthorizationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly string[] People = ["admin", "animator", "animator of another council", "agent", "citizen", "anonymous"];

    // Columns in the order of People; + allowed, - denied.
    private static readonly Dictionary<string, string> Rules = new()
    {
        ["GET /conseils"] = "++++++",
        ["GET /conseils/{council}"] = "++++++",
        ["GET /conseils/{council}/proposer-un-point"] = "++++++",
        ["POST /conseils/{council}/proposer-un-point"] = "++++++",
        ["GET /conseils/{council}/candidater"] = "++++++",
        ["POST /conseils/{council}/candidater"] = "++++++",
        ["GET /conseils/avis/{opinion}"] = "++++++",
        ["POST /conseils/avis/{opinion}?handler=DraftResponse"] = "+--+--",
        ["GET /conseils/{council}/animation"] = "++----",
        ["POST /conseils/{council}/animation?handler=Appoint"] = "++----",
        ["POST /conseils/{council}/animation?handler=End"] = "++----",
        ["POST /conseils/{council}/animation?handler=Replace"] = "++----",
        ["POST /conseils/{council}/animation?handler=AppointCandidate"] = "++----",
        ["POST /conseils/{council}/animation?handler=NotRetained"] = "++----",
        ["GET /conseils/{council}/animation/ordre-du-jour"] = "++----",
        ["POST /conseils/{council}/animation/ordre-du-jour?handler=Accept"] = "++----",
        ["POST /conseils/{council}/animation/ordre-du-jour?handler=Decline"] = "++----",
        ["GET /conseils/{council}/animation/avis"] = "++----",
        ["POST /conseils/{council}/animation/avis"] = "++----",
        ["GET /admin/conseils"] = "+-----",
        ["POST /admin/conseils"] = "+-----",
        ["GET /admin/conseils/{council}"] = "+-----",
        ["POST /admin/conseils/{council}"] = "+-----",
        ["POST /admin/conseils/{council}?handler=AddCollege"] = "+-----",
        ["POST /admin/conseils/{council}?handler=UpdateCollege"] = "+-----",
        ["POST /admin/conseils/{council}?handler=RemoveCollege"] = "+-----",
        ["POST /admin/conseils/{council}?handler=AddAnimator"] = "+-----",
        ["POST /admin/conseils/{council}?handler=RemoveAnimator"] = "+-----",
    };

    [Fact]
    public async Task Every_council_page_keeps_its_rule_for_each_kind_of_person()
    {
        var animator = await _app.NewCitizenAsync();
        var otherAnimator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        await _app.NewCouncilAsync(otherAnimator);
        var opinion = await _app.NewOpinionAsync(council, "Avis de la matrice");
        var wrong = new List<string>();
        for (var person = 0; person < People.Length; person++)
        {
            var client = People[person] switch
            {
                "admin" => await _app.SignedInAsync("admin"),
                "animator" => await SignedInAsync(animator),
                "animator of another council" => await SignedInAsync(otherAnimator),
                "agent" => await _app.SignedInAsync("agent"),
                "citizen" => (await _app.CitizenClientAsync()).Client,
                _ => _app.ClientFor(ParvisFactory.HostA),
            };
            var token = await TokenAsync(client);
            foreach (var (endpoint, rule) in Rules)
            {
                var (method, target) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
                var url = target.Replace("{council}", CouncilData.Id(council), StringComparison.Ordinal).Replace("{opinion}", CouncilData.Id(opinion), StringComparison.Ordinal);
                var response = method == "GET"
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var expected = rule[person] == '+';
                if ((int)response.StatusCode >= 500 || Denied(response) == expected)
                    wrong.Add($"{endpoint} as {People[person]}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // Nothing of the empty forms was saved.
        Assert.Equal(0, await _app.InAAsync(db => db.CouncilMandates.CountAsync(m => m.CouncilId == council)));
    }

    [Fact]
    public async Task An_animator_is_refused_everywhere_outside_their_council()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        var (other, _) = await _app.NewCouncilAsync();
        var opinion = await _app.NewOpinionAsync(council, "Avis de son conseil");
        var client = await SignedInAsync(animator);

        // Their own council: the animation pages open (so the refusals below are about the place, not the person).
        foreach (var url in new[] { $"/conseils/{council}/animation", $"/conseils/{council}/animation/ordre-du-jour", $"/conseils/{council}/animation/avis" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        string[] elsewhere =
        [
            $"/conseils/{other}/animation", $"/conseils/{other}/animation/ordre-du-jour", $"/conseils/{other}/animation/avis",
            "/admin", "/admin/conseils", $"/admin/conseils/{council}", "/admin/roles", "/admin/journal", "/admin/resultats", "/admin/verifications",
            "/admin/concertations", "/admin/propositions", "/moderation", "/moderation/signalements", "/reponses", "/reponses/en-retard",
            "/reponses/mes-brouillons", "/guichet",
        ];
        var allowed = new List<string>();
        foreach (var url in elsewhere)
            if (!Denied(await client.GetAsync(url))) allowed.Add(url);
        Assert.True(allowed.Count == 0, "The animator opened: " + string.Join(", ", allowed));

        // Answering the council's own opinion is the institution's, not the animator's.
        var token = await TokenAsync(client);
        var draft = await client.PostAsync($"/conseils/avis/{opinion}?handler=DraftResponse",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["body"] = "Réponse de l'animateur" }));
        Assert.True(Denied(draft), $"{(int)draft.StatusCode}");
        Assert.Equal(0, await _app.InAAsync(db => db.OfficialResponses.CountAsync(r => r.CouncilOpinionId == opinion)));
        // Nor can they act on another council's items by posting to it.
        var item = await _app.NewAgendaItemAsync(other, await _app.NewCitizenAsync(), "Point d'un autre conseil");
        var accept = await client.PostAsync($"/conseils/{other}/animation/ordre-du-jour?handler=Accept",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["itemId"] = CouncilData.Id(item) }));
        Assert.True(Denied(accept));
        // Through their own council's address, another council's item is not found either.
        var sideways = await client.PostAsync($"/conseils/{council}/animation/ordre-du-jour?handler=Accept",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["itemId"] = CouncilData.Id(item) }));
        Assert.Contains("Ce point n'existe pas.", HtmlClient.Parse(await sideways.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(Parvis.Domain.CouncilItemStatus.Proposed, await _app.InAAsync(db => db.CouncilAgendaItems.Where(i => i.Id == item).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_removed_animator_loses_the_council_at_once()
    {
        var animator = await _app.NewCitizenAsync();
        var (council, _) = await _app.NewCouncilAsync(animator);
        var client = await SignedInAsync(animator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/conseils/{council}/animation")).StatusCode);
        var admin = await _app.SignedInAsync("admin");
        var animatorId = await _app.InAAsync(db => db.CouncilAnimators.Where(a => a.CouncilId == council).Select(a => a.Id).SingleAsync());
        var page = await admin.GetDocumentAsync($"/admin/conseils/{council}");
        Assert.Contains(animator, page.QuerySelector("#animateurs")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var removed = await admin.SubmitAsync($"/admin/conseils/{council}", "form[action*=RemoveAnimator]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.True(Denied(await client.GetAsync($"/conseils/{council}/animation")));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "council.animator.remove" && e.TargetId == CouncilData.Id(council))));
        Assert.False(await _app.InAAsync(db => db.CouncilAnimators.AnyAsync(a => a.Id == animatorId)));
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(email);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
            ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;

    public static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.OriginalString is { } to
            && (to.Contains("/compte/connexion", StringComparison.Ordinal) || to.Contains("/compte/acces-refuse", StringComparison.Ordinal)));
}
