using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

public static partial class DemoSeeder
{
    public const string DemoCouncil = "Conseil de quartier de la Gare";

    /// <summary>
    /// A conseil de quartier with three colleges, members with and without accounts (one who left), an animator
    /// account, an avis answered by the institution and linked to an outcome, and residents' agenda items (one
    /// accepted, one waiting for the animator).
    /// </summary>
    private static async Task SeedCouncilsAsync(ParvisDbContext db, DateTime now, Territory gare, List<ParvisUser> citizens,
        ParvisUser animator, ParvisUser agent, ParvisUser elected)
    {
        var today = DateOnly.FromDateTime(now);
        var council = new Council { Name = "" };
        council.Describe(DemoCouncil, CouncilKind.Neighbourhood, gare.Id,
            "Le conseil de quartier réunit des habitants, des associations et des élus du quartier de la Gare "
            + "(article L2143-1 du code général des collectivités territoriales). Il se réunit une fois par trimestre, "
            + "en séance publique, et rend des avis sur les projets du quartier.",
            ParticipationLevel.VerifiedResident, acceptsCandidacies: true, ParticipationLevel.ConfirmedAccount, now.AddYears(-2));
        db.Councils.Add(council);
        await db.SaveChangesAsync();
        var residents = new CouncilCollege { CouncilId = council.Id, Name = "Habitants", Seats = 8, Position = 0 };
        var associations = new CouncilCollege { CouncilId = council.Id, Name = "Associations", Seats = 4, Position = 1 };
        var officials = new CouncilCollege { CouncilId = council.Id, Name = "Élus", Seats = 2, Position = 2 };
        db.CouncilColleges.AddRange(residents, associations, officials);
        db.CouncilAnimators.Add(new CouncilAnimator { CouncilId = council.Id, UserId = animator.Id, GrantedAt = now });
        await db.SaveChangesAsync();

        var start = today.AddYears(-1);
        CouncilMandate Seat(CouncilCollege college, string name, MandateRole role, Guid? userId = null, DateOnly? from = null, DateOnly? to = null) =>
            CouncilMandate.Start(council.Id, college.Id, name, userId, role, MandateSource.Appointment, from ?? start, to, now);
        var left = Seat(residents, "Bernard Caron", MandateRole.Member, from: start, to: today.AddMonths(-3));
        db.CouncilMandates.AddRange(
            Seat(residents, "Odile Fabre", MandateRole.President),
            Seat(residents, $"{citizens[3].FirstName} {citizens[3].LastName}", MandateRole.Secretary, citizens[3].Id),
            Seat(residents, "Yacine Benali", MandateRole.Member),
            Seat(residents, "Martine Lopez", MandateRole.Member),
            left,
            Seat(associations, "Association Gare Vivante (Sophie Klein)", MandateRole.Member),
            Seat(associations, "Vélo-Cité (Thomas Nguyen)", MandateRole.Member),
            Seat(officials, $"{elected.FirstName} {elected.LastName}", MandateRole.Member, elected.Id));
        await db.SaveChangesAsync();
        db.CouncilMandates.Add(new CouncilMandate
        {
            CouncilId = council.Id,
            CollegeId = residents.Id,
            Name = "Inès Marchand",
            Role = MandateRole.Member,
            Source = MandateSource.Appointment,
            StartsOn = today.AddMonths(-3).AddDays(1),
            ReplacesMandateId = left.Id,
            CreatedAt = now,
        });

        // Its sessions are meetings: the past one, where the avis below was adopted, has its minutes; the next is announced.
        var sessionStart = now.Date.AddDays(-40).AddHours(18).AddMinutes(30);
        db.Meetings.Add(new Meeting
        {
            Title = "Séance du conseil de quartier de la Gare",
            Kind = MeetingKind.PublicMeeting,
            Format = MeetingFormat.InPerson,
            StartsAt = sessionStart,
            EndsAt = sessionStart.AddHours(2),
            TerritoryId = gare.Id,
            CouncilId = council.Id,
            Address = "Maison du quartier de la Gare, 12 rue des Cheminots",
            StepFreeAccess = true,
            InductionLoop = true,
            AgendaMarkdown = "1. Réaménagement de la place de la Gare : avis du conseil\n2. Points proposés par les habitants",
            MinutesMarkdown = "## Compte rendu\n\nOnze membres présents, une vingtaine d'habitants dans la salle.\n\n"
                + "- **Place de la Gare** : le conseil adopte son avis (9 pour, 1 contre, 2 abstentions).\n"
                + "- **Points des habitants** : l'éclairage de la rue des Cheminots sera étudié à la prochaine séance.",
            MinutesPublishedAt = sessionStart.AddDays(3),
            PublishedAt = now.AddDays(-60),
            CreatedAt = now.AddDays(-60),
        });
        var nextStart = now.Date.AddDays(50).AddHours(18).AddMinutes(30);
        db.Meetings.Add(new Meeting
        {
            Title = "Prochaine séance du conseil de quartier de la Gare",
            Kind = MeetingKind.PublicMeeting,
            Format = MeetingFormat.InPerson,
            StartsAt = nextStart,
            EndsAt = nextStart.AddHours(2),
            TerritoryId = gare.Id,
            CouncilId = council.Id,
            Address = "Maison du quartier de la Gare, 12 rue des Cheminots",
            StepFreeAccess = true,
            AgendaMarkdown = "1. Éclairage de la rue des Cheminots\n2. Bilan du parking vélo",
            PublishedAt = now.AddDays(-2),
            CreatedAt = now.AddDays(-2),
        });
        var mandates = await db.CouncilMandates.Where(m => m.CouncilId == council.Id).ToListAsync();
        var opinion = CouncilOpinion.Adopt(council.Id, "Avis sur le réaménagement de la place de la Gare",
            "Le conseil de quartier **soutient** le réaménagement de la place de la Gare et demande :\n\n"
            + "- un parking vélo abrité et sécurisé devant la gare ;\n- des bancs à l'ombre le long du parvis ;\n"
            + "- le maintien de la dépose-minute côté rue Carnot.",
            today.AddDays(-40), today, 9, 1, 2, null, mandates, now.AddDays(-40));
        db.CouncilOpinions.Add(opinion);
        await db.SaveChangesAsync();
        var answer = new OfficialResponse
        {
            Subject = ResponseSubject.Opinion(opinion.Id),
            Body = "La collectivité remercie le conseil de quartier. Le parking vélo abrité est décidé (120 places) ; "
                + "les bancs ombragés sont étudiés avec la seconde tranche ; la dépose-minute est maintenue.",
            SignatureLabel = "Service urbanisme",
            DraftedById = agent.Id,
            DraftedAt = now.AddDays(-30),
            Status = ResponseStatus.Draft,
        };
        answer.Publish(elected.Id, now.AddDays(-28));
        opinion.FirstAnsweredAt = now.AddDays(-28);
        db.OfficialResponses.Add(answer);
        var parking = await db.Outcomes.FirstOrDefaultAsync(o => o.Title == "Parking vélo abrité devant la gare");
        if (parking is not null) db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = parking.Id, Kind = OutcomeSubjectKind.Opinion, SubjectId = opinion.Id });

        var accepted = CouncilAgendaItem.Propose(council.Id, citizens[1].Id, "L'éclairage du passage sous les voies",
            "Le passage piéton sous les voies est très sombre le soir : pouvons-nous en parler à la prochaine séance ?", now.AddDays(-20));
        accepted.Decide(true, "Inscrit à l'ordre du jour de la séance de printemps.", animator.Id, now.AddDays(-18));
        db.CouncilAgendaItems.AddRange(accepted, CouncilAgendaItem.Propose(council.Id, citizens[0].Id, "Des arceaux vélo rue Carnot",
            "Les vélos sont accrochés aux grilles faute d'arceaux devant la boulangerie et la pharmacie.", now.AddDays(-2)));
        await db.SaveChangesAsync();
    }
}
