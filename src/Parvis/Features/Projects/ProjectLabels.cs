using Parvis.Domain;

namespace Parvis.Features.Projects;

/// <summary>The French labels of the project themes and phase kinds (English in SharedResource.en.resx).</summary>
public static class ProjectLabels
{
    public static string Of(ProjectTheme theme) => theme switch
    {
        ProjectTheme.Mobility => "Mobilité",
        ProjectTheme.Urbanism => "Urbanisme",
        ProjectTheme.Environment => "Environnement",
        ProjectTheme.Facilities => "Équipements",
        ProjectTheme.Culture => "Culture",
        ProjectTheme.Sport => "Sport",
        ProjectTheme.Solidarity => "Solidarité",
        ProjectTheme.Education => "Éducation",
        ProjectTheme.Housing => "Logement",
        ProjectTheme.Economy => "Économie et commerce",
        _ => "Autre thème",
    };

    public static string Of(ProjectPhaseKind kind) => kind switch
    {
        ProjectPhaseKind.Studies => "Études",
        ProjectPhaseKind.Consultation => "Concertation",
        ProjectPhaseKind.Works => "Travaux",
        ProjectPhaseKind.Delivery => "Livraison",
        _ => "Autre étape",
    };

    /// <summary>How the section of a project's page about linked items of a kind is headed.</summary>
    public static string Section(OutcomeSubjectKind kind) => kind switch
    {
        OutcomeSubjectKind.Consultation => "Concertations",
        OutcomeSubjectKind.Meeting => "Rencontres",
        OutcomeSubjectKind.Proposal => "Propositions",
        _ => "Pétitions",
    };
}
