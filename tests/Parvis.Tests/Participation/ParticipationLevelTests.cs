using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Participation;

/// <summary>Each action of a space asks for its own level; the page says what is missing and how to get it.</summary>
[Collection(CivicAppCollection.Name)]
public class ParticipationLevelTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Body(string text) => new() { ["Input.Body"] = text };

    private async Task<int> ResidentOnlyConsultationAsync(Action<Consultation>? more = null)
    {
        var commune = await _app.TerritoryIdAsync("Ville A");
        return await _app.NewOpenConsultationAsync(c =>
        {
            c.TerritoryId = commune;
            c.Rules.Contribute = ParticipationLevel.VerifiedResident;
            more?.Invoke(c);
        });
    }

    [Fact]
    public async Task A_resident_only_space_explains_what_is_missing_and_refuses_a_crafted_post_until_residence_is_verified()
    {
        var id = await ResidentOnlyConsultationAsync();
        var (client, email) = await _app.CitizenClientAsync();

        var page = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Empty(page.QuerySelectorAll("form[action*=Contribute]"));
        var needs = page.QuerySelector(".needs")!;
        Assert.Contains("Pour contribuer, confirmez que vous habitez Ville A", needs.TextContent);
        Assert.NotNull(needs.QuerySelector("a[href='/compte/identite#mairie']"));

        var refused = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Sans vérification"), $"/concertations/{id}?handler=Contribute");
        Assert.Contains(refused.Errors(), e => e.Contains("réservée aux habitants de Ville A", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));

        // A quartier under the commune counts as living in the commune.
        await _app.VerifyAsync(email, residentOf: "Quartier de la Gare");
        var published = await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("En tant qu'habitante"));
        Assert.Contains("votre contribution est publiée", published.QuerySelector(".notice")!.TextContent);
        Assert.Equal(1, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Residence_elsewhere_does_not_open_a_quartier_space()
    {
        var gare = await _app.TerritoryIdAsync("Quartier de la Gare");
        var id = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = gare; c.Rules.Contribute = ParticipationLevel.VerifiedResident; });
        var (client, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, residentOf: "Les Rives");
        var page = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Contains("confirmez que vous habitez Quartier de la Gare", page.QuerySelector(".needs")!.TextContent);
        var refused = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Voisin"), $"/concertations/{id}?handler=Contribute");
        Assert.NotEmpty(refused.Errors());
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task An_expired_or_revoked_verification_stops_counting_at_once()
    {
        var id = await ResidentOnlyConsultationAsync();
        var (client, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, residentOf: "Ville A", expiresAt: DateTime.UtcNow.AddMinutes(-1));
        var expired = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Expirée"), $"/concertations/{id}?handler=Contribute");
        Assert.Contains(expired.Errors(), e => e.Contains("réservée aux habitants", StringComparison.Ordinal));

        var verification = await _app.VerifyAsync(email, residentOf: "Ville A");
        Assert.NotEmpty((await client.GetDocumentAsync($"/concertations/{id}")).QuerySelectorAll("form[action*=Contribute]"));
        await _app.InAAsync(async db =>
        {
            var v = await db.Verifications.SingleAsync(x => x.Id == verification);
            v.Revoke("Fraude constatée", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        // The form was shown before the revocation; posting it re-checks.
        var revoked = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Révoquée"), $"/concertations/{id}?handler=Contribute");
        Assert.Contains(revoked.Errors(), e => e.Contains("réservée aux habitants", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task An_elector_only_space_needs_a_verified_elector()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.VerifiedElector);
        var (client, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, residentOf: "Ville A");
        var page = await client.GetDocumentAsync($"/concertations/{id}");
        Assert.Contains("confirmez que vous êtes électeur de Ville A", page.QuerySelector(".needs")!.TextContent);
        await _app.VerifyAsync(email, elector: true);
        await client.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", Body("En tant qu'électeur"));
        Assert.Equal(1, await _app.CountContributionsAsync(id));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(AgeBracket.From16To17, false)]
    [InlineData(AgeBracket.From18To29, true)]
    [InlineData(AgeBracket.From70, true)]
    public async Task A_minimum_age_is_met_only_by_a_verified_bracket_entirely_above_it(AgeBracket? bracket, bool allowed)
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.ContributeMinimumAge = 18);
        var (client, email) = await _app.CitizenClientAsync();
        if (bracket is not null) await _app.VerifyAsync(email, age: bracket);
        var page = await client.SubmitAndReadAsync($"/concertations/{id}", "header form", Body("Mon avis"), $"/concertations/{id}?handler=Contribute");
        Assert.Equal(allowed ? 1 : 0, await _app.CountContributionsAsync(id));
        if (!allowed) Assert.Contains(page.Errors(), e => e.Contains("18 ans ou plus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reactions_follow_their_own_level_and_re_check_at_use()
    {
        var commune = await _app.TerritoryIdAsync("Ville A");
        var id = await _app.NewOpenConsultationAsync(c => { c.TerritoryId = commune; c.Rules.React = ParticipationLevel.VerifiedResident; });
        var contribution = (await _app.AddContributionsAsync(id, 1))[0];
        var (client, email) = await _app.CitizenClientAsync();
        var page = await client.GetDocumentAsync($"/contributions/{contribution}");
        Assert.Empty(page.QuerySelectorAll("form[action*=React]"));
        Assert.Contains("Pour réagir, confirmez que vous habitez", page.QuerySelector("#reactions")!.ParentElement!.TextContent);
        await client.SubmitAsync($"/contributions/{contribution}", "header form", new Dictionary<string, string?> { ["kind"] = "Agree" }, $"/contributions/{contribution}?handler=React");
        Assert.Equal(0, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contribution)));

        await _app.VerifyAsync(email, residentOf: "Centre-ville");
        await client.SubmitAsync($"/contributions/{contribution}", "form[action*=React]", new Dictionary<string, string?> { ["kind"] = "Agree" });
        Assert.Equal(1, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contribution).Select(c => c.AgreeCount).SingleAsync()));
    }

    [Fact]
    public async Task A_visitor_is_told_to_sign_in_and_that_the_space_also_asks_for_a_verification()
    {
        var id = await ResidentOnlyConsultationAsync();
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/concertations/{id}");
        var needs = page.QuerySelector(".needs")!;
        Assert.NotNull(needs.QuerySelector($"a[href='/compte/connexion?ReturnUrl=%2Fconcertations%2F{id}']"));
        Assert.Contains("vérification par un tiers de confiance", needs.TextContent);
    }

    [Fact]
    public async Task An_administrator_sets_each_action_s_level_minimum_age_and_allowed_displays()
    {
        var id = await _app.NewOpenConsultationAsync();
        var contributions = await _app.AddContributionsAsync(id, 2);
        // A reaction first, so that the consultation's rules are in memory when the administrator changes them.
        var (early, _) = await _app.CitizenClientAsync();
        await early.SubmitAsync($"/contributions/{contributions[0]}", "form[action*=React]", new Dictionary<string, string?> { ["kind"] = "Agree" });
        Assert.Equal(1, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributions[0])));
        var admin = await _app.SignedInAsync("admin");
        var form = await admin.GetDocumentAsync($"/admin/concertations/{id}");
        var values = new Dictionary<string, string?>
        {
            ["Form.ContributeLevel"] = "AnyoneWithConfirmedEmail",
            ["Form.ReactLevel"] = "VerifiedResident",
            ["Form.CommentLevel"] = "ConfirmedAccount",
            ["Form.CommentMinimumAge"] = "16",
            ["Form.AllowedDisplays"] = "PartialName",
            ["Form.DisplayIdentity"] = "PartialName",
        };
        await admin.SubmitAsync(form, $"/admin/concertations/{id}", "main form[method=post]:not([action*=handler])", values);
        var rules = await _app.InAAsync(db => db.Consultations.AsNoTracking().Where(c => c.Id == id).Select(c => c.Rules).SingleAsync());
        Assert.Equal(ParticipationLevel.AnyoneWithConfirmedEmail, rules.Contribute);
        Assert.Equal(ParticipationLevel.VerifiedResident, rules.React);
        Assert.Equal(16, rules.CommentMinimumAge);
        Assert.Equal(DisplayChoices.PartialName, rules.AllowedDisplays);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.update" && a.TargetId == id.ToString())));
        // The new reaction level holds at once, memory or not: a citizen who is not a verified resident is refused.
        var (late, _) = await _app.CitizenClientAsync();
        var lateForm = await late.GetDocumentAsync($"/concertations/{id}");
        await late.SubmitAsync(lateForm, $"/contributions/{contributions[1]}", "form[action*=Contribute]", new Dictionary<string, string?> { ["kind"] = "Agree" }, $"/contributions/{contributions[1]}?handler=React");
        Assert.Equal(0, await _app.InAAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contributions[1])));

        // The default must be one of the allowed displays.
        values["Form.DisplayIdentity"] = "FullName";
        var refused = await admin.SubmitAndReadAsync($"/admin/concertations/{id}", "main form[method=post]:not([action*=handler])", values);
        Assert.Contains(refused.Errors(), e => e.Contains("affichage par défaut", StringComparison.Ordinal));
        Assert.Equal(DisplayIdentity.PartialName, await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Rules.DisplayIdentity).SingleAsync()));
    }
}
