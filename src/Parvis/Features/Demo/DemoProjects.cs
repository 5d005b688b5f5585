using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// The place de la Gare told as a project: studies done, the concertation under way, works and delivery to come;
/// linked to its consultation, its two meetings and the bike-parking outcome; requests nearby show on its page.
/// </summary>
public static class DemoProjects
{
    public const string GareProject = "Réaménagement de la place de la Gare";

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory gare)
    {
        var today = DateOnly.FromDateTime(now);
        var project = new Project { Title = "" };
        project.Describe(new ProjectDescription(GareProject,
            "Une place plus verte et plus sûre devant la gare : moins de voitures, plus d'arbres, un vrai parking vélo.",
            "La place de la Gare est aujourd'hui un grand parking traversé par les bus. La Ville veut en faire **une place à vivre** :\n\n"
                + "- des arbres et de l'ombre ;\n- des traversées sûres pour les piétons ;\n- 120 places de vélo abritées ;\n"
                + "- des bus toujours au plus près des quais.\n\nLe projet se dessine avec les habitants : dites ce qui compte pour vous.",
            ProjectTheme.Urbanism, gare.Id, 48.8368, 2.3392, "Service urbanisme", 3_200_000m), now.AddDays(-40));
        project.Publish(now.AddDays(-30));
        db.Projects.Add(project);
        await db.SaveChangesAsync();

        ProjectPhase Phase(string name, ProjectPhaseKind kind, int from, int? to, string description)
        {
            var phase = new ProjectPhase { Name = "", ProjectId = project.Id };
            phase.Describe(name, kind, today.AddDays(from), to is { } t ? today.AddDays(t) : null, description);
            return phase;
        }
        db.ProjectPhases.AddRange(
            Phase("Études de circulation et diagnostic", ProjectPhaseKind.Studies, -400, -120,
                "Comptages, observation des traversées, inventaire des arbres ; le diagnostic est dans le dossier de la concertation."),
            Phase("Concertation avec les habitants", ProjectPhaseKind.Consultation, -100, 25,
                "En ligne, en réunion publique et en atelier : trois scénarios à discuter."),
            Phase("Travaux", ProjectPhaseKind.Works, 90, 450, "En deux tranches, la gare restant accessible pendant tout le chantier."),
            Phase("Livraison de la place", ProjectPhaseKind.Delivery, 460, null, "Inauguration et plantations d'automne."));

        var consultation = await db.Consultations.Where(c => c.Title == GareProject).Select(c => c.Id).SingleAsync();
        db.ProjectLinks.Add(new ProjectLink { ProjectId = project.Id, Kind = OutcomeSubjectKind.Consultation, SubjectId = consultation });
        foreach (var meeting in await db.Meetings.Where(m => m.ConsultationId == consultation).Select(m => m.Id).ToListAsync())
            db.ProjectLinks.Add(new ProjectLink { ProjectId = project.Id, Kind = OutcomeSubjectKind.Meeting, SubjectId = meeting });
        var parking = await db.Outcomes.SingleAsync(o => o.Title == "Parking vélo abrité devant la gare");
        parking.ProjectId = project.Id;
        await db.SaveChangesAsync();
    }
}
