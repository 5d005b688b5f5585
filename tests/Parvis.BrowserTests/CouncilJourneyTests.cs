using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// The demo conseil de quartier: a resident proposes an agenda item without JavaScript and its animator accepts it
/// with the keyboard; an avis answered by the institution shows on the council's page; the animator is refused
/// everywhere outside their council. axe on every council page, the public page at 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CouncilJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private const string Council = Parvis.Features.Demo.DemoSeeder.DemoCouncil;

    private Task<int> CouncilIdAsync() => _app.InAAsync(db => db.Councils.Where(c => c.Name == Council).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task A_resident_proposes_an_agenda_item_that_the_animator_accepts()
    {
        var id = await CouncilIdAsync();
        var title = "Un composteur au square " + Guid.NewGuid().ToString("N")[..4];
        var resident = await fixture.NewPageAsync(javaScript: false);
        await resident.LoginAsync($"karim@{ParvisFactory.DomainA}");
        await resident.GotoAsync("/");
        await resident.GetByRole(AriaRole.Link, new() { Name = "Conseils", Exact = true }).ClickAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Link, new() { Name = Council }).ClickAsync();
        await Assertions.Expect(resident.Locator("h1")).ToHaveTextAsync(Council);
        await resident.GetByRole(AriaRole.Link, new() { Name = "Proposer un point à l'ordre du jour" }).ClickAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".errors")).ToContainTextAsync("Donnez un titre au point proposé.");
        await resident.AssertAccessibleAsync();
        await resident.GetByLabel("Titre du point").FillAsync(title);
        await resident.GetByLabel("Ce que vous proposez d'aborder, et pourquoi").FillAsync("Les habitants du square trient déjà leurs déchets.");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).ClickAsync();
        await Assertions.Expect(resident.Locator(".notice")).ToContainTextAsync("votre proposition est transmise au conseil");
        await Assertions.Expect(resident.Locator("main")).ToContainTextAsync("En attente de réponse");

        var animator = await fixture.NewPageAsync();
        await animator.LoginAsync($"animation@{ParvisFactory.DomainA}");
        await animator.GotoAsync($"/conseils/{id}");
        await animator.GetByRole(AriaRole.Link, new() { Name = "Points proposés par les habitants" }).First.ClickAsync();
        await animator.AssertAccessibleAsync();
        var item = animator.Locator("li.contribution", new() { HasText = title });
        await item.GetByLabel("Réponse à son auteur").FillAsync("Inscrit à la séance de juin.");
        // With the keyboard: from the answer to the "Retenir" button, then Enter.
        await item.GetByLabel("Réponse à son auteur").FocusAsync();
        await animator.Keyboard.PressAsync("Tab");
        Assert.StartsWith("Retenir", await animator.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"), StringComparison.Ordinal);
        await animator.Keyboard.PressAsync("Enter");
        await Assertions.Expect(animator.Locator(".notice")).ToContainTextAsync("Le point est retenu");
        await animator.AssertAccessibleAsync();

        await resident.GotoAsync($"/conseils/{id}");
        var mine = resident.Locator("h3:text-is('Vos propositions') + ul li", new() { HasText = title });
        await Assertions.Expect(mine.First).ToContainTextAsync("Retenu");
        await Assertions.Expect(mine.First).ToContainTextAsync("Inscrit à la séance de juin.");
        await resident.AssertAccessibleAsync();
        await _app.Smtp.WaitForAsync($"karim@{ParvisFactory.DomainA}", m => m.Subject!.Contains("est retenu pour l'ordre du jour"));

        // At 360 px the public page needs no sideways scrolling.
        var phone = await fixture.NewPageAsync(width: 360);
        await phone.GotoAsync($"/conseils/{id}");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the council page scrolls sideways at 360 px");
        await phone.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_avis_answered_by_the_institution_is_shown_on_the_council_page()
    {
        var id = await CouncilIdAsync();
        var title = "Avis sur les horaires de la piscine " + Guid.NewGuid().ToString("N")[..4];
        var animator = await fixture.NewPageAsync();
        await animator.LoginAsync($"animation@{ParvisFactory.DomainA}");
        await animator.GotoAsync($"/conseils/{id}");
        await animator.GetByRole(AriaRole.Link, new() { Name = "Animer ce conseil" }).ClickAsync();
        await animator.AssertAccessibleAsync();
        await animator.GetByRole(AriaRole.Link, new() { Name = "Enregistrer un avis adopté" }).ClickAsync();
        await animator.AssertAccessibleAsync();
        await animator.GetByLabel("Titre de l'avis").FillAsync(title);
        await animator.GetByLabel("Texte de l'avis").FillAsync("Le conseil demande une ouverture **le dimanche matin**.");
        await animator.GetByLabel("Voix pour").FillAsync("8");
        await animator.GetByLabel("Voix contre").FillAsync("1");
        await animator.GetByLabel("Abstentions").FillAsync("1");
        await animator.GetByRole(AriaRole.Button, new() { Name = "Publier l'avis" }).ClickAsync();
        await Assertions.Expect(animator.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(animator.Locator("main .body strong")).ToHaveTextAsync("le dimanche matin");
        var opinionUrl = new Uri(animator.Url).AbsolutePath;
        // The animator does not answer in the institution's name.
        await Assertions.Expect(animator.GetByText("Rédiger une réponse au nom de la collectivité")).ToHaveCountAsync(0);

        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await agent.GotoAsync(opinionUrl);
        await agent.GetByText("Rédiger une réponse au nom de la collectivité").ClickAsync();
        await agent.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Réponse") }).FillAsync("La piscine ouvrira le dimanche de 9 h à 12 h dès septembre.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("enregistrée en brouillon");
        await agent.AssertAccessibleAsync();

        var elected = await fixture.NewPageAsync();
        await elected.LoginAsync($"elu@{ParvisFactory.DomainA}");
        await elected.GotoAsync("/reponses");
        var draft = elected.Locator("li.contribution", new() { Has = elected.Locator($"a[href='{opinionUrl}']") });
        await draft.GetByRole(AriaRole.Button, new() { NameRegex = new("^Valider et publier") }).ClickAsync();
        await Assertions.Expect(elected.Locator(".notice")).ToContainTextAsync("La réponse est publiée");

        var visitor = await fixture.NewPageAsync(javaScript: false);
        await visitor.GotoAsync($"/conseils/{id}");
        var opinion = visitor.Locator("section:has(#avis) li", new() { HasText = title }).First;
        await Assertions.Expect(opinion).ToContainTextAsync("la collectivité a répondu");
        await Assertions.Expect(opinion).ToContainTextAsync("8 pour, 1 contre, 1 abstentions");
        await visitor.AssertAccessibleAsync();
        await opinion.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(visitor.Locator("section:has(#reponse)")).ToContainTextAsync("La piscine ouvrira le dimanche");
        await visitor.AssertAccessibleAsync();
        // The demo's own avis was answered too, and fed an outcome.
        await visitor.GotoAsync($"/conseils/{id}");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Avis sur le réaménagement de la place de la Gare" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("section.outcomes-fed")).ToContainTextAsync("Parking vélo abrité devant la gare");
    }

    [Fact]
    public async Task An_animator_is_refused_everywhere_outside_their_council()
    {
        var id = await CouncilIdAsync();
        var other = await _app.InAAsync(async db =>
        {
            var council = new Parvis.Domain.Council { Name = "" };
            council.Describe("Conseil des jeunes " + Guid.NewGuid().ToString("N")[..4], Parvis.Domain.CouncilKind.Youth,
                await db.Territories.Where(t => t.Name == "Centre-ville").Select(t => t.Id).SingleAsync(), null,
                Parvis.Domain.ParticipationLevel.ConfirmedAccount, false, Parvis.Domain.ParticipationLevel.ConfirmedAccount, DateTime.UtcNow);
            db.Councils.Add(council);
            await db.SaveChangesAsync();
            return council.Id;
        });
        var animator = await fixture.NewPageAsync();
        await animator.LoginAsync($"animation@{ParvisFactory.DomainA}");
        // No staff link in the menu: the animator is a citizen everywhere but in their council.
        await Assertions.Expect(animator.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await Assertions.Expect(animator.GetByRole(AriaRole.Link, new() { Name = "Modération" })).ToHaveCountAsync(0);
        foreach (var url in new[] { "/admin", "/admin/conseils", $"/admin/conseils/{id}", "/moderation", "/reponses", "/reponses/en-retard", "/guichet",
                     $"/conseils/{other}/animation", $"/conseils/{other}/animation/ordre-du-jour", $"/conseils/{other}/animation/avis" })
        {
            await animator.GotoAsync(url);
            await Assertions.Expect(animator.Locator("h1")).ToHaveTextAsync("Accès refusé");
        }
        await animator.AssertAccessibleAsync();
        await animator.GotoAsync($"/conseils/{id}/animation");
        await Assertions.Expect(animator.Locator("h1")).ToContainTextAsync(Council);
        await animator.AssertAccessibleAsync();

        // Their council's sessions are theirs to run: created from the animation page, minutes published. Any other meeting is refused.
        var plain = await _app.InAAsync(db => db.Meetings.Where(m => m.CouncilId == null).Select(m => m.Id).FirstAsync());
        await animator.GotoAsync($"/admin/reunions/{plain}");
        await Assertions.Expect(animator.Locator("h1")).ToHaveTextAsync("Accès refusé");
        await animator.GotoAsync($"/conseils/{id}/animation");
        await animator.GetByRole(AriaRole.Link, new() { Name = "Nouvelle séance" }).ClickAsync();
        await animator.AssertAccessibleAsync();
        var session = "Séance de printemps " + Guid.NewGuid().ToString("N")[..4];
        await animator.GetByLabel("Titre", new() { Exact = true }).FillAsync(session);
        await animator.GetByLabel("Adresse", new() { Exact = true }).FillAsync("Maison de quartier de la Gare");
        await animator.GetByLabel("Ordre du jour").FillAsync("1. Les bancs du square");
        await animator.GetByLabel("Publier dans l'agenda").CheckAsync();
        await animator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Assertions.Expect(animator.Locator(".notice")).ToContainTextAsync("publiée dans l'agenda");
        await animator.AssertAccessibleAsync();
        var sessionId = int.Parse(new Uri(animator.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await _app.InAAsync(db => db.Meetings.Where(m => m.Id == sessionId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.StartsAt, DateTime.UtcNow.AddHours(-3)).SetProperty(m => m.EndsAt, DateTime.UtcNow.AddHours(-1))));
        await animator.ReloadAsync();
        await animator.GetByLabel("Texte du compte rendu").FillAsync("Le conseil demande **deux bancs**.");
        await animator.GetByRole(AriaRole.Button, new() { Name = "Publier le compte rendu" }).ClickAsync();
        await Assertions.Expect(animator.Locator(".notice")).ToContainTextAsync("Compte rendu publié");
        await animator.AssertAccessibleAsync();
        await animator.GotoAsync("/admin/reunions");
        await Assertions.Expect(animator.GetByRole(AriaRole.Link, new() { Name = session })).ToHaveCountAsync(1);
        await animator.AssertAccessibleAsync();

        // The administrators' pages of councils pass axe, and creating a council works without JavaScript.
        var admin = await fixture.NewPageAsync(javaScript: false);
        await admin.LoginAsync($"admin@{ParvisFactory.DomainA}");
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Conseils de quartier et instances" }).ClickAsync();
        await admin.AssertAccessibleAsync();
        var name = "Conseil de développement " + Guid.NewGuid().ToString("N")[..4];
        await admin.GetByLabel("Nom du conseil").FillAsync(name);
        await admin.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Conseil de développement" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Créer le conseil" }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync(name);
        await admin.GetByLabel("Nom du collège").FillAsync("Acteurs économiques");
        await admin.GetByLabel("Nombre de sièges").FillAsync("6");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ajouter le collège" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("Le collège est ajouté.");
        await admin.GetByLabel("Adresse e-mail du compte").FillAsync($"animation@{ParvisFactory.DomainA}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Nommer animateur" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("anime désormais ce conseil");
        await admin.AssertAccessibleAsync();
        await admin.GotoAsync($"/conseils/{id}/candidater");
        await admin.AssertAccessibleAsync();
    }
}
