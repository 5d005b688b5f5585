using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

[Collection(BrowserCollection.Name)]
public partial class JourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> ConsultationIdAsync(string title) =>
        _app.InAAsync(db => db.Consultations.Where(c => c.Title == title).Select(c => c.Id).FirstAsync());

    [Fact]
    public async Task A_newcomer_signs_up_confirms_contributes_reacts_and_comments()
    {
        var page = await fixture.NewPageAsync();
        var email = $"nouvelle-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un compte" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Pseudonyme").FillAsync("Nouvelle habitante");
        await page.GetByLabel("Mot de passe").FillAsync("un mot de passe solide");
        await page.GetByLabel("J'accepte la charte de participation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("e-mail de confirmation");

        var message = await _app.Smtp.WaitForAsync(email);
        var link = LinkPattern().Match(message.TextBody ?? "").Value;
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Votre adresse est confirmée");
        await page.AssertAccessibleAsync();
        await page.LoginAsync(email, "un mot de passe solide");

        var id = await ConsultationIdAsync("Réaménagement de la place de la Gare");
        await page.GotoAsync($"/concertations/{id}");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Question à laquelle vous répondez").SelectOptionAsync(new SelectOptionValue { Label = "Quels usages voulez-vous garder sur la place ?" });
        await page.GetByLabel("Titre").FillAsync("Un kiosque à journaux");
        await page.GetByLabel("Votre contribution").FillAsync("Rouvrir le kiosque à journaux, il animait la place.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma contribution" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Un kiosque à journaux");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "D'accord (0)", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "D'accord (1)", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByLabel("Votre commentaire").FillAsync("Et des journaux en langues étrangères pour les voyageurs.");
        await page.GetByLabel("Pour", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commenter" }).ClickAsync();
        await Assertions.Expect(page.Locator(".comment")).ToContainTextAsync("langues étrangères");
        await Assertions.Expect(page.Locator(".comment .badge")).ToHaveTextAsync("Pour");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_moderator_hides_a_flagged_contribution()
    {
        var id = await ConsultationIdAsync("Réaménagement de la place de la Gare");
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id && c.Title == "Toilettes publiques").Select(c => c.Id).FirstAsync());
        var citizen = await fixture.NewPageAsync();
        await citizen.LoginAsync(await _app.NewCitizenAsync());
        await citizen.GotoAsync($"/contributions/{contributionId}");
        await citizen.GetByText("Signaler un abus").ClickAsync();
        await citizen.GetByLabel("Motif du signalement").FillAsync("Hors sujet");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Assertions.Expect(citizen.Locator(".notice")).ToContainTextAsync("la modération examinera");

        var moderator = await fixture.NewPageAsync();
        await moderator.LoginAsync("moderation@" + ParvisFactory.DomainA);
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Modération" }).ClickAsync();
        await moderator.AssertAccessibleAsync();
        var item = moderator.Locator("li.contribution", new() { Has = moderator.Locator($"a[href='/contributions/{contributionId}']") });
        await Assertions.Expect(item).ToContainTextAsync("Hors sujet");
        await item.GetByLabel("Motif de la décision").FillAsync("Hors sujet confirmé");
        await item.GetByRole(AriaRole.Button, new() { Name = "Masquer" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice")).ToHaveTextAsync("Contribution masquée.");

        var visitor = await fixture.NewPageAsync();
        var response = await visitor.GotoAsync($"/contributions/{contributionId}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Page introuvable");
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_agent_drafts_a_response_that_an_elected_official_validates()
    {
        var id = await ConsultationIdAsync("Réaménagement de la place de la Gare");
        var contributionId = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id && c.Title == "Garder le marché du samedi").Select(c => c.Id).FirstAsync());
        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync("agent@" + ParvisFactory.DomainA);
        await agent.GotoAsync($"/contributions/{contributionId}");
        await agent.GetByText("Rédiger une réponse au nom de la collectivité").ClickAsync();
        await agent.GetByRole(AriaRole.Textbox, new() { Name = "Réponse (publiée au nom de votre service, après validation)" }).FillAsync("Le marché du samedi est maintenu sur la place réaménagée.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".response")).ToContainTextAsync("Brouillon en attente de validation");
        await agent.AssertAccessibleAsync();

        var elected = await fixture.NewPageAsync();
        await elected.LoginAsync("elu@" + ParvisFactory.DomainA);
        await elected.GetByRole(AriaRole.Link, new() { Name = "Réponses à valider" }).ClickAsync();
        await elected.AssertAccessibleAsync();
        var draft = elected.Locator("li.contribution", new() { HasText = "Le marché du samedi est maintenu" });
        await draft.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(elected.Locator(".notice")).ToContainTextAsync("publiée au nom de la collectivité");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync($"/contributions/{contributionId}");
        var response = visitor.Locator(".response");
        await Assertions.Expect(response).ToContainTextAsync("Réponse de la collectivité · Service urbanisme");
        await Assertions.Expect(response).Not.ToContainTextAsync("Sofia");
    }

    [Fact]
    public async Task An_agent_enters_a_register_observation_with_its_date_and_place_of_receipt()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await fixture.NewPageAsync(width: 360);
        await agent.LoginAsync("agent@" + ParvisFactory.DomainA);
        await agent.GotoAsync($"/concertations/{id}");
        await agent.GetByText("Saisir une contribution reçue hors ligne (agent)").ClickAsync();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var received = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, paris).Date.AddDays(-2).AddHours(9).AddMinutes(15);
        var form = agent.Locator("form[action*=Offline]");
        // A date still to come is refused: the form comes back open, with what was typed and the reason.
        await form.GetByLabel("Reçue le").FillAsync(received.AddDays(5).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Lieu de réception").FillAsync("Mairie annexe");
        await form.GetByLabel("Texte de la contribution").FillAsync("Observation portée au registre.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(form.Locator(".errors")).ToContainTextAsync("La date de réception ne peut pas être dans le futur.");
        await Assertions.Expect(form.GetByLabel("Texte de la contribution")).ToHaveValueAsync("Observation portée au registre.");
        await agent.AssertAccessibleAsync();

        await form.GetByLabel("Reçue le").FillAsync(received.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        var meta = agent.Locator("main p.meta", new() { HasText = "lieu de réception" });
        await Assertions.Expect(meta).ToContainTextAsync("reçue le " + received.ToString("d MMMM yyyy à HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")));
        await Assertions.Expect(meta).ToContainTextAsync("lieu de réception : Mairie annexe");
        await agent.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_administrator_closes_a_prior_concertation_with_its_report()
    {
        var title = "Requalification de la rue " + Guid.NewGuid().ToString("N")[..6];
        await _app.NewOpenConsultationAsync(c => { c.LegalFrame = Parvis.Domain.LegalFrame.PriorConcertation; c.ObjectivesMarkdown = "Apaiser la rue."; }, title);
        var admin = await fixture.NewPageAsync();
        await admin.LoginAsync("admin@" + ParvisFactory.DomainA);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await admin.AssertAccessibleAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Clore « {title} »" }).ClickAsync();
        await admin.AssertAccessibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Clore et publier le bilan" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".errors")).ToContainTextAsync("sans son bilan");
        await admin.GetByLabel("Bilan de la concertation").FillAsync("## Ce que nous retenons\n\nLe stationnement vélo abrité est retenu.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Clore et publier le bilan" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".report")).ToContainTextAsync("Le stationnement vélo abrité est retenu.");
        await Assertions.Expect(admin.Locator(".badge").First).ToHaveTextAsync("Close");
        await admin.AssertAccessibleAsync();

        await admin.GotoAsync("/admin/journal");
        await admin.AssertAccessibleAsync();
        await Assertions.Expect(admin.Locator("tbody")).ToContainTextAsync("consultation.close");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
