using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>"Vous avez dit, nous avons fait": an agent records an outcome, links a contribution and a proposal and publishes; the public sees it on the outcome page and on the pages of what led to it.</summary>
[Collection(BrowserCollection.Name)]
public class OutcomeJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_agent_records_links_and_publishes_an_outcome_shown_on_the_public_page_and_the_contribution_page()
    {
        var consultation = await _app.IdAsync(ConsultationData.Open);
        var contribution = (await _app.AddContributionsAsync(consultation, 1, (c, _) => { c.Title = "Des bancs à l'ombre"; c.CreatedAt = DateTime.UtcNow.AddDays(-40); }))[0];
        var territory = await _app.InAAsync(db => db.Territories.Where(t => t.Name == "Quartier de la Gare").Select(t => t.Id).SingleAsync());
        var title = "Bancs ombragés sur la place " + Guid.NewGuid().ToString("N")[..4];
        var proposal = await _app.InAAsync(db => db.Proposals.Where(p => p.State == Parvis.Domain.ModerationState.Published && p.Status != Parvis.Domain.ProposalState.Merged)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Title }).FirstAsync());

        var page = await fixture.NewPageAsync();
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Suites données" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Suites données");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau résultat" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Douze bancs sous les platanes, demandés pendant la concertation.");
        await page.GetByLabel("État").SelectOptionAsync(new SelectOptionValue { Label = "En cours" });
        await page.GetByLabel("Avancement (en %)").FillAsync("50");
        await page.GetByLabel("Budget en euros").FillAsync("18 000");
        await page.GetByLabel("Date de la décision").FillAsync("2026-06-01");
        await page.GetByLabel("Territoire").SelectOptionAsync(new SelectOptionValue { Value = territory.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Résultat enregistré en brouillon");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Adresse de l'élément").FillAsync($"{fixture.BaseUrl}/contributions/{contribution}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lier", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Élément lié au résultat.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Des bancs à l'ombre" })).ToBeVisibleAsync();
        await page.GetByLabel("Adresse de l'élément").FillAsync($"/propositions/{proposal.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lier", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Élément lié au résultat.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = proposal.Title })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier le résultat" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Résultat publié");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Réponses en retard" }).ClickAsync();
        await Assertions.Expect(page.Locator($"a[href='/contributions/{contribution}']")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Nous avons fait" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Vous avez dit, nous avons fait");
        var card = visitor.Locator("article.outcome", new() { HasText = title });
        await Assertions.Expect(card).ToContainTextAsync("En cours");
        await Assertions.Expect(card.Locator("progress")).ToHaveAttributeAsync("value", "50");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Des bancs à l'ombre" })).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
        await card.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync(title);
        await visitor.AssertAccessibleAsync();

        await visitor.GotoAsync($"/contributions/{contribution}");
        var fed = visitor.Locator("section.outcomes-fed");
        await Assertions.Expect(fed).ToContainTextAsync("Ce que cette contribution a permis de décider");
        await Assertions.Expect(fed.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
        await visitor.GotoAsync($"/propositions/{proposal.Id}");
        var fedProposal = visitor.Locator("section.outcomes-fed");
        await Assertions.Expect(fedProposal).ToContainTextAsync("Ce que cette proposition a permis de décider");
        await Assertions.Expect(fedProposal.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
        await visitor.GotoAsync($"/concertations/{consultation}");
        await Assertions.Expect(visitor.Locator("section.outcomes-fed")).ToContainTextAsync(title);
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_administrators_pages_pass_axe_and_the_public_page_works_without_javascript()
    {
        var admin = await fixture.NewPageAsync();
        await admin.LoginAsync($"admin@{ParvisFactory.DomainA}");
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new("réponses? en retard$") }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Réponses en retard");
        await admin.AssertAccessibleAsync();
        await admin.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = "Service urbanisme" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("Des ombrières");
        var done = await _app.InAAsync(db => db.Outcomes.CountAsync(o => o.Status == Parvis.Domain.OutcomeStatus.Done));
        Assert.True(done >= 1, "the demo holds a done outcome");
        await admin.GotoAsync("/admin/resultats?Status=Done");
        await Assertions.Expect(admin.Locator("tbody tr")).ToHaveCountAsync(done);
        await admin.AssertAccessibleAsync();
        var outcome = await _app.InAAsync(db => db.Outcomes.Where(o => o.ServiceName == null).Select(o => o.Id).FirstAsync());
        await admin.GotoAsync($"/admin/resultats/{outcome}");
        await admin.AssertAccessibleAsync();

        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync("/nous-avons-fait");
        Assert.Equal("Vous avez dit, nous avons fait", (await page.Locator("h1").TextContentAsync())?.Trim());
        Assert.Contains("Aire de jeux pour les moins de 6 ans au parc des Rives", await page.Locator("main").TextContentAsync());
        // The period is a plain GET form.
        await page.Locator("#mois").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        Assert.EndsWith("/nous-avons-fait?mois=3", page.Url, StringComparison.Ordinal);
        Assert.Contains("Publié ces 3 derniers mois", await page.Locator("main").TextContentAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Démo Agglomération" }).ClickAsync();
        Assert.StartsWith("Vous avez dit, nous avons fait : ", (await page.Locator("h1").TextContentAsync())?.Trim(), StringComparison.Ordinal);
    }
}
