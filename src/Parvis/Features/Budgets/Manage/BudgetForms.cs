using Parvis.Domain;

namespace Parvis.Features.Budgets.Manage;

/// <summary>A budget's settings as staff type them (dates in the organization's time); the budget checks them.</summary>
public sealed class BudgetForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public long? Amount { get; set; }
    public int? TerritoryId { get; set; }
    public string? ServiceName { get; set; }
    public ParticipationLevel VoteLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? MinimumAge { get; set; }
    public BudgetRule Rule { get; set; } = BudgetRule.EqualShares;
    public BudgetVoteForm VoteForm { get; set; } = BudgetVoteForm.Approval;
    public int? MaxChoices { get; set; }
    public int? MaxPointsPerProject { get; set; }
    public int? MaxPointsTotal { get; set; }
    public DateTime? IdeasFrom { get; set; }
    public DateTime? StudyFrom { get; set; }
    public DateTime? VoteFrom { get; set; }
    public DateTime? VoteUntil { get; set; }
    public DateTime? RealisationFrom { get; set; }

    public static BudgetForm From(Budget b, Organization organization) => new()
    {
        Title = b.Title,
        Description = b.DescriptionMarkdown,
        Amount = b.Amount,
        TerritoryId = b.TerritoryId,
        ServiceName = b.ServiceName,
        VoteLevel = b.VoteLevel,
        MinimumAge = b.MinimumAge,
        Rule = b.Rule,
        VoteForm = b.VoteForm,
        MaxChoices = b.MaxChoices,
        MaxPointsPerProject = b.MaxPointsPerProject,
        MaxPointsTotal = b.MaxPointsTotal,
        IdeasFrom = organization.ToLocal(b.IdeasFrom),
        StudyFrom = organization.ToLocal(b.StudyFrom),
        VoteFrom = organization.ToLocal(b.VoteFrom),
        VoteUntil = organization.ToLocal(b.VoteUntil),
        RealisationFrom = organization.ToLocal(b.RealisationFrom),
    };
}

/// <summary>A project of a budget and its study, as staff type them.</summary>
public sealed class ProjectForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public long? Cost { get; set; }
    public int? TerritoryId { get; set; }
    public int? SourceProposalId { get; set; }
    public BudgetFeasibility Feasibility { get; set; }
    public string? FeasibilityReason { get; set; }

    public static ProjectForm From(Domain.BudgetProject p) => new()
    {
        Title = p.Title,
        Description = p.DescriptionMarkdown,
        Cost = p.Cost,
        TerritoryId = p.TerritoryId,
        SourceProposalId = p.SourceProposalId,
        Feasibility = p.Feasibility,
        FeasibilityReason = p.FeasibilityReason,
    };
}
