using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>Meetings in a browser: the waiting list and its promotion without JavaScript, and minutes with an on-site contribution, by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public class MeetingJourneyTests(BrowserFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Registering_for_a_full_meeting_and_being_promoted_from_the_waiting_list_when_someone_cancels()
    {
        var title = "Atelier complet " + Guid.NewGuid().ToString("N")[..4];
        var id = await NewMeetingAsync(title, capacity: 1, started: false);
        var first = $"premiere-{Guid.NewGuid():N}@example.org";
        var second = $"seconde-{Guid.NewGuid():N}@example.org";

        // Without JavaScript, on a phone: the agenda, the meeting, the form.
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.GotoAsync("/agenda");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 place restante sur 1.");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Votre nom").FillAsync("Première Personne");
        await page.GetByLabel("Votre adresse e-mail").FillAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Inscription enregistrée");

        var other = await fixture.NewPageAsync(javaScript: false, width: 360);
        await other.GotoAsync($"/reunions/{id}");
        await Assertions.Expect(other.Locator("main")).ToContainTextAsync("Complet");
        await other.GetByLabel("Votre nom").FillAsync("Seconde Personne");
        await other.GetByLabel("Votre adresse e-mail").FillAsync(second);
        await other.GetByRole(AriaRole.Button, new() { Name = "M'inscrire sur la liste d'attente" }).ClickAsync();
        await Assertions.Expect(other.Locator(".notice")).ToContainTextAsync("liste d'attente");
        await other.AssertAccessibleAsync();

        // The second person's own link says where she stands.
        var waitingLink = TestSmtpServer.LinksIn(await _app.Smtp.WaitForAsync(second)).Single(l => l.Contains("jeton=", StringComparison.Ordinal));
        await other.GotoAsync(new Uri(waitingLink).PathAndQuery);
        await Assertions.Expect(other.Locator("main")).ToContainTextAsync("Vous êtes n° 1 sur la liste d'attente.");
        await other.AssertAccessibleAsync();

        // The first person cancels by her link, with the keyboard.
        var cancelLink = TestSmtpServer.LinksIn(await _app.Smtp.WaitForAsync(first)).Single(l => l.Contains("jeton=", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(cancelLink).PathAndQuery);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Votre inscription est annulée");

        var promoted = await _app.Smtp.WaitForAsync(second, m => m.Subject!.Contains("une place s'est libérée", StringComparison.Ordinal));
        Assert.Contains(title, promoted.TextBody, StringComparison.Ordinal);
        await other.GotoAsync(new Uri(waitingLink).PathAndQuery);
        await Assertions.Expect(other.Locator("main")).ToContainTextAsync("Seconde Personne : Inscrit.");
    }

    [Fact]
    public async Task Publishing_minutes_with_an_on_site_contribution()
    {
        var title = "Réunion publique " + Guid.NewGuid().ToString("N")[..4];
        var id = await NewMeetingAsync(title, capacity: null, started: true);
        var page = await fixture.NewPageAsync(width: 360);
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync("/admin/reunions");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Texte du compte rendu").FillAsync("Les platanes sont conservés ; le marché reste le samedi.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier le compte rendu" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Compte rendu publié");

        await page.Locator("summary", new() { HasText = "Saisir une contribution recueillie sur place" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByLabel("Nom donné par la personne").FillAsync("Mme Perrin");
        await page.GetByLabel("Texte de la contribution").FillAsync("Dit dans la salle : un abri pour attendre le bus.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("recueillie sur place est enregistrée");
        await page.AssertAccessibleAsync();

        var visitor = await fixture.NewPageAsync(javaScript: false);
        await visitor.GotoAsync($"/reunions/{id}");
        await Assertions.Expect(visitor.Locator("#compte-rendu + p + div")).ToContainTextAsync("Les platanes sont conservés");
        var onSite = visitor.Locator("section", new() { Has = visitor.Locator("#sur-place") });
        await Assertions.Expect(onSite).ToContainTextAsync("un abri pour attendre le bus");
        await Assertions.Expect(onSite).ToContainTextAsync("Mme Perrin");
        await visitor.AssertAccessibleAsync();
        var consultation = await _app.IdAsync(ConsultationData.Open);
        await visitor.GotoAsync($"/concertations/{consultation}");
        await visitor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync(title);
    }

    [Fact]
    public async Task The_organizer_creates_a_meeting_with_the_keyboard_and_the_form_is_accessible()
    {
        var page = await fixture.NewPageAsync();
        await page.LoginAsync($"agent@{ParvisFactory.DomainA}");
        await page.GotoAsync("/admin/reunions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle rencontre" }).ClickAsync();
        await page.AssertAccessibleAsync();
        var title = "Balade urbaine " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Balade urbaine" });
        await page.GetByLabel("Adresse").FillAsync("Départ devant la gare");
        await page.GetByLabel("Publier dans l'agenda").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("publiée dans l'agenda");
        await page.GotoAsync("/agenda?type=Walk");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }

    private Task<int> NewMeetingAsync(string title, int? capacity, bool started) => _app.InAAsync(async db =>
    {
        var consultation = await db.Consultations.Where(c => c.Title == ConsultationData.Open).Select(c => c.Id).SingleAsync();
        var start = started ? DateTime.UtcNow.AddHours(-2) : DateTime.UtcNow.AddDays(5);
        var meeting = new Meeting
        {
            Title = title,
            Kind = started ? MeetingKind.PublicMeeting : MeetingKind.Workshop,
            Format = MeetingFormat.InPerson,
            Address = "Maison du quartier, 12 rue des Cheminots",
            StartsAt = start,
            EndsAt = start.AddHours(1),
            ConsultationId = consultation,
            RegistrationRequired = capacity is not null,
            Capacity = capacity,
            StepFreeAccess = true,
            PublishedAt = DateTime.UtcNow,
            CreatedAt = DateTime.UtcNow,
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    });
}
