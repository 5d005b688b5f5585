using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>
/// Following a petition on a phone without JavaScript, by keyboard; its official response in the header counter, on the
/// notifications page and by e-mail; unsubscribing in one click from that e-mail; a daily digest.
/// </summary>
[Collection(BrowserCollection.Name)]
public class NotificationJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly string[] DigestTitles = ["La piste cyclable", "Le marché du samedi"];

    [Fact]
    public async Task A_follower_gets_the_official_response_in_the_header_on_the_page_and_by_e_mail_then_unsubscribes_in_one_click()
    {
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 1000, agendaThreshold: null);
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.LoginAsync(email);
        await page.GotoAsync($"/petitions/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivre", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Vous suivez désormais cet élément");
        await Assertions.Expect(page.Locator(".follow-form")).ToContainTextAsync("Vous suivez cet élément.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the petition page scrolls sideways at 360 px");
        await page.AssertAccessibleAsync();
        // "Mes abonnements" lists it, with its button to stop.
        await page.GotoAsync("/compte/abonnements");
        await Assertions.Expect(page.Locator($"ul.follows li:has(a[href='/petitions/{id}'])"))
            .ToContainTextAsync("Ne plus suivre");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the follows page scrolls sideways at 360 px");
        await page.AssertAccessibleAsync();

        // The response written by an agent and published by an elected official, in their own browsers.
        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await agent.GotoAsync($"/petitions/{id}");
        await agent.GetByText("Rédiger une réponse au nom de la collectivité").ClickAsync();
        await agent.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Réponse") }).FillAsync("Le passage sera fait cet été.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("enregistrée en brouillon");
        var elected = await fixture.NewPageAsync();
        await elected.LoginAsync($"elu@{ParvisFactory.DomainA}");
        await elected.GotoAsync("/reponses");
        var draft = elected.Locator("li.contribution", new() { Has = elected.Locator($"a[href='/petitions/{id}']") });
        await draft.GetByRole(AriaRole.Button, new() { NameRegex = new("^Valider et publier") }).ClickAsync();
        await Assertions.Expect(elected.Locator(".notice")).ToContainTextAsync("La réponse est publiée");

        // The counter is in the header of every page, without a script; at 360 px inside the menu.
        await page.GotoAsync("/compte/notifications");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Notifications (1");
        await Assertions.Expect(page.Locator("li.unread")).ToContainTextAsync("La collectivité a publié une réponse officielle");
        await page.AssertAccessibleAsync();

        var mail = await _app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").Contains("Réponse officielle", StringComparison.Ordinal));
        Assert.Contains($"/petitions/{id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Tout marquer comme lu" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Toutes vos notifications sont marquées comme lues.");
        await Assertions.Expect(page.Locator("header")).Not.ToContainTextAsync("Notifications (");

        // The link of the e-mail, opened by a person: a button, then done, without being signed in.
        var visitor = await fixture.NewPageAsync(javaScript: false, width: 360);
        await visitor.GotoAsync(new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery);
        await visitor.AssertAccessibleAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Me désabonner" }).FocusAsync();
        await visitor.Keyboard.PressAsync("Enter");
        await Assertions.Expect(visitor.Locator(".notice")).ToContainTextAsync("vous ne recevrez plus ces e-mails (Réponse officielle)");
        await visitor.AssertAccessibleAsync();
        await page.GotoAsync("/compte/notifications/preferences");
        await Assertions.Expect(page.GetByLabel("Sur le site seulement").First).ToBeCheckedAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_daily_digest_gathers_the_days_notices_in_one_e_mail()
    {
        var email = await _app.NewCitizenAsync();
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync(email);
        await page.GotoAsync("/compte/notifications/preferences");
        await page.GetByRole(AriaRole.Group, new() { Name = "Nouveau commentaire" }).GetByLabel("Par e-mail, un résumé par jour").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Vos préférences de notification sont enregistrées.");
        // The day's comments, then the next morning: their time has come.
        var yesterday = DateTime.UtcNow.AddDays(-1);
        await _app.InAAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            foreach (var title in DigestTitles)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = me,
                    Kind = NotificationKind.NewComment,
                    SubjectKind = FollowSubjectKind.Consultation,
                    SubjectId = 1,
                    Title = title,
                    Path = "/concertations/1",
                    CreatedAt = yesterday,
                    Delivery = NotificationDelivery.Daily,
                    MailAfter = DateTime.UtcNow.AddSeconds(-1),
                });
            }
            return await db.SaveChangesAsync();
        });
        var digest = await _app.Smtp.WaitForAsync(email);
        Assert.Contains("2 nouvelles notifications", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("La piste cyclable", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Le marché du samedi", digest.TextBody, StringComparison.Ordinal);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);
        Assert.Contains("Nouveau commentaire", digest.TextBody, StringComparison.Ordinal);
        await page.GotoAsync("/compte/notifications");
        await Assertions.Expect(page.Locator("li.unread")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
    }
}
