using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Every page: zero axe violations, usable at 360 px, usable with the keyboard and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class PageTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<List<string>> PublicPagesAsync()
    {
        var consultations = await _app.InAAsync(db => db.Consultations.Where(c => c.PublishedAt != null).Select(c => c.Id).ToListAsync());
        var contribution = await _app.InAAsync(db => db.Contributions.Where(c => c.CommentCount > 0).Select(c => c.Id).FirstAsync());
        var citizen = await _app.InAAsync(db => db.Users.Where(u => u.Email == "habitant@" + ParvisFactory.DomainA).Select(u => u.Id).SingleAsync());
        var draw = await _app.InAAsync(db => db.Draws.Where(d => d.Title == Parvis.Features.Demo.DemoDraws.Title).Select(d => d.Id).SingleAsync());
        return [$"/tirages/{draw}", "/", "/concertations", "/charte", "/compte/connexion", "/compte/inscription", "/compte/mot-de-passe-oublie",
            "/compte/deconnexion", "/compte/acces-refuse", "/compte/reinitialiser", "/nulle-part", "/confidentialite", $"/contributions/{contribution}", $"/profils/{citizen}", "/?culture=en",
            .. consultations.Select(id => $"/concertations/{id}")];
    }

    [Fact]
    public async Task Public_pages_have_no_accessibility_violations_and_fit_a_360px_phone()
    {
        var page = await fixture.NewPageAsync(width: 360);
        foreach (var url in await PublicPagesAsync())
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{url} scrolls sideways at 360 px");
        }
    }

    [Fact]
    public async Task Staff_pages_have_no_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        var consultation = await _app.InAAsync(db => db.Consultations.Select(c => c.Id).FirstAsync());
        foreach (var url in new[] { "/admin", "/admin/concertations", $"/admin/concertations/{consultation}", $"/admin/concertations/{consultation}/cloture",
                     "/admin/journal", "/admin/roles", "/admin/organisation", "/admin/territoires", "/admin/donnees", "/admin/registre", "/moderation", "/moderation/limites", "/reponses", "/compte/securite", "/plateforme", "/admin/tirages" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task An_administrator_issues_and_revokes_an_api_key_with_the_keyboard()
    {
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        await page.GotoAsync("/admin/cles-api");
        await page.AssertAccessibleAsync();
        await page.Locator("#Name").FocusAsync();
        await page.Keyboard.TypeAsync("Portail open data de la métropole");
        await page.Keyboard.PressAsync("Enter");
        var secret = page.GetByLabel("Clé", new() { Exact = true });
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^pvk_[0-9a-f]{48}$"));
        // A second key, for an application that also sends reports: the Open311 use is ticked with the keyboard.
        await page.Locator("#Name").FocusAsync();
        await page.Keyboard.TypeAsync("Application de la ville");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#Open311")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#cle-creee")).ToContainTextAsync("Application de la ville");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Application de la ville" })).ToContainTextAsync("envoie des signalements");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Portail open data de la métropole" })).ToContainTextAsync("lecture seule");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^pvk_[0-9a-f]{48}$"));
        await page.AssertAccessibleAsync();
        // The elements that pass the right edge, named, so that a failure says what to fix.
        Assert.Equal("", await page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? "" : [...document.querySelectorAll("main *:not(.table-scroll *)")]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")
            """));
        await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer la clé Portail open data de la métropole" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByText("La clé est révoquée")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_second_factor_page_has_no_accessibility_violations()
    {
        var email = await _app.NewCitizenAsync();
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Parvis.Infrastructure.Identity.ParvisUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            return await users.SetTwoFactorEnabledAsync(user, true);
        });
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(ParvisFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/compte/connexion-2fa", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Code de connexion");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first_and_submits_a_form()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/compte/connexion");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller au contenu", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        // Tabbing from the main content lands on the e-mail field; typing and Enter signs in.
        for (var i = 0; i < 5 && await page.EvaluateAsync<string>("() => document.activeElement.name") != "Form.Email"; i++) await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(await _app.NewCitizenAsync());
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ParvisFactory.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Se déconnecter") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Contributing_works_without_javascript()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.LoginAsync(await _app.NewCitizenAsync());
        var id = await _app.InAAsync(db => db.Consultations.Where(c => c.Title == "Réaménagement de la place de la Gare").Select(c => c.Id).FirstAsync());
        await page.GotoAsync($"/concertations/{id}");
        await page.GetByLabel("Votre contribution").FillAsync("Sans JavaScript, tout fonctionne.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator(".contribution-body")).ToContainTextAsync("Sans JavaScript");
        // Replying opens with <details>, not with a script.
        await page.GetByLabel("Votre commentaire").FillAsync("Premier commentaire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commenter" }).ClickAsync();
        await page.Locator(".comment summary").First.ClickAsync();
        await page.GetByLabel("Votre réponse").FillAsync("Une réponse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Répondre", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".comments .comments .comment")).ToContainTextAsync("Une réponse");
    }
}
