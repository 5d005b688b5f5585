using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Testing;

namespace Parvis.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PetitionJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_petition_goes_from_draft_through_sponsors_and_moderation_to_an_official_response()
    {
        var author = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync();
        await page.LoginAsync(author);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Pétitions", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lancer une pétition" }).ClickAsync();
        await page.AssertAccessibleAsync();
        var title = "Des fontaines à eau au parc " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Ce que vous demandez").FillAsync("Nous demandons deux fontaines à eau potable dans le parc municipal.");
        await page.GetByLabel("Pourquoi").FillAsync("L'été, les familles n'ont nulle part où remplir une gourde.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("partagez le lien de parrainage");
        await page.AssertAccessibleAsync();
        var card = page.Locator("li.card", new() { HasText = title });
        await Assertions.Expect(card).ToContainTextAsync("Parrains : 0 sur 5 nécessaires");
        var link = await card.GetByLabel("Lien de parrainage à partager (privé)").InputValueAsync();

        for (var i = 0; i < 5; i++)
        {
            var sponsor = await fixture.NewPageAsync();
            await sponsor.LoginAsync(await _app.NewCitizenAsync());
            await sponsor.GotoAsync(link);
            await Assertions.Expect(sponsor.Locator("h2").First).ToHaveTextAsync(title);
            if (i == 0) await sponsor.AssertAccessibleAsync();
            await sponsor.GetByRole(AriaRole.Button, new() { Name = "Je parraine cette pétition" }).ClickAsync();
            await Assertions.Expect(sponsor.Locator("main")).ToContainTextAsync("Vous parrainez cette pétition.");
            await sponsor.Context.CloseAsync();
        }

        await page.GotoAsync("/compte/petitions");
        await Assertions.Expect(card).ToContainTextAsync("Parrains : 5 sur 5 nécessaires");
        await card.GetByRole(AriaRole.Button, new() { Name = "Envoyer à la modération" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("envoyée à la modération");
        await Assertions.Expect(card).ToContainTextAsync("En attente de modération");

        var moderator = await fixture.NewPageAsync();
        await moderator.LoginAsync("moderation@" + ParvisFactory.DomainA);
        await moderator.GotoAsync("/moderation");
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Pétitions à modérer" }).ClickAsync();
        await moderator.AssertAccessibleAsync();
        var item = moderator.Locator("li.contribution", new() { HasText = title });
        await item.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice")).ToContainTextAsync("publiée et ouverte à la signature");

        var id = await _app.InAAsync(db => db.Petitions.Where(p => p.Title == title).Select(p => p.Id).SingleAsync());
        var threshold = (await _app.PetitionAsync(id)).ResponseThreshold;
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
        {
            await services.GetRequiredService<PetitionCounts>().AddAsync(id, threshold);
            return true;
        });

        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync("agent@" + ParvisFactory.DomainA);
        await agent.GotoAsync($"/petitions/{id}");
        await agent.GetByText("Rédiger une réponse au nom de la collectivité").ClickAsync();
        await agent.Locator("#response-body").FillAsync("Deux fontaines seront installées avant l'été prochain.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("enregistrée en brouillon");
        await agent.AssertAccessibleAsync();

        var elected = await fixture.NewPageAsync();
        await elected.LoginAsync("elu@" + ParvisFactory.DomainA);
        await elected.GotoAsync("/reponses");
        var draft = elected.Locator("li", new() { Has = elected.Locator($"a[href='/petitions/{id}']") });
        await draft.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(elected.Locator(".notice")).ToContainTextAsync("publiée au nom de la collectivité");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync($"/petitions/{id}");
        await Assertions.Expect(visitor.Locator(".response")).ToContainTextAsync("Deux fontaines seront installées avant l'été prochain.");
        await Assertions.Expect(visitor.Locator("#petition-count")).ToHaveTextAsync(threshold.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")));
        await Assertions.Expect(visitor.Locator(".petition-progress")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"{threshold}\s+signatures sur {threshold} — réponse écrite sous \d+ jours"));
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("la collectivité répond par écrit avant le");
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Petition_pages_have_no_accessibility_violations_and_read_without_javascript()
    {
        var ids = await _app.InAAsync(db => db.Petitions.Where(p => p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed).Select(p => p.Id).ToListAsync());
        var acknowledged = await _app.NewOpenPetitionAsync(responseThreshold: 1, agendaThreshold: 1, electorMode: true);
        await _app.InAAsync(db => db.Petitions.Where(p => p.Id == acknowledged).ExecuteUpdateAsync(s => s.SetProperty(p => p.AcknowledgedAt, DateTime.UtcNow)));
        var phone = await fixture.NewPageAsync(width: 360);
        string[] urls = ["/petitions", $"/petitions/{acknowledged}/accuse-de-reception", .. ids.Select(id => $"/petitions/{id}")];
        foreach (var url in urls)
        {
            await phone.GotoAsync(url);
            await phone.AssertAccessibleAsync();
            Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{url} scrolls sideways at 360 px");
        }

        var admin = await fixture.NewPageAsync();
        await admin.LoginAsync("admin@" + ParvisFactory.DomainA);
        foreach (var url in new[] { "/admin/petitions", "/moderation/petitions", "/petitions/nouvelle", "/compte/petitions", $"/petitions/{ids[0]}" })
        {
            await admin.GotoAsync(url);
            await admin.AssertAccessibleAsync();
        }
        // The demo citizen's draft, with its sponsors, seen by its author.
        var citizen = await fixture.NewPageAsync();
        await citizen.LoginAsync("habitant@" + ParvisFactory.DomainA);
        await citizen.GotoAsync("/compte/petitions");
        await citizen.AssertAccessibleAsync();

        var noScript = await fixture.NewPageAsync(javaScript: false);
        await noScript.GotoAsync($"/petitions/{ids[0]}");
        var text = await noScript.Locator("main").InnerTextAsync();
        Assert.Contains("signatures sur", text);
        Assert.NotNull(await noScript.QuerySelectorAsync("#petition-count[aria-live=polite]"));
    }
}
