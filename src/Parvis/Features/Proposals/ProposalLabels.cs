using Parvis.Domain;

namespace Parvis.Features.Proposals;

/// <summary>The French names of a proposal's states; translated where they are shown.</summary>
public static class ProposalLabels
{
    public static string Of(ProposalState state) => state switch
    {
        ProposalState.UnderStudy => "À l'étude",
        ProposalState.Accepted => "Retenue",
        ProposalState.AcceptedWithChanges => "Retenue avec modifications",
        ProposalState.NotRetained => "Non retenue",
        ProposalState.CarriedOut => "Réalisée",
        ProposalState.Merged => "Fusionnée",
        _ => "Publiée",
    };

    /// <summary>The sorts a space's list offers.</summary>
    public static string Of(ProposalSort sort) => sort switch
    {
        ProposalSort.Recent => "Les plus récentes",
        _ => "Les plus soutenues",
    };
}
