using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class ProposalFlagTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<int> NewProposalAsync(string title = "Une idée à examiner") =>
        await _app.AddProposalAsync(await _app.NewProposalSpaceAsync(), title + " " + Guid.NewGuid().ToString("N")[..6], "Le texte de la proposition.",
            await _app.UserIdAsync(await _app.NewCitizenAsync()));

    private static Task<HttpResponseMessage> FlagAsync(HttpClient client, int id, string reason) =>
        client.SubmitAsync($"/propositions/{id}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = reason });

    private static Task<HttpResponseMessage> PostFlagAsync(HttpClient client, string token, int id, string reason) =>
        client.PostAsync($"/propositions/{id}?handler=Flag", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["reason"] = reason }));

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private Task<List<ProposalFlag>> FlagsOfAsync(int id) => _app.InAAsync(db => db.ProposalFlags.AsNoTracking().Where(f => f.ProposalId == id).ToListAsync());

    private static int FlagCount(AngleSharp.Dom.IElement item) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(item.TextContent, @"(\d+) signalements? ouverts?").Groups[1].Value, CultureInfo.InvariantCulture);

    private static AngleSharp.Dom.IElement? QueueItem(AngleSharp.Html.Dom.IHtmlDocument queue, int id) =>
        queue.QuerySelector($"li.contribution:has(a[href='/propositions/{id}'])");

    [Fact]
    public async Task A_flag_reaches_the_moderation_queue_with_its_reason_and_a_moderator_keeps_the_proposal()
    {
        var id = await NewProposalAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var page = await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "  Publicité déguisée  " });
        Assert.Contains("la modération examinera", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Publicité déguisée", Assert.Single(await FlagsOfAsync(id)).Reason);
        Assert.Equal(1, (await _app.ProposalAsync(id)).OpenFlagCount);
        // One flag is below the threshold: the proposal stays public.
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/propositions/{id}")).StatusCode);

        var moderator = await _app.SignedInAsync("moderation");
        var item = QueueItem(await moderator.GetDocumentAsync("/moderation/propositions"), id)!;
        Assert.Contains("1 signalement ouvert", item.TextContent);
        Assert.Contains("Publicité déguisée", item.QuerySelector("ul")!.TextContent);
        Assert.Contains("Publiée", item.QuerySelector(".badge")!.TextContent);

        await moderator.SubmitAsync("/moderation/propositions", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?> { ["reason"] = "Rien d'abusif" },
            "/moderation/propositions?handler=Dismiss");
        Assert.All(await FlagsOfAsync(id), f => Assert.NotNull(f.ResolvedAt));
        var kept = await _app.ProposalAsync(id);
        Assert.Equal((ModerationState.Published, 0), (kept.State, kept.OpenFlagCount));
        Assert.Null(QueueItem(await moderator.GetDocumentAsync("/moderation/propositions"), id));
        var audit = await _app.InAAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "proposal.flags.dismiss" && a.TargetId == id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(("Modération", "Rien d'abusif"), (audit.ActorName, audit.Details));
    }

    [Fact]
    public async Task Flags_up_to_the_threshold_hide_the_proposal_and_its_supports_until_a_moderator_keeps_it()
    {
        var threshold = await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.FlagThreshold).SingleAsync());
        var id = await NewProposalAsync();
        var url = $"/propositions/{id}";
        var waiting = await NewProposalAsync("Hors sujet, masquée sans signalement");
        await _app.InAAsync(db => db.Proposals.Where(p => p.Id == waiting).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ModerationState.Hidden).SetProperty(p => p.ModerationReason, "Hors sujet")));
        for (var i = 0; i < threshold; i++)
        {
            var (citizen, _) = await _app.CitizenClientAsync();
            var response = await FlagAsync(citizen, id, $"Propos injurieux {i}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            // The last flag hid it: the person is sent back to the space, not to a page they can no longer read.
            if (i == threshold - 1) Assert.StartsWith("/propositions/espaces/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var hidden = await _app.ProposalAsync(id);
        Assert.Equal((ModerationState.PendingReview, threshold, ModeratedItem.AutoHiddenReason), (hidden.State, hidden.OpenFlagCount, hidden.ModerationReason));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).StatusCode);
        // Nobody supports a proposal waiting for moderation; a moderator still reads it.
        var (supporter, _) = await _app.CitizenClientAsync();
        var token = await TokenAsync(supporter, "/propositions");
        var refused = await supporter.PostAsync($"{url}?handler=Support", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(0, await _app.SupportRowsAsync(id));

        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation/propositions");
        var item = QueueItem(queue, id)!;
        Assert.Contains($"{threshold} signalements ouverts", item.TextContent);
        Assert.Equal(threshold, item.QuerySelectorAll("ul li").Length);
        // Flagged proposals come first, most flagged first, before those only waiting or hidden.
        var counts = queue.QuerySelectorAll("li.contribution").Select(FlagCount).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Contains(0, counts);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(url)).StatusCode);

        await moderator.SubmitAsync("/moderation/propositions", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?>(), "/moderation/propositions?handler=Dismiss");
        var kept = await _app.ProposalAsync(id);
        Assert.Equal((ModerationState.Published, 0, (string?)null), (kept.State, kept.OpenFlagCount, kept.ModerationReason));
        Assert.All(await FlagsOfAsync(id), f => Assert.NotNull(f.ResolvedAt));
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_moderator_hides_a_flagged_proposal_with_a_reason_and_its_flags_are_closed()
    {
        var id = await NewProposalAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        await FlagAsync(citizen, id, "Données personnelles d'un voisin");
        var moderator = await _app.SignedInAsync("moderation");
        var form = $"form:has(input[name=id][value='{id}'])";
        var page = await moderator.SubmitAndReadAsync("/moderation/propositions", form, new Dictionary<string, string?> { ["reason"] = " " }, "/moderation/propositions?handler=Hide");
        Assert.Contains("Indiquez le motif du masquage.", page.Errors());
        page = await moderator.SubmitAndReadAsync("/moderation/propositions", form, new Dictionary<string, string?> { ["reason"] = new string('x', Flag.MaxReason + 1) }, "/moderation/propositions?handler=Hide");
        Assert.Contains($"Le motif dépasse {Flag.MaxReason} caractères.", page.Errors());
        Assert.Equal(ModerationState.Published, (await _app.ProposalAsync(id)).State);

        await moderator.SubmitAsync("/moderation/propositions", form, new Dictionary<string, string?> { ["reason"] = "Adresse d'un particulier" }, "/moderation/propositions?handler=Hide");
        var hidden = await _app.ProposalAsync(id);
        Assert.Equal((ModerationState.Hidden, "Adresse d'un particulier", 0), (hidden.State, hidden.ModerationReason, hidden.OpenFlagCount));
        Assert.All(await FlagsOfAsync(id), f => Assert.NotNull(f.ResolvedAt));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Contains("proposal.hide", await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetId == id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync()));
        var item = QueueItem(await moderator.GetDocumentAsync("/moderation/propositions"), id)!;
        Assert.Contains("Masquée", item.QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task A_person_flags_a_proposal_once_even_when_two_requests_race()
    {
        var id = await NewProposalAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        await FlagAsync(citizen, id, "Spam");
        var page = await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Spam encore" });
        Assert.Contains("Vous avez déjà signalé cette proposition ; la modération va l'examiner.", page.Errors());

        var raced = await NewProposalAsync();
        var (racer, _) = await _app.CitizenClientAsync();
        var token = await TokenAsync(racer, $"/propositions/{raced}");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostFlagAsync(racer, token, raced, $"Doublon {i}")));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)r.StatusCode}"));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            Assert.Contains("Vous avez déjà signalé cette proposition ; la modération va l'examiner.", HtmlClient.Parse(await refused.Content.ReadAsStringAsync()).Errors());
        Assert.Single(await FlagsOfAsync(raced));
        Assert.Equal(1, (await _app.ProposalAsync(raced)).OpenFlagCount);
        Assert.Single(await FlagsOfAsync(id));
    }

    [Fact]
    public async Task Bad_reasons_are_refused_in_french_and_nothing_is_saved()
    {
        var id = await NewProposalAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var page = await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "   " });
        Assert.Contains("Indiquez pourquoi ce contenu pose problème.", page.Errors());
        page = await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = new string('x', Flag.MaxReason + 1) });
        Assert.Contains($"Le motif dépasse {Flag.MaxReason} caractères.", page.Errors());
        Assert.Empty(await FlagsOfAsync(id));
        Assert.Equal(0, (await _app.ProposalAsync(id)).OpenFlagCount);
    }

    [Fact]
    public async Task A_visitor_gets_a_sign_in_link_and_cannot_flag()
    {
        var id = await NewProposalAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync($"/propositions/{id}");
        Assert.Null(page.QuerySelector("form[action*=Flag]"));
        Assert.NotNull(page.QuerySelector($"a[href='/compte/connexion?ReturnUrl=%2Fpropositions%2F{id}']"));
        // A token from a form a visitor does get (the sign-in page), sent to the flag handler.
        var token = await TokenAsync(visitor, "/compte/connexion");
        var response = await PostFlagAsync(visitor, token, id, "Anonyme");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Connectez-vous pour signaler un contenu.", HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Empty(await FlagsOfAsync(id));
    }

    [Fact]
    public async Task A_person_of_ville_b_cannot_flag_a_proposal_of_ville_a()
    {
        var id = await NewProposalAsync();
        var email = await _app.NewCitizenAsync(_app.OrganizationB);
        var fromB = _app.ClientFor(ParvisFactory.HostB);
        await fromB.LoginAsync(email);
        var token = await TokenAsync(fromB, "/propositions");
        var response = await PostFlagAsync(fromB, token, id, "D'une autre ville");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await FlagsOfAsync(id));
        Assert.Equal(0, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.ProposalFlags.IgnoreQueryFilters().CountAsync(f => f.ProposalId == id)));
        // Once flagged in Ville A, it is in Ville A's queue and not in Ville B's.
        var (citizenOfA, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFlagAsync(citizenOfA, await TokenAsync(citizenOfA, $"/propositions/{id}"), id, "Hors sujet")).StatusCode);
        Assert.NotNull(QueueItem(await (await _app.SignedInAsync("moderation")).GetDocumentAsync("/moderation/propositions"), id));
        Assert.Null(QueueItem(await (await _app.SignedInAsync("moderation", ParvisFactory.HostB)).GetDocumentAsync("/moderation/propositions"), id));
    }

    [Fact]
    public async Task A_moderator_of_one_territory_neither_sees_nor_keeps_a_proposal_of_another()
    {
        var id = await NewProposalAsync("Hors périmètre");
        var (citizen, _) = await _app.CitizenClientAsync();
        await FlagAsync(citizen, id, "Hors sujet");
        var email = await _app.NewCitizenAsync();
        await _app.InAAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var rives = await db.Territories.SingleAsync(t => t.Name == "Les Rives");
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = StaffRole.Moderator, TerritoryId = rives.Id, GrantedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var scoped = _app.ClientFor(ParvisFactory.HostA);
        await scoped.LoginAsync(email);
        var queue = await scoped.GetDocumentAsync("/moderation/propositions");
        Assert.Null(QueueItem(queue, id));
        var page = await scoped.SubmitAndReadAsync("/moderation/propositions", "form[action*=Merge]",
            new Dictionary<string, string?> { ["id"] = id.ToString(CultureInfo.InvariantCulture) }, "/moderation/propositions?handler=Dismiss");
        Assert.Contains("Vous ne modérez pas cette proposition.", page.Errors());
        Assert.Null(Assert.Single(await FlagsOfAsync(id)).ResolvedAt);
        Assert.Equal(1, (await _app.ProposalAsync(id)).OpenFlagCount);
    }
}
