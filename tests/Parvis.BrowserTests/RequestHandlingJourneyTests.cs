using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Features.Requests.Handling;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The services' side of requests in a real browser: the agent's queue, acknowledgement and resolution with public updates, the reporter's e-mails, the "est-ce réglé ?" reopening; axe on every page of it.</summary>
[Collection(BrowserCollection.Name)]
public class RequestHandlingJourneyTests(BrowserFixture fixture)
{
    private readonly KestrelParvisFactory _app = fixture.App;

    private Task<int> AddRequestAsync(string description, string authorEmail) =>
        _app.InAAsync(async db =>
        {
            var category = await db.RequestCategories.SingleAsync(c => c.Code == "eclairage");
            var authorId = await db.Users.Where(u => u.Email == authorEmail).Select(u => u.Id).SingleAsync();
            var now = DateTime.UtcNow;
            var request = new ServiceRequest
            {
                CategoryId = category.Id,
                ServiceName = category.ServiceName,
                Description = description,
                Latitude = 48.85,
                Longitude = 2.35,
                Address = "8 rue des Écoles",
                AuthorId = authorId,
                Status = RequestStatus.Submitted,
                SubmittedAt = now,
                UpdatedAt = now,
                DueAt = now.AddHours(category.TargetHours),
            };
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    [Fact]
    public async Task An_agent_acknowledges_and_resolves_the_reporter_is_mailed_and_reopens_from_the_fix_check_link()
    {
        var reporter = await _app.NewCitizenAsync();
        var id = await AddRequestAsync("Le lampadaire devant l'école ne s'allume plus " + Guid.NewGuid().ToString("N")[..6], reporter);

        var agent = await fixture.NewPageAsync();
        await agent.LoginAsync("voirie@" + ParvisFactory.DomainA);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Signalements à traiter" }).ClickAsync();
        await Assertions.Expect(agent.Locator("h1")).ToHaveTextAsync("Guichet des signalements");
        await Assertions.Expect(agent.Locator(".queue-map.leaflet-container")).ToBeVisibleAsync();
        await agent.AssertAccessibleAsync();
        await agent.GetByRole(AriaRole.Link, new() { Name = $"Signalement n° {id}", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.Locator("h1")).ToContainTextAsync($"Signalement n° {id}");
        await agent.AssertAccessibleAsync();

        await agent.GetByLabel("Nouveau statut").SelectOptionAsync(new SelectOptionValue { Label = "Pris en compte" });
        await agent.GetByLabel("Message public (signé par le service, envoyé à l'auteur et aux abonnés)").FillAsync("Une équipe passe cette semaine.");
        await agent.GetByLabel("Note interne (jamais publiée)").FillAsync("Armoire électrique n° 12 à vérifier.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Changer le statut" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".badge").First).ToHaveTextAsync("Pris en compte");
        await Assertions.Expect(agent.Locator(".history .internal-note")).ToContainTextAsync("Armoire électrique n° 12 à vérifier.");
        var acknowledged = await _app.Smtp.WaitForAsync(reporter, m => m.Subject!.Contains($"n° {id} — « Pris en compte »", StringComparison.Ordinal));
        Assert.Contains("Une équipe passe cette semaine.", acknowledged.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Armoire", acknowledged.TextBody, StringComparison.Ordinal);

        // Resolved from the queue, with the bulk action.
        await agent.GotoAsync("/guichet");
        await agent.GetByLabel($"Sélectionner le signalement n° {id}").CheckAsync();
        await agent.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Résolu" });
        await agent.GetByLabel("Message public (facultatif, envoyé à chaque auteur et abonné)").FillAsync("Ampoule remplacée.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Appliquer aux signalements cochés" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".notice")).ToContainTextAsync("changé de statut");
        var resolved = await _app.Smtp.WaitForAsync(reporter, m => m.Subject!.Contains($"n° {id} — « Résolu »", StringComparison.Ordinal));
        Assert.Contains("Ampoule remplacée.", resolved.TextBody, StringComparison.Ordinal);

        // Four weeks later the job asks; the reporter, signed out, answers from the e-mail.
        await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, DateTime.UtcNow.AddDays(-29))));
        using (var scope = _app.Services.CreateScope())
            await new FixCheckJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
        var question = await _app.Smtp.WaitForAsync(reporter, m => m.Subject!.Contains($"n° {id} est-il réglé", StringComparison.Ordinal));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(TestSmtpServer.LinkIn(question)).PathAndQuery);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Votre signalement est-il réglé ?");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Ce qui n'est pas réglé (facultatif, visible publiquement)").FillAsync("Il s'éteint de nouveau après 22 h.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Non, rouvrir" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Le signalement est rouvert");
        await page.AssertAccessibleAsync();

        await agent.GotoAsync($"/guichet/{id}");
        await Assertions.Expect(agent.Locator(".badge").First).ToHaveTextAsync("Pris en compte");
        await Assertions.Expect(agent.Locator(".history")).ToContainTextAsync("Rouvert par son auteur");
        await Assertions.Expect(agent.Locator(".history")).ToContainTextAsync("Il s'éteint de nouveau après 22 h.");
    }

    [Fact]
    public async Task The_request_moderation_page_has_no_accessibility_violations_and_redacts()
    {
        var reporter = await _app.NewCitizenAsync();
        var id = await AddRequestAsync("Appelez M. Durand au 06 11 22 33 44 pour le lampadaire", reporter);
        var moderator = await fixture.NewPageAsync(width: 360);
        await moderator.LoginAsync("moderation@" + ParvisFactory.DomainA);
        await moderator.GotoAsync("/moderation/signalements");
        await moderator.AssertAccessibleAsync();
        await moderator.GetByLabel("Numéro du signalement").FillAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir" }).ClickAsync();
        await Assertions.Expect(moderator.Locator("h2").First).ToContainTextAsync($"Signalement n° {id}");
        await moderator.AssertAccessibleAsync();
        await moderator.GetByLabel("Description corrigée").FillAsync($"Appelez {RequestModeration.RedactedMark} pour le lampadaire");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Corriger la description" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".notice")).ToContainTextAsync("La description est corrigée");
        await Assertions.Expect(moderator.Locator("blockquote")).ToContainTextAsync(RequestModeration.RedactedMark);
    }
}
