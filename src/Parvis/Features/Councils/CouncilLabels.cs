using Parvis.Domain;

namespace Parvis.Features.Councils;

/// <summary>French labels of the councils' values; views show them through the localizer (<c>L.Text(...)</c>).</summary>
public static class CouncilLabels
{
    public static string Of(CouncilKind kind) => kind switch
    {
        CouncilKind.Neighbourhood => "Conseil de quartier",
        CouncilKind.Development => "Conseil de développement",
        CouncilKind.Citizens => "Conseil citoyen",
        CouncilKind.Youth => "Conseil des jeunes",
        _ => "Autre instance",
    };

    public static string Of(MandateRole role) => role switch
    {
        MandateRole.President => "Président ou présidente",
        MandateRole.Secretary => "Secrétaire",
        _ => "Membre",
    };

    public static string Of(MandateSource source) => source switch
    {
        MandateSource.Candidacy => "sur candidature",
        MandateSource.Draw => "tiré au sort",
        _ => "désigné",
    };

    public static string Of(CouncilItemStatus status) => status switch
    {
        CouncilItemStatus.Accepted => "Retenu",
        CouncilItemStatus.Declined => "Non retenu",
        _ => "En attente de réponse",
    };

    public static string Of(CandidacyStatus status) => status switch
    {
        CandidacyStatus.Appointed => "Retenue",
        CandidacyStatus.NotRetained => "Non retenue",
        CandidacyStatus.Withdrawn => "Retirée",
        _ => "En attente",
    };

    public static string Of(MemberVote vote) => vote switch
    {
        MemberVote.For => "Pour",
        MemberVote.Against => "Contre",
        _ => "Abstention",
    };
}
