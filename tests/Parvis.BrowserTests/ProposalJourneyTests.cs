using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Proposals in a real browser: the two-step proposing with similar proposals, supporting, the study with an official response, flagging (keyboard, no JavaScript); axe on every proposals page.</summary>
[Collection(BrowserCollection.Name)]
public class ProposalJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> DemoSpaceAsync() =>
        _app.InAAsync(db => db.ProposalSpaces.Where(s => s.Title == Parvis.Features.Demo.DemoSeeder.DemoProposalSpace).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task A_citizen_proposes_after_seeing_similar_ones_supports_and_the_answer_is_validated_and_shown()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => { s.SupportThreshold = 300; s.ThresholdCommitment = "la collectivité s'engage à étudier la proposition"; });
        var similar = await _app.AddProposalAsync(spaceId, "Des jardinières rue Pasteur", "Fleurir la rue Pasteur avec des jardinières.");

        var page = await fixture.NewPageAsync();
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync($"/propositions/espaces/{spaceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Faire une proposition" }).ClickAsync();
        await page.GetByLabel("Titre de la proposition").FillAsync("Jardinières fleuries rue Pasteur");
        await page.GetByLabel("Votre proposition").FillAsync("Des jardinières entretenues par les voisins.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".similar")).ToContainTextAsync("Des jardinières rue Pasteur");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma proposition" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Jardinières fleuries rue Pasteur");
        var id = await _app.InAAsync(db => db.Proposals.Where(p => p.SpaceId == spaceId && p.Id != similar).Select(p => p.Id).SingleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Soutenir cette proposition" }).ClickAsync();
        await Assertions.Expect(page.Locator("section:has(#soutiens) .progress")).ToContainTextAsync("1 soutien sur 300");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retirer mon soutien" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync("agent@" + ParvisFactory.DomainA);
        await agent.GotoAsync($"/propositions/{id}");
        await agent.GetByText("Changer l'état (service qui étudie la proposition)").ClickAsync();
        await agent.GetByLabel("Nouvel état").SelectOptionAsync(new SelectOptionValue { Label = "À l'étude" });
        await agent.GetByLabel("Réponse officielle").FillAsync("Le service des espaces verts étudie l'emplacement des jardinières.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Changer l'état" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#suivi").Locator("..")).ToContainTextAsync("Brouillon en attente de validation");
        await agent.AssertAccessibleAsync();

        var elected = await fixture.NewPageAsync();
        await elected.LoginAsync("elu@" + ParvisFactory.DomainA);
        await elected.GotoAsync("/reponses");
        await elected.Locator($"li:has(a[href='/propositions/{id}'])").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(elected.Locator($"a[href='/propositions/{id}']")).ToHaveCountAsync(0);

        await page.GotoAsync($"/propositions/{id}");
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("À l'étude");
        await Assertions.Expect(page.Locator(".response")).ToContainTextAsync("Le service des espaces verts étudie l'emplacement des jardinières.");
        await Assertions.Expect(page.Locator(".response")).ToContainTextAsync("Réponse de la collectivité");
    }

    [Fact]
    public async Task Proposals_pages_have_no_accessibility_violations()
    {
        var spaceId = await DemoSpaceAsync();
        var located = await _app.InAAsync(db => db.Proposals.Where(p => p.SpaceId == spaceId && p.Latitude != null).Select(p => p.Id).FirstAsync());
        var answered = await _app.InAAsync(db => db.Proposals.Where(p => p.SpaceId == spaceId && p.Status == ProposalState.Accepted).Select(p => p.Id).FirstAsync());
        var page = await fixture.NewPageAsync(width: 360);
        foreach (var url in new[] { "/propositions", $"/propositions/espaces/{spaceId}", $"/propositions/espaces/{spaceId}?tri=Recent&etat=Accepted", $"/propositions/{located}", $"/propositions/{answered}", $"/propositions/espaces/{spaceId}/proposer" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync($"/propositions/espaces/{spaceId}/proposer");
        await Assertions.Expect(page.Locator(".map.leaflet-container")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync($"/propositions/{located}");
        await Assertions.Expect(page.Locator(".map .leaflet-marker-icon")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Flagging with the keyboard alone: open the disclosure, type the reason, send.
        var flagged = await _app.AddProposalAsync(await _app.NewProposalSpaceAsync(), "Une proposition à signaler au clavier", "Texte.");
        await page.GotoAsync($"/propositions/{flagged}");
        await page.GetByText("Signaler cette proposition").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Motif du signalement")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Propos injurieux");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("la modération examinera ce signalement");
        Assert.Equal("Propos injurieux", await _app.InAAsync(db => db.ProposalFlags.Where(f => f.ProposalId == flagged).Select(f => f.Reason).SingleAsync()));

        var staff = await fixture.NewPageAsync();
        await staff.LoginAsync("admin@" + ParvisFactory.DomainA);
        foreach (var url in new[] { "/admin/propositions", "/admin/propositions/espace", $"/admin/propositions/espace/{spaceId}", "/moderation/propositions", $"/propositions/{answered}" })
        {
            await staff.GotoAsync(url);
            await staff.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task Proposing_works_without_javascript_with_coordinates_typed_by_hand()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync($"/propositions/espaces/{spaceId}/proposer");
        await page.GetByLabel("Titre de la proposition").FillAsync("Un banc sans JavaScript");
        await page.GetByLabel("Votre proposition").FillAsync("Devant la médiathèque.");
        await page.GetByLabel("Adresse ou lieu").FillAsync("Place de la médiathèque");
        await page.GetByLabel("Latitude").FillAsync("48,8412");
        await page.GetByLabel("Longitude").FillAsync("2.3321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        Assert.Contains("Aucune proposition semblable", await page.Locator("main").InnerTextAsync());
        Assert.True(await page.Locator(".map").IsHiddenAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma proposition" }).ClickAsync();
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Un banc sans JavaScript", main);
        Assert.Contains("Place de la médiathèque", main);
        Assert.Contains("48.8412, 2.3321", main);

        // Flagging someone else's proposal: a native disclosure and a plain form.
        var other = await _app.AddProposalAsync(spaceId, "Une proposition signalée sans JavaScript", "Texte.");
        await page.GotoAsync($"/propositions/{other}");
        await page.GetByText("Signaler cette proposition").ClickAsync();
        await page.GetByLabel("Motif du signalement").FillAsync("Publicité");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        Assert.Contains("la modération examinera ce signalement", await page.Locator("main").InnerTextAsync());
        Assert.Equal(1, (await _app.ProposalAsync(other)).OpenFlagCount);
    }
}
