using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

[Collection(InitiativesAppCollection.Name)]
public class PetitionDraftingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Draft(string title) => new()
    {
        ["Title"] = title,
        ["Request"] = "Nous demandons une piste cyclable rue des Écoles.",
        ["Reasons"] = "Les enfants vont à l'école à vélo au milieu des voitures.",
        ["Addressee"] = "Le conseil municipal",
    };

    [Fact]
    public async Task A_draft_is_saved_with_a_private_sponsor_link_and_bad_input_is_refused_in_french()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var title = "Piste cyclable " + Guid.NewGuid().ToString("N")[..6];
        var bad = Draft(title);
        bad["Request"] = "";
        var refused = await client.SubmitAndReadAsync("/petitions/nouvelle", "main form", bad);
        Assert.Contains("Écrivez ce que demande la pétition.", refused.Errors());
        var tooLong = Draft(new string('a', Petition.MaxTitle + 1));
        refused = await client.SubmitAndReadAsync("/petitions/nouvelle", "main form", tooLong);
        Assert.Contains($"Le titre dépasse {Petition.MaxTitle} caractères.", refused.Errors());
        var author = await _app.UserIdAsync(email);
        Assert.Equal(0, await _app.InAAsync(db => db.Petitions.CountAsync(p => p.AuthorId == author)));

        var mine = await client.SubmitAndReadAsync("/petitions/nouvelle", "main form", Draft(title));
        Assert.Contains(title, mine.QuerySelector("main")!.TextContent);
        Assert.Contains("Parrains : 0 sur 5 nécessaires", mine.QuerySelector("main")!.TextContent);
        var link = mine.QuerySelector("input.sponsor-link")!.GetAttribute("value")!;
        Assert.Matches(@"^http://a\.test/petitions/parrainer/[A-Za-z0-9_-]{40,}$", link);
        Assert.Null(mine.QuerySelector("form[action*=Submit]"));
    }

    [Fact]
    public async Task Sponsoring_refuses_an_unknown_link_the_author_and_a_second_time()
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.NewDraftAsync(author);
        var token = (await _app.PetitionAsync(id)).SponsorToken;

        var (sponsor, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync("/petitions/parrainer/inconnu-" + Guid.NewGuid().ToString("N"))).StatusCode);

        var done = await sponsor.SubmitAndReadAsync($"/petitions/parrainer/{token}", "main form", new Dictionary<string, string?>());
        Assert.Contains("Vous parrainez cette pétition.", done.QuerySelector("main")!.TextContent);
        Assert.Null(done.QuerySelector("main form"));
        // A second POST (an old tab, a double click) is refused with a message, not counted twice.
        var page = await sponsor.GetDocumentAsync($"/petitions/parrainer/{token}");
        var twice = await sponsor.PostAsync($"/petitions/parrainer/{token}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? FormToken(await sponsor.GetDocumentAsync("/petitions/nouvelle")))]));
        Assert.Contains("Vous parrainez déjà cette pétition.", await twice.TextAsync());
        Assert.Equal(1, await _app.InAAsync(db => db.PetitionSponsors.CountAsync(s => s.PetitionId == id)));

        var authorClient = _app.ClientFor(ParvisFactory.HostA);
        await authorClient.LoginAsync(author);
        var own = await authorClient.GetDocumentAsync($"/petitions/parrainer/{token}");
        Assert.Null(own.QuerySelector("main form"));
        var refused = await authorClient.PostAsync($"/petitions/parrainer/{token}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", FormToken(await authorClient.GetDocumentAsync("/petitions/nouvelle")))]));
        Assert.Contains("Vous ne pouvez pas parrainer votre propre pétition.", await refused.TextAsync());
        Assert.Equal(1, await _app.InAAsync(db => db.PetitionSponsors.CountAsync(s => s.PetitionId == id)));
    }

    [Fact]
    public async Task In_elector_mode_only_verified_electors_sponsor()
    {
        var id = await _app.NewDraftAsync(adjust: p => { p.ElectorMode = true; p.SignLevel = ParticipationLevel.VerifiedElector; });
        var token = (await _app.PetitionAsync(id)).SponsorToken;
        var (citizen, email) = await _app.CitizenClientAsync();

        var refused = await citizen.SubmitAndReadAsync($"/petitions/parrainer/{token}", "main form", new Dictionary<string, string?>());
        Assert.Contains(refused.Errors(), e => e.Contains("réservée aux électeurs vérifiés"));
        Assert.Equal(0, await _app.InAAsync(db => db.PetitionSponsors.CountAsync(s => s.PetitionId == id)));

        await _app.VerifyAsync(email, elector: true);
        var accepted = await citizen.SubmitAndReadAsync($"/petitions/parrainer/{token}", "main form", new Dictionary<string, string?>());
        Assert.Contains("Vous parrainez cette pétition.", accepted.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task In_elector_mode_only_a_verified_elector_drafts_and_the_page_says_how_to_become_one()
    {
        await SetElectorModeAsync(true);
        try
        {
            var (citizen, email) = await _app.CitizenClientAsync();
            var page = await citizen.GetDocumentAsync("/petitions/nouvelle");
            Assert.Contains("confirmez que vous êtes électeur", page.QuerySelector("main")!.TextContent);
            Assert.Null(page.QuerySelector("main form"));
            var token = (await citizen.GetDocumentAsync("/compte/petitions")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var refused = await citizen.PostAsync("/petitions/nouvelle", new FormUrlEncodedContent(new Dictionary<string, string?>(Draft("Électeurs seulement")) { ["__RequestVerificationToken"] = token }
                .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))));
            Assert.Contains("réservée aux électeurs vérifiés", await refused.TextAsync());
            var author = await _app.UserIdAsync(email);
            Assert.False(await _app.InAAsync(db => db.Petitions.AnyAsync(p => p.AuthorId == author)));

            await _app.VerifyAsync(email, elector: true);
            await citizen.SubmitAsync("/petitions/nouvelle", "main form", Draft("Électeurs seulement"));
            var petition = await _app.InAAsync(db => db.Petitions.SingleAsync(p => p.AuthorId == author));
            Assert.Equal((true, ParticipationLevel.VerifiedElector), (petition.ElectorMode, petition.SignLevel));
        }
        finally
        {
            await SetElectorModeAsync(false);
        }
    }

    private async Task SetElectorModeAsync(bool on)
    {
        await _app.InAAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            organization.Petitions.ElectorMode = on;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostA);
    }

    [Fact]
    public async Task Submitting_below_the_minimum_is_refused_then_moderation_publishes_or_rejects_with_a_reason()
    {
        var author = await _app.NewCitizenAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.LoginAsync(author);
        var id = await _app.NewDraftAsync(author);
        await SponsorAsync(id, 4);
        // The button only shows with enough sponsors; a forged POST is refused by the domain.
        var page = await client.GetDocumentAsync("/compte/petitions");
        Assert.Null(page.QuerySelector("form[action*=Submit]"));
        var forged = await client.PostAsync("/compte/petitions?handler=Submit", new FormUrlEncodedContent(
            [new("id", id.ToString()), new("__RequestVerificationToken", FormToken(await client.GetDocumentAsync("/petitions/nouvelle")))]));
        Assert.Contains("Il faut au moins 5 parrains pour envoyer la pétition à la modération ; elle en a 4.", await forged.TextAsync());
        Assert.Equal(PetitionStatus.Draft, (await _app.PetitionAsync(id)).Status);

        await SponsorAsync(id, 1);
        await client.SubmitAsync("/compte/petitions", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?>());
        Assert.Equal(PetitionStatus.AwaitingModeration, (await _app.PetitionAsync(id)).Status);

        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation/petitions");
        Assert.Contains((await _app.PetitionAsync(id)).Title, queue.QuerySelector("main")!.TextContent);
        var noReason = await moderator.SubmitAndReadAsync("/moderation/petitions", $"form:has(input[name=id][value='{id}'])", new Dictionary<string, string?>(), "/moderation/petitions?handler=Reject");
        Assert.Contains("Indiquez le motif du refus : il est montré à l'auteur.", noReason.Errors());

        await moderator.SubmitAsync("/moderation/petitions", $"form:has(input[name=id][value='{id}'])",
            new Dictionary<string, string?> { ["reason"] = "Hors des compétences de la commune (route départementale)." }, "/moderation/petitions?handler=Reject");
        var petition = await _app.PetitionAsync(id);
        Assert.Equal(PetitionStatus.Rejected, petition.Status);
        var mine = await client.GetDocumentAsync("/compte/petitions");
        Assert.Contains("Motif du refus : Hors des compétences de la commune (route départementale).", mine.QuerySelector("main")!.TextContent);
        var mail = await _app.Smtp.WaitForAsync(author, m => m.Subject!.Contains("n'a pas été publiée"));
        Assert.Contains("route départementale", mail.TextBody);
        Assert.Contains("petition.reject", await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Petition" && a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync()));

        var second = await _app.NewDraftAsync(author);
        await SponsorAsync(second, 5);
        await client.SubmitAsync("/compte/petitions", $"form:has(input[name=id][value='{second}'])", new Dictionary<string, string?>());
        await moderator.SubmitAsync("/moderation/petitions", $"form:has(input[name=id][value='{second}'])", new Dictionary<string, string?>(), "/moderation/petitions?handler=Publish");
        var published = await _app.PetitionAsync(second);
        Assert.Equal(PetitionStatus.Open, published.Status);
        Assert.Equal((300, (int?)1500, 60), (published.ResponseThreshold, published.AgendaThreshold, published.ResponseDeadlineDays));
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{second}");
        Assert.Contains("0 signature sur 300 — réponse écrite sous 60 jours", visitor.QuerySelector("main")!.TextContent.Replace('\u00a0', ' ').Replace('\u202f', ' '));
        Assert.NotNull(visitor.QuerySelector("#petition-count[aria-live=polite]"));
        await _app.Smtp.WaitForAsync(author, m => m.Subject!.Contains("est publiée"));
    }

    [Fact]
    public async Task Drafts_are_seen_only_by_their_author_and_staff_and_never_from_another_organization()
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.NewDraftAsync(author);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{id}")).StatusCode);
        var (other, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/petitions/{id}")).StatusCode);
        var own = _app.ClientFor(ParvisFactory.HostA);
        await own.LoginAsync(author);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/petitions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInAsync("moderation")).GetAsync($"/petitions/{id}")).StatusCode);

        var open = await _app.NewOpenPetitionAsync();
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{open}")).StatusCode);
        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/petitions/{open}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/petitions/{id}")).StatusCode);
        var token = (await _app.PetitionAsync(id)).SponsorToken;
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/petitions/parrainer/{token}")).StatusCode);
        var list = await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/petitions");
        Assert.Null(list.QuerySelector($"a[href='/petitions/{open}']"));
    }

    private async Task SponsorAsync(int petitionId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var email = await _app.NewCitizenAsync();
            var userId = await _app.UserIdAsync(email);
            await _app.InAAsync(async db =>
            {
                db.PetitionSponsors.Add(new PetitionSponsor { PetitionId = petitionId, UserId = userId, CreatedAt = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            });
        }
    }

    private static string FormToken(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
