using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Moderation;

[Collection(AppCollection.Name)]
public class ModerationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<int> PublishedContributionAsync(string text = "Contenu litigieux")
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = text });
        return await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
    }

    private async Task FlagAsync(int contributionId)
    {
        var (client, _) = await _app.CitizenClientAsync();
        var page = await client.SubmitAndReadAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Propos injurieux" });
        Assert.Contains("la modération examinera", page.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task Three_flags_hide_an_item_then_a_moderator_hides_it_for_good_with_an_audit_entry()
    {
        var contributionId = await PublishedContributionAsync();
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        for (var i = 0; i < 3; i++) await FlagAsync(contributionId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync($"/contributions/{contributionId}")).StatusCode);

        var moderator = await _app.SignedInAsync("moderation");
        var queue = await moderator.GetDocumentAsync("/moderation");
        var item = queue.QuerySelector($"li:has(a[href='/contributions/{contributionId}'])")!;
        Assert.Contains("3 signalements ouverts", item.TextContent);
        Assert.Contains("Propos injurieux", item.TextContent);
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Injures" }, "/moderation?handler=Hide");

        var hidden = await _app.InAAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Id == contributionId));
        Assert.Equal(ModerationState.Hidden, hidden.State);
        Assert.Equal("Injures", hidden.ModerationReason);
        var audit = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "contribution.hide" && a.TargetId == contributionId.ToString()).SingleAsync());
        Assert.Equal("Modération", audit.ActorName);
        Assert.DoesNotContain($"/contributions/{contributionId}", (await moderator.GetDocumentAsync("/moderation")).QuerySelector("main")!.InnerHtml);
    }

    private static List<string> Buttons(AngleSharp.Dom.IElement item) =>
        item.QuerySelectorAll("form button").Select(b => b.ChildNodes.OfType<AngleSharp.Dom.IText>().First().Text.Trim()).ToList();

    [Fact]
    public async Task The_queue_names_author_and_date_and_offers_only_the_decisions_that_change_something()
    {
        var contributionId = await PublishedContributionAsync();
        var pseudonym = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId)
            .Select(c => db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Pseudonym).First()).SingleAsync());
        await FlagAsync(contributionId);

        var moderator = await _app.SignedInAsync("moderation");
        var item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"li:has(a[href='/contributions/{contributionId}'])")!;
        Assert.Matches($@"par {pseudonym}, le \d{{1,2}} \w+ \d{{4}} \d{{2}}:\d{{2}}", item.QuerySelector("p.meta")!.TextContent);
        // Still public: it is kept (its flags closed) or hidden, not "published" again.
        Assert.Equal(["Garder publiée", "Masquer", "Bloquer l'auteur"], Buttons(item));
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Conforme" },
            "/moderation?handler=Dismiss");
        var kept = await _app.InAAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Id == contributionId));
        Assert.Equal((ModerationState.Published, 0), (kept.State, kept.OpenFlagCount));

        // Waiting under pre-moderation, with no flag: nothing to close.
        var consultation = await _app.NewOpenConsultationAsync(c => c.Rules.PreModeration = true);
        var (author, _) = await _app.CitizenClientAsync();
        await author.SubmitAsync($"/concertations/{consultation}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "À relire" });
        var pending = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == consultation).Select(c => c.Id).SingleAsync());
        item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"li:has(a[href='/contributions/{pending}'])")!;
        Assert.Equal(["Publier", "Masquer", "Bloquer l'auteur"], Buttons(item));
    }

    [Fact]
    public async Task Flagging_a_contribution_goes_back_to_it()
    {
        var contributionId = await PublishedContributionAsync();
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.SubmitAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Hors sujet" });
        Assert.Equal($"/contributions/{contributionId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Hiding_needs_a_reason()
    {
        var contributionId = await PublishedContributionAsync();
        await FlagAsync(contributionId);
        var moderator = await _app.SignedInAsync("moderation");
        var page = await moderator.SubmitAndReadAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "" }, "/moderation?handler=Hide");
        Assert.Contains("Indiquez le motif du masquage.", page.Errors());
        Assert.Equal(ModerationState.Published, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contributionId).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task A_person_flags_an_item_once()
    {
        var contributionId = await PublishedContributionAsync();
        var (client, _) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Spam" });
        var page = await client.SubmitAndReadAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "Spam encore" });
        Assert.Contains(page.Errors(), e => e.Contains("déjà signalé", StringComparison.Ordinal));
        Assert.Equal(1, await _app.InAAsync(db => db.Flags.CountAsync(f => f.ContributionId == contributionId)));
    }

    [Fact]
    public async Task A_moderator_scoped_to_a_territory_sees_only_that_territory()
    {
        var contributionId = await PublishedContributionAsync("Hors périmètre");
        await FlagAsync(contributionId);
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
        var queue = await scoped.GetDocumentAsync("/moderation");
        Assert.Null(queue.QuerySelector($"a[href='/contributions/{contributionId}']"));
        var page = await scoped.SubmitAndReadAsync("/moderation", "header form", new Dictionary<string, string?> { ["id"] = contributionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "x" }, "/moderation?handler=Hide");
        Assert.Contains(page.Errors(), e => e.Contains("hors de votre périmètre", StringComparison.Ordinal));
        var global = await _app.SignedInAsync("moderation");
        Assert.NotNull((await global.GetDocumentAsync("/moderation")).QuerySelector($"a[href='/contributions/{contributionId}']"));
        await global.SubmitAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Hors sujet" }, "/moderation?handler=Hide");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await global.GetAsync($"/contributions/{contributionId}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await scoped.GetAsync($"/contributions/{contributionId}")).StatusCode);
    }

    [Fact]
    public async Task A_moderator_of_one_space_is_granted_from_the_roles_screen_and_sees_only_that_space()
    {
        var inSpace = await PublishedContributionAsync("Dans l'espace");
        var elsewhere = await PublishedContributionAsync("Ailleurs");
        await FlagAsync(inSpace);
        await FlagAsync(elsewhere);
        var space = await _app.InAAsync(db => db.Contributions.Where(c => c.Id == inSpace).Select(c => c.ConsultationId).SingleAsync());
        var email = await _app.NewCitizenAsync();
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.SubmitAndReadAsync("/admin/roles", "form[action*=Grant]", new Dictionary<string, string?>
        {
            ["email"] = email,
            ["role"] = "Moderator",
            ["consultationId"] = space.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal));
        var moderator = _app.ClientFor(ParvisFactory.HostA);
        await moderator.LoginAsync(email);
        var queue = await moderator.GetDocumentAsync("/moderation");
        Assert.NotNull(queue.QuerySelector($"a[href='/contributions/{inSpace}']"));
        Assert.Null(queue.QuerySelector($"a[href='/contributions/{elsewhere}']"));

        page = await admin.SubmitAndReadAsync("/admin/roles", "form[action*=Grant]", new Dictionary<string, string?> { ["email"] = email, ["role"] = "99" });
        Assert.Contains("La valeur « 99 » n'est pas valide.", page.Errors());
    }

    [Fact]
    public async Task A_new_territory_joins_its_moderators_perimeter_at_once_though_the_perimeter_is_kept_in_memory()
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var covered = await _app.InAAsync(db => db.Consultations.Where(c => c.Id == consultation).Select(c => c.TerritoryId).SingleAsync());
        var email = await _app.NewCitizenAsync();
        var admin = await _app.SignedInAsync("admin");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        await admin.SubmitAsync("/admin/roles", "form[action*=Grant]", new Dictionary<string, string?>
        {
            ["email"] = email,
            ["role"] = "Moderator",
            ["territoryId"] = covered.ToString(invariant),
        });
        var moderator = _app.ClientFor(ParvisFactory.HostA);
        await moderator.LoginAsync(email);
        await moderator.GetDocumentAsync("/moderation");

        var name = "Îlot " + Guid.NewGuid().ToString("N")[..8];
        await admin.SubmitAsync("/admin/territoires", "form[action*=Add]", new Dictionary<string, string?>
        {
            ["name"] = name,
            ["kind"] = "Quartier",
            ["parentId"] = covered.ToString(invariant),
        });
        var (citizen, _) = await _app.CitizenClientAsync();
        var form = await citizen.GetDocumentAsync($"/concertations/{consultation}");
        var ilot = form.QuerySelectorAll("select#Input_TerritoryId option").Single(o => o.TextContent.Contains(name, StringComparison.Ordinal)).GetAttribute("value");
        var posted = await citizen.SubmitAsync(form, $"/concertations/{consultation}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = "Dans le nouvel îlot", ["Input.TerritoryId"] = ilot });
        Assert.True(posted.Headers.Location is not null, string.Join("; ", HtmlClient.Parse(await posted.Content.ReadAsStringAsync()).Errors()));
        var contributionId = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last(), invariant);
        await FlagAsync(contributionId);

        Assert.NotNull((await moderator.GetDocumentAsync("/moderation")).QuerySelector($"a[href='/contributions/{contributionId}']"));
    }

    [Fact]
    public async Task A_blocked_author_can_no_longer_sign_in()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (author, email) = await _app.CitizenClientAsync();
        await author.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Spam spam spam" });
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        await FlagAsync(contributionId);
        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=id][value='{contributionId}'])", new Dictionary<string, string?> { ["reason"] = "Spam répété" }, "/moderation?handler=Block");
        var response = await _app.ClientFor(ParvisFactory.HostA).SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
        Assert.Contains("suspendu par la modération", await response.TextAsync());
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user.block")));
    }

    [Fact]
    public async Task A_citizen_cannot_open_the_moderation_queue()
    {
        var (client, _) = await _app.CitizenClientAsync();
        var response = await client.GetAsync("/moderation");
        Assert.StartsWith("/compte/acces-refuse", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
