using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The moderation queue and the agent's own drafts: accessible, readable at 360 px, usable with the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class ModerationQueueTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>A published contribution by a fresh citizen with one open flag, arranged in the database.</summary>
    private async Task<(int Id, string Pseudonym)> FlaggedContributionAsync(string body)
    {
        var consultation = await _app.NewOpenConsultationAsync();
        var author = await _app.UserIdAsync(await _app.NewCitizenAsync());
        var flagger = await _app.UserIdAsync(await _app.NewCitizenAsync());
        return await _app.InAAsync(async db =>
        {
            var territory = await db.Consultations.Where(c => c.Id == consultation).Select(c => c.TerritoryId).SingleAsync();
            var contribution = new Contribution
            {
                ConsultationId = consultation,
                TerritoryId = territory,
                AuthorId = author,
                Body = body,
                CreatedAt = DateTime.UtcNow,
                State = ModerationState.Published,
                OpenFlagCount = 1,
            };
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync();
            db.Flags.Add(new Flag { ContributionId = contribution.Id, UserId = flagger, Reason = "Hors sujet", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (contribution.Id, await db.Users.Where(u => u.Id == author).Select(u => u.Pseudonym).SingleAsync());
        });
    }

    [Fact]
    public async Task A_moderator_reads_who_wrote_an_item_and_keeps_it_published_with_the_keyboard()
    {
        var (id, pseudonym) = await FlaggedContributionAsync("Un avis vif mais correct");
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync("moderation@" + ParvisFactory.DomainA);
        await page.GotoAsync("/moderation");
        var item = page.Locator($"li.contribution:has(a[href='/contributions/{id}'])");
        await Assertions.Expect(item.Locator("p.meta")).ToContainTextAsync($"par {pseudonym}, le ");
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = false })).ToHaveCountAsync(0);
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Classer les signalements", Exact = false })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "/moderation scrolls sideways at 360 px");

        var keep = item.GetByRole(AriaRole.Button, new() { Name = "Garder publiée", Exact = false });
        await keep.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Signalements classés sans suite.");
        await Assertions.Expect(page.Locator($"li.contribution:has(a[href='/contributions/{id}'])")).ToHaveCountAsync(0);
        Assert.Equal(ModerationState.Published, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == id).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task An_agent_finds_the_response_they_drafted_among_their_drafts()
    {
        var (id, _) = await FlaggedContributionAsync("Quand la piste cyclable ouvrira-t-elle ?");
        var page = await fixture.NewPageAsync();
        await page.LoginAsync("agent@" + ParvisFactory.DomainA);
        await page.GotoAsync($"/contributions/{id}");
        await page.GetByText("Rédiger une réponse au nom de la collectivité").ClickAsync();
        await page.Locator("#response-body").FillAsync("Elle ouvrira au printemps.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("brouillon");

        var drafts = await fixture.NewPageAsync(width: 360);
        await drafts.LoginAsync("agent@" + ParvisFactory.DomainA);
        await drafts.GotoAsync("/reponses/en-retard");
        await drafts.GetByRole(AriaRole.Link, new() { Name = "Mes réponses en attente de validation" }).ClickAsync();
        await drafts.WaitForURLAsync("**/reponses/mes-brouillons");
        await Assertions.Expect(drafts.Locator($"li:has(a[href='/contributions/{id}'])")).ToContainTextAsync("Elle ouvrira au printemps.");
        await drafts.AssertAccessibleAsync();
        Assert.False(await drafts.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the drafts list scrolls sideways at 360 px");
    }
}
