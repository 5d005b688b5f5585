using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Verification as people live it: finding oneself on the list, then contributing where only residents may; being verified at the desk.</summary>
[Collection(BrowserCollection.Name)]
public class IdentityJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_person_on_the_electoral_list_matches_and_then_contributes_to_a_resident_only_consultation()
    {
        // A person of the current electoral list, hashed as an upload would.
        var family = "LAMBERT" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray()).ToUpperInvariant();
        await _app.InAAsync(async db =>
        {
            var salt = await db.Organizations.AsNoTracking().Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Identity.CensusSalt).SingleAsync();
            var file = await db.CensusFiles.Where(f => f.Kind == CensusKind.Electoral && f.ReplacedAt == null).Select(f => f.Id).SingleAsync();
            var gare = await db.Territories.Where(t => t.Name == "Quartier de la Gare").Select(t => t.Id).SingleAsync();
            db.CensusEntries.Add(new CensusEntry { CensusFileId = file, Hash = CensusIdentity.Hash(salt!, family, "Hélène", new DateOnly(1975, 4, 9)), TerritoryId = gare, IsElector = true });
            return await db.SaveChangesAsync();
        });
        var consultation = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.VerifiedResident);

        var page = await fixture.NewPageAsync();
        await page.LoginAsync(await _app.NewCitizenAsync());
        await page.GotoAsync($"/compte/identite/liste?ReturnUrl=/concertations/{consultation}");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nom de famille (nom de naissance)").FillAsync(family.ToLowerInvariant());
        await page.GetByLabel("Prénoms").FillAsync("Helene");
        await page.GetByLabel("Date de naissance").FillAsync("1975-04-09");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains($"/concertations/{consultation}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Votre inscription sur la liste est vérifiée.");
        await page.GetByLabel("Votre contribution").FillAsync("En tant qu'habitante vérifiée du quartier de la Gare.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator(".contribution-body")).ToContainTextAsync("habitante vérifiée");

        await page.GotoAsync("/compte/identite");
        await Assertions.Expect(page.Locator(".badges")).ToContainTextAsync("habitant vérifié · Quartier de la Gare");
        await Assertions.Expect(page.Locator(".badges")).ToContainTextAsync("électeur");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_agent_finds_a_citizen_by_code_at_the_desk_and_grants_residence_which_the_citizen_then_sees()
    {
        var citizen = await fixture.NewPageAsync();
        await citizen.LoginAsync(await _app.NewCitizenAsync());
        await citizen.GotoAsync("/compte/identite");
        await citizen.AssertAccessibleAsync();
        var code = (await citizen.Locator(".in-person-code strong").TextContentAsync())!.Trim();

        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync("agent@" + ParvisFactory.DomainA);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Guichet" }).ClickAsync();
        await agent.AssertAccessibleAsync();
        await agent.GetByLabel("Code du compte ou adresse e-mail").FillAsync(code);
        await agent.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".found-person")).ToContainTextAsync(code);
        await agent.AssertAccessibleAsync();
        await agent.GetByLabel("Pièce présentée").SelectOptionAsync(new SelectOptionValue { Label = "justificatif de domicile" });
        await agent.GetByLabel("Habite").SelectOptionAsync(new SelectOptionValue { Label = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0Quartier de la Gare" });
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vérification" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".notice")).ToHaveTextAsync("Vérification enregistrée.");
        await Assertions.Expect(agent.Locator(".found-person .badges")).ToContainTextAsync("habitant vérifié · Quartier de la Gare");

        await citizen.ReloadAsync();
        await Assertions.Expect(citizen.Locator(".badges")).ToContainTextAsync("habitant vérifié · Quartier de la Gare");
        await Assertions.Expect(citizen.Locator("table")).ToContainTextAsync("Vérification en mairie");
    }

    [Fact]
    public async Task The_identity_pages_have_no_accessibility_violations()
    {
        var citizen = await fixture.NewPageAsync();
        await citizen.LoginAsync(await _app.NewCitizenAsync());
        foreach (var url in new[] { "/compte/identite", "/compte/identite/liste", "/compte/identite/courrier" })
        {
            await citizen.GotoAsync(url);
            await citizen.AssertAccessibleAsync();
        }
        // A wrong match shows the form errors; a declared address shows the waiting state.
        await citizen.GotoAsync("/compte/identite/liste");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await Assertions.Expect(citizen.Locator(".errors")).ToBeVisibleAsync();
        await citizen.AssertAccessibleAsync();
        await citizen.GotoAsync("/compte/identite/courrier");
        await citizen.GetByLabel("Nom sur la boîte aux lettres").FillAsync("Famille Test");
        await citizen.GetByLabel("Adresse", new() { Exact = true }).FillAsync("5 rue du Port");
        await citizen.GetByLabel("Code postal").FillAsync("75012");
        await citizen.GetByLabel("Ville").FillAsync("Ville A");
        await citizen.GetByLabel("Quartier de cette adresse").SelectOptionAsync(new SelectOptionValue { Label = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0Les Rives" });
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Demander le courrier" }).ClickAsync();
        await Assertions.Expect(citizen.Locator("main")).ToContainTextAsync("attend son envoi");
        await citizen.AssertAccessibleAsync();

        var admin = await fixture.NewPageAsync();
        await admin.LoginAsync("admin@" + ParvisFactory.DomainA);
        foreach (var url in new[] { "/admin/identite", "/admin/identite/liste", "/admin/verifications", "/admin/verifications?q=nobody@example.org", "/admin/verifications/courriers" })
        {
            await admin.GotoAsync(url);
            await admin.AssertAccessibleAsync();
        }
        await Assertions.Expect(admin.Locator(".pending-letters")).ToContainTextAsync("Famille Test");
    }
}
