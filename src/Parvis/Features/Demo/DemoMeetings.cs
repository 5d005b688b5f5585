using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>
/// The in-person side of the place de la Gare consultation: a workshop to come, full, with people waiting (cancel a
/// seat to see the first one promoted), and the public meeting held last week, with its minutes and what was said there.
/// </summary>
public static class DemoMeetings
{
    public const string Workshop = "Atelier : dessinons la place de la Gare";
    public const string PastMeeting = "Réunion publique de lancement : la place de la Gare";

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory gare, List<ParvisUser> citizens, ParvisUser agent)
    {
        var consultation = await db.Consultations.Where(c => c.Title == "Réaménagement de la place de la Gare").Select(c => c.Id).SingleAsync();
        var workshopStart = now.Date.AddDays(9).AddHours(17);
        var workshop = new Meeting
        {
            Title = Workshop,
            Kind = MeetingKind.Workshop,
            Format = MeetingFormat.Hybrid,
            StartsAt = workshopStart,
            EndsAt = workshopStart.AddHours(2),
            ConsultationId = consultation,
            TerritoryId = gare.Id,
            Address = "Maison du quartier de la Gare, 12 rue des Cheminots",
            Room = "Salle polyvalente (rez-de-chaussée)",
            Latitude = 48.8352,
            Longitude = 2.3371,
            OnlineUrl = "https://visio.example.org/atelier-gare",
            StepFreeAccess = true,
            InductionLoop = true,
            Childcare = true,
            AccessibilityContact = "Service urbanisme, 01 23 45 67 89, participation@ville-demo.fr",
            AgendaMarkdown = "1. Ce que vous avez dit en ligne et en réunion publique\n2. Trois scénarios d'aménagement, sur plan\n3. Travail en petits groupes\n4. Mise en commun",
            RegistrationRequired = true,
            RegistrationLevel = ParticipationLevel.Anyone,
            Capacity = 12,
            PublishedAt = now.AddDays(-8),
            CreatedAt = now.AddDays(-8),
        };
        var pastStart = now.Date.AddDays(-6).AddHours(17);
        var past = new Meeting
        {
            Title = PastMeeting,
            Kind = MeetingKind.PublicMeeting,
            Format = MeetingFormat.InPerson,
            StartsAt = pastStart,
            EndsAt = pastStart.AddHours(2),
            ConsultationId = consultation,
            TerritoryId = gare.Id,
            Address = "Salle des fêtes, place de la Mairie",
            StepFreeAccess = true,
            SignLanguage = true,
            AgendaMarkdown = "1. Présentation du projet par le maire adjoint\n2. Questions et échanges avec la salle",
            MinutesMarkdown = "## Compte rendu\n\nUne soixantaine de personnes. Le projet a été présenté, puis la salle a posé ses questions.\n\n"
                + "- **Stationnement** : les places supprimées seront compensées au parking de la gare.\n"
                + "- **Arbres** : les platanes existants sont conservés.\n- **Marché** : il reste le samedi matin.\n\n"
                + "Les contributions recueillies sur place sont reprises ci-dessous et comptent comme celles déposées en ligne.",
            MinutesPublishedAt = pastStart.AddDays(2),
            PublishedAt = now.AddDays(-20),
            CreatedAt = now.AddDays(-20),
        };
        db.Meetings.AddRange(workshop, past);
        await db.SaveChangesAsync();

        // Twelve seats taken, three people waiting; Karim's seat can be cancelled from his page to see Jeanne promoted.
        var names = new[] { "Nadia Benali", "Olivier Fabre", "Sophie Leroy", "Thomas Girard", "Inès Roche", "Julien Perrin", "Marie Colin",
            "Hélène Vidal", "Rachid Amrani", "Lucie Marchand", "Pierre Gauthier" };
        var registrations = names.Select((name, i) => Registration(workshop.Id, null, name, $"atelier-{i + 1}@exemple.fr", RegistrationStatus.Confirmed, now.AddDays(-7).AddHours(i))).ToList();
        registrations.Add(Registration(workshop.Id, citizens[2].Id, $"{citizens[2].FirstName} {citizens[2].LastName}", citizens[2].Email!, RegistrationStatus.Confirmed, now.AddDays(-6)));
        registrations.Add(Registration(workshop.Id, citizens[3].Id, $"{citizens[3].FirstName} {citizens[3].LastName}", citizens[3].Email!, RegistrationStatus.Waiting, now.AddDays(-5)));
        registrations.Add(Registration(workshop.Id, null, "Bernard Morel", "atelier-attente-2@exemple.fr", RegistrationStatus.Waiting, now.AddDays(-4)));
        registrations.Add(Registration(workshop.Id, null, "Claire Dumas", "atelier-attente-3@exemple.fr", RegistrationStatus.Waiting, now.AddDays(-3)));
        db.MeetingRegistrations.AddRange(registrations);
        workshop.ConfirmedCount = registrations.Count(r => r.Status == RegistrationStatus.Confirmed);

        db.Contributions.Add(new Contribution
        {
            ConsultationId = consultation,
            MeetingId = past.Id,
            TerritoryId = gare.Id,
            OfflineAuthorName = "M. Garcia, commerçant",
            EnteredById = agent.Id,
            Channel = Channel.Meeting,
            Body = "Dit en réunion publique : pendant les travaux, il faut garder un accès livraison aux commerces de la place.",
            CreatedAt = pastStart.AddDays(1),
            ReceivedAt = pastStart.AddHours(1),
            ReceivedPlace = PastMeeting,
            State = ModerationState.Published,
        });
        await db.SaveChangesAsync();
    }

    // The demo never e-mails these people: their cancellation links are not known, only the organizer's pages act on them.
    private static MeetingRegistration Registration(int meetingId, Guid? userId, string name, string email, RegistrationStatus status, DateTime at) => new()
    {
        MeetingId = meetingId,
        UserId = userId,
        Name = name,
        Email = email.ToLowerInvariant(),
        Status = status,
        CancelTokenHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        CreatedAt = at,
    };
}
