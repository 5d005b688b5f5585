using Parvis.Domain;

namespace Parvis.Features.Petitions;

/// <summary>
/// Who may draft or sponsor a petition, as a space for the one participation check: a confirmed account,
/// or a verified elector when the petition follows CGCT art. L1112-16.
/// </summary>
public sealed record PetitionSupportSpace(int TerritoryId, bool ElectorMode) : IParticipationSpace
{
    public ActionRequirement RequirementFor(ParticipationAction action) =>
        new(ElectorMode ? ParticipationLevel.VerifiedElector : ParticipationLevel.ConfirmedAccount, null);
}

/// <summary>French labels of the petition values; views translate them with <c>L.Text</c>.</summary>
public static class PetitionLabels
{
    public static string Of(PetitionStatus status) => status switch
    {
        PetitionStatus.Draft => "Brouillon",
        PetitionStatus.AwaitingModeration => "En attente de modération",
        PetitionStatus.Rejected => "Refusée",
        PetitionStatus.Open => "Ouverte à la signature",
        _ => "Close",
    };

    public static string Of(CollectivityKind kind) => kind == CollectivityKind.Commune ? "Commune" : "Autre collectivité";

    public static string Of(AgendaItemStatus status) => status switch
    {
        AgendaItemStatus.ToSchedule => "À inscrire à l'ordre du jour",
        AgendaItemStatus.Scheduled => "Inscrite à l'ordre du jour",
        _ => "Décision rendue",
    };
}
